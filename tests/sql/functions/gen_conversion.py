#!/usr/bin/env python3
"""Writes conversion.test: toInt64 and the narrower integer widths, toFloat64, toBool,
toDecimal, toString, toDate, toDateTime, toDateTime64, parseDateTimeBestEffort, toUUID and CAST,
each with its OrNull / OrZero forms, from every source type, with ClickHouse semantics: floats
truncate toward zero, narrow widths wrap around (toUInt8(-1) = 255, toInt8(200) = -56), text
must hold exactly a number of the kind asked for, numbers below 65536 are day numbers for
toDate and unix seconds above, NULL converts to NULL, OrNull gives NULL and OrZero zero (the
epoch for dates) for what does not convert. Larder deviations: every integer is Int64
(toUInt64(-1) is -1), toDecimal results have scale 2."""
import os, sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
from sqltest import TestFile

t = TestFile('functions/conversion.test', __doc__)


def wrap(x, bits, signed):
    x %= 2 ** bits
    return x - 2 ** bits if signed and x >= 2 ** (bits - 1) else x


t.comment('Integer widths wrap around as ClickHouse\'s do.')
for value in [0, 1, -1, 127, 128, 200, 255, 256, -129, 32767, 32768, 40000, 65535, 65536,
              2147483647, 2147483648, 4294967295, 4294967296, -2147483649]:
    cols, vals = [], []
    for name, bits, signed in [('toInt8', 8, True), ('toUInt8', 8, False), ('toInt16', 16, True),
                               ('toUInt16', 16, False), ('toInt32', 32, True), ('toUInt32', 32, False),
                               ('toInt64', 64, True)]:
        cols.append(f'{name}({value})' if value >= 0 else f'{name}(({value}))')
        vals.append(wrap(value, bits, signed))
    t.value('I' * len(cols), 'SELECT ' + ', '.join(cols), *vals)
t.value('I', 'SELECT toUInt64(-1)', -1)
t.value('I', 'SELECT toInt(42)', 42)

t.comment('Integers from floats truncate toward zero; from Bool, Date and DateTime.')
for value, expect in [(1.9, 1), (-1.9, -1), (0.5, 0), (-0.5, 0), (1e15, 10**15), (255.99, 255),
                      (-9.99e3, -9990)]:
    t.value('I', f'SELECT toInt64({value!r})', expect)
t.value('I', 'SELECT toUInt8(300.7)', 44)
t.value('I', 'SELECT toInt8(-129.5)', 127)
t.value('II', 'SELECT toInt64(true), toInt64(false)', 1, 0)
t.value('I', "SELECT toInt64(toDate('1970-01-10'))", 9)
t.value('I', "SELECT toInt64(toDate('2024-01-01'))", 19723)
t.value('I', "SELECT toInt64(toDateTime('1970-01-01 00:01:00'))", 60)
t.value('I', "SELECT toInt64(toDateTime('2023-11-14 22:13:20'))", 1700000000)
t.value('I', "SELECT toInt64(toDecimal64('-12.75', 2))", -12)
t.value('I', 'SELECT toInt64(NULL)', None)
for bad in ['nan', 'inf']:
    t.error(f"SELECT toInt64(toFloat64('{bad}'))")

t.comment('Integers from text: an optional sign and digits, nothing else.')
for text, val in [('12', 12), ('-3', -3), ('+4', 4), ('0', 0), ('007', 7),
                  ('9223372036854775807', 9223372036854775807), ('-9223372036854775808', -9223372036854775808)]:
    t.value('III', f"SELECT toInt64('{text}'), toInt64OrNull('{text}'), toInt64OrZero('{text}')", val, val, val)
for text in ['1.5', ' 1', '1 ', 'abc', '', '12a', '0x10', '1e3', '--1', '9223372036854775808']:
    t.error(f"SELECT toInt64('{text}')")
    t.value('II', f"SELECT toInt64OrNull('{text}'), toInt64OrZero('{text}')", None, 0)
t.error("SELECT toInt64('abc')", 'abc')
t.value('II', "SELECT toInt32OrNull('12'), toUInt8OrZero('x')", 12, 0)
t.table('conv_text(k Int64, s Nullable(String))')
texts = [(1, '10'), (2, 'x'), (3, None), (4, '-7'), (5, '')]
t.rows('conv_text', texts)
t.query('III', 'SELECT k, toInt64OrNull(s), toInt64OrZero(s) FROM conv_text ORDER BY k',
        [(1, 10, 10), (2, None, 0), (3, None, None), (4, -7, -7), (5, None, 0)])
t.query('IR', 'SELECT k, toFloat64OrZero(s) FROM conv_text ORDER BY k',
        [(1, 10.0), (2, 0.0), (3, None), (4, -7.0), (5, 0.0)])
t.error('SELECT toInt64(s) FROM conv_text', 'x')
t.query('I', "SELECT toInt64(s) FROM conv_text WHERE k IN (1, 4) ORDER BY k", [10, -7])

t.comment('Floats.')
for text, val in [('1.5', 1.5), ('-0.25', -0.25), ('1e3', 1000.0), ('10', 10.0), ('.5', 0.5), ('inf', float('inf')),
                  ('-inf', float('-inf')), ('1E-2', 0.01)]:
    t.value('R', f"SELECT toFloat64('{text}')", val)
for text in ['abc', '', '1.5x', '1,5']:
    t.error(f"SELECT toFloat64('{text}')")
    t.value('RR', f"SELECT toFloat64OrNull('{text}'), toFloat64OrZero('{text}')", None, 0.0)
t.value('R', 'SELECT toFloat64(3)', 3.0)
t.value('R', 'SELECT toFloat64(true)', 1.0)
t.value('R', "SELECT toFloat64(toDecimal64('2.25', 2))", 2.25)
t.value('R', 'SELECT toFloat(-9223372036854775807)', -9223372036854775807.0)
t.value('R', 'SELECT toFloat64(NULL)', None)
t.value('T', "SELECT toString(toFloat64('nan'))", 'nan')

t.comment('Bool.')
for src, val in [('1', True), ('0', False), ('2', True), ('-1', True), ('0.0', False), ('0.1', True),
                 ("'true'", True), ("'false'", False), ("'1'", True), ("'0'", False)]:
    t.value('B', f'SELECT toBool({src})', val)
t.value('B', 'SELECT toBool(NULL)', None)
t.error("SELECT toBool('maybe')", 'maybe')
t.value('BB', "SELECT toBoolOrNull('maybe'), toBoolOrZero('maybe')", None, False)

t.comment('toString writes values as ClickHouse does.')
for expr, val in [('1', '1'), ('-42', '-42'), ('1.5', '1.5'), ('0.1 + 0.2', '0.30000000000000004'),
                  ('1e21', '1e21'), ('1e20', '100000000000000000000'), ('123456789.125', '123456789.125'),
                  ('1e-7', '1e-7'), ('0.00001', '0.00001'), ('-0.0', '-0'), ('1 / 0', 'inf'), ('-1 / 0', '-inf'),
                  ('true', 'true'), ('false', 'false'), ("'text'", 'text'), ("''", ''),
                  ("toDate('2024-02-29')", '2024-02-29'), ("toDateTime('2024-02-29 01:02:03')", '2024-02-29 01:02:03'),
                  ("toUUID('61F0C404-5CB3-11E7-907B-A6006AD3DBA0')", '61f0c404-5cb3-11e7-907b-a6006ad3dba0'),
                  ('[1, 2, 3]', '[1,2,3]'), ("['a', 'b''c']", "['a','b\\'c']"), ('[]', '[]'),
                  ("[toDate('2024-01-01')]", "['2024-01-01']"), ('[1.5, NULL]', '[1.5,NULL]'),
                  ("toDecimal64('1.50', 2)", '1.5'), ("toDecimal64('-0.05', 2)", '-0.05'),
                  ('9223372036854775807', '9223372036854775807'), ('[[1], [2, 3]]', '[[1],[2,3]]')]:
    t.value('T', f'SELECT toString({expr})', val)
t.value('T', 'SELECT toString(NULL)', None)
t.value('T', "SELECT toString(toDateTime('2024-01-01 12:00:00'), 'Asia/Tokyo')", '2024-01-01 21:00:00')
t.value('T', "SELECT toString(toDateTime('2024-07-01 12:00:00'), 'America/New_York')", '2024-07-01 08:00:00')
t.value('T', "SELECT toString(toDateTime64('2024-01-01 00:00:00.25', 6))", '2024-01-01 00:00:00.250000')

t.comment('toDate: text, day numbers below 65536, unix seconds above, DateTimes in a zone.')
for expr, val in [("'2024-02-29'", '2024-02-29'), ("'1970-01-01'", '1970-01-01'), ("'2024-01-15 23:59:59'", '2024-01-15'),
                  ('19723', '2024-01-01'), ('0', '1970-01-01'), ('65535', '2149-06-06'), ('1700000000', '2023-11-14'),
                  ("toDateTime('2024-01-01 23:59:59')", '2024-01-01'), ("toDate('2024-03-01')", '2024-03-01')]:
    t.value('D', f'SELECT toDate({expr})', val)
t.value('D', "SELECT toDate(toDateTime('2024-01-01 20:00:00'), 'Asia/Tokyo')", '2024-01-02')
t.value('D', "SELECT toDate(toDateTime('2024-01-01 03:00:00'), 'America/New_York')", '2023-12-31')
t.value('D', 'SELECT toDate(NULL)', None)
for text in ['2023-02-29', '2024-13-01', 'yesterday', '', '2024-1-1x']:
    t.error(f"SELECT toDate('{text}')")
    t.value('DD', f"SELECT toDateOrNull('{text}'), toDateOrZero('{text}')", None, '1970-01-01')
t.query('ID', "SELECT k, toDateOrNull(s) FROM conv_text WHERE k != 1 ORDER BY k", [(k, None) for k, s in texts if k != 1])

t.comment('toDateTime: text in the query\'s zone (UTC) or the given one, unix seconds, Dates.')
for expr, val in [("'2024-01-15 10:20:30'", '2024-01-15 10:20:30'), ("'2024-01-15'", '2024-01-15 00:00:00'),
                  ("'2024-01-15T10:20:30'", '2024-01-15 10:20:30'), ('0', '1970-01-01 00:00:00'),
                  ('1700000000', '2023-11-14 22:13:20'), ("toDate('2024-02-29')", '2024-02-29 00:00:00')]:
    t.value('D', f'SELECT toDateTime({expr})', val)
t.value('D', "SELECT toDateTime(toDateTime('2024-01-15 10:20:30', 'Asia/Tokyo'), 'UTC')", '2024-01-15 01:20:30')
t.value('D', "SELECT toDateTime('2024-01-15 10:20:30', 'Asia/Tokyo')", '2024-01-15 10:20:30')
t.value('D', "SELECT toDateTime(toDateTime('2024-07-15 10:20:30', 'Europe/Berlin'), 'UTC')", '2024-07-15 08:20:30')
t.value('D', 'SELECT toDateTime(NULL)', None)
for text in ['now-ish', '2024-02-30 00:00:00', 'abc12']:
    t.error(f"SELECT toDateTime('{text}')")
    t.value('DD', f"SELECT toDateTimeOrNull('{text}'), toDateTimeOrZero('{text}')", None, '1970-01-01 00:00:00')
t.value('D', "SELECT toDateTime64('2024-01-15 10:20:30.123456', 6)", '2024-01-15 10:20:30.123456')
t.value('D', "SELECT toDateTime64('2024-01-15 10:20:30.123456', 3)", '2024-01-15 10:20:30.123000')
t.value('D', "SELECT toDateTime64('2024-01-15 10:20:30.999', 0)", '2024-01-15 10:20:30')

t.comment('parseDateTimeBestEffort: ISO 8601 with offsets, dates alone, unix timestamps.')
for text, val in [('2024-01-15T10:20:30Z', '2024-01-15 10:20:30'), ('2024-01-15 10:20:30', '2024-01-15 10:20:30'),
                  ('2024-01-15T10:20:30+02:00', '2024-01-15 08:20:30'), ('2024-01-15T10:20:30-0530', '2024-01-15 15:50:30'),
                  ('2024-01-15', '2024-01-15 00:00:00'), ('1700000000', '2023-11-14 22:13:20'),
                  ('2024-01-15T10:20:30.5Z', '2024-01-15 10:20:30.500000')]:
    t.value('D', f"SELECT parseDateTimeBestEffort('{text}')", val)
t.value('D', "SELECT toTimeZone(parseDateTimeBestEffort('2024-01-15 10:20:30', 'Asia/Tokyo'), 'UTC')", '2024-01-15 01:20:30')
t.error("SELECT parseDateTimeBestEffort('not a date')")
t.value('DD', "SELECT parseDateTimeBestEffortOrNull('not a date'), parseDateTimeBestEffortOrZero('not a date')",
        None, '1970-01-01 00:00:00')

t.comment('UUIDs.')
U = '61f0c404-5cb3-11e7-907b-a6006ad3dba0'
t.value('?', f"SELECT toUUID('{U}')", U)
t.value('?', f"SELECT toUUID('{U.upper()}')", U)
t.value('?', "SELECT toUUID('61f0c4045cb311e7907ba6006ad3dba0')", U)
t.error("SELECT toUUID('61f0c404-5cb3-11e7-907b')")
t.value('??', "SELECT toUUIDOrNull('nope'), toUUIDOrZero('nope')", None, '00000000-0000-0000-0000-000000000000')
t.value('T', f"SELECT toString(toUUID('{U}'))", U)

t.comment('CAST(x AS T) is the plain conversion.')
for expr, types, val in [("CAST('12' AS Int64)", 'I', 12), ('CAST(1.9 AS Int64)', 'I', 1), ("CAST('1.5' AS Float64)", 'R', 1.5),
                         ('CAST(42 AS String)', 'T', '42'), ("CAST('2024-02-29' AS Date)", 'D', '2024-02-29'),
                         ("CAST('2024-02-29 10:00:00' AS DateTime)", 'D', '2024-02-29 10:00:00'),
                         ('CAST(1 AS Bool)', 'B', True), ('CAST(NULL AS Nullable(Int64))', 'I', None),
                         ("CAST(toDate('2024-01-01') AS String)", 'T', '2024-01-01')]:
    t.value(types, 'SELECT ' + expr, val)
t.comment('CAST to the narrow integer types wraps, as toUInt8 and friends do.')
for expr, val in [('CAST(200 AS UInt8)', 200), ('CAST(300 AS UInt8)', 44), ('CAST(-1 AS UInt16)', 65535),
                  ('CAST(70000 AS Int16)', 4464), ('CAST(5000000000 AS Int32)', 705032704),
                  ('CAST(-129 AS Int8)', 127), ('CAST(-1 AS UInt32)', 4294967295), ('300::UInt8', 44)]:
    t.value('I', 'SELECT ' + expr, val)
t.error("SELECT CAST('x' AS Int64)")
t.error("SELECT CAST('2024-99-01' AS Date)")
t.error("SELECT CAST(1 AS NoSuchType)")

t.comment('toDecimal: text and numbers truncated to the scale (2 in Larder).')
for expr, val in [("toDecimal64('1.23', 2)", '1.23'), ("toDecimal64('-1.239', 2)", '-1.23'), ('toDecimal64(2, 2)', '2'),
                  ('toDecimal64(1.005, 2)', '1'), ("toDecimal32('12.5', 2)", '12.5'), ("toDecimal128('0', 2)", '0')]:
    t.value('T', f'SELECT toString({expr})', val)
t.error("SELECT toDecimal64('abc', 2)", 'abc')
t.value('T', "SELECT toString(toDecimal64OrZero('abc', 2))", '0')
t.value('?', "SELECT toDecimal64OrNull('abc', 2)", None)
t.error("SELECT toDecimal32('10000000000', 2)")
t.error("SELECT toDecimal64(1, 40)", 'scale')
t.write()
