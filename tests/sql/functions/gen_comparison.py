#!/usr/bin/env python3
"""Writes comparison.test: = != < <= > >= (and their function forms) for every pair of
comparable types — Int64, Float64, Decimal, Bool, String, Date, DateTime, UUID, Array, NULL —
on values below, equal to and above each other, as constants and as table columns; IS [NOT]
DISTINCT FROM, BETWEEN, IN; and the pairs that cannot be compared. ClickHouse semantics:
numbers compare by exact value across types, strings byte-wise, a constant string against a
number, Date, DateTime or UUID is read as that type, Date against DateTime at the date's
midnight, Date against a number by its day number, DateTime against a number by its unix
seconds, arrays element by element, and NULL makes the result NULL."""
import datetime as dt
import os, sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
from fractions import Fraction
from sqltest import TestFile

OPS = [('=', 'equals', lambda c: c == 0), ('!=', 'notEquals', lambda c: c != 0),
       ('<', 'less', lambda c: c < 0), ('<=', 'lessOrEquals', lambda c: c <= 0),
       ('>', 'greater', lambda c: c > 0), ('>=', 'greaterOrEquals', lambda c: c >= 0)]


def cmp(a, b):
    return (a > b) - (a < b)


EPOCH = dt.date(1970, 1, 1)


def days(text):
    return (dt.date.fromisoformat(text) - EPOCH).days


def secs(text):
    return int((dt.datetime.fromisoformat(text) - dt.datetime(1970, 1, 1)).total_seconds())


# Each kind: a list of (sql, key); keys of the kinds a pair compares share one scale.
def ints(*vs):
    return [(str(v) if v >= 0 else f'({v})', Fraction(v)) for v in vs]


def floats(*vs):
    return [(repr(v) if v >= 0 else f'({v!r})', Fraction(v)) for v in vs]


def decs(*vs):
    return [(f"toDecimal64('{v}', 2)", Fraction(v)) for v in vs]


def strs(*vs):
    return [("'" + v + "'", v.encode()) for v in vs]


def dates(*vs):
    return [(f"toDate('{v}')", days(v) * 86400) for v in vs]


def datetimes(*vs):
    return [(f"toDateTime('{v}')", secs(v)) for v in vs]


def date_texts(*vs):
    return [(f"'{v}'", days(v) * 86400) for v in vs]


def datetime_texts(*vs):
    return [(f"'{v}'", secs(v)) for v in vs]


def uuids(*vs):
    return [(f"toUUID('{v}')", int(v.replace('-', ''), 16)) for v in vs]


def uuid_texts(*vs):
    return [(f"'{v}'", int(v.replace('-', ''), 16)) for v in vs]


def bools(*vs):
    return [('true' if v else 'false', Fraction(int(v))) for v in vs]


U1, U2, U3 = ('00000000-0000-0000-0000-000000000001', '61f0c404-5cb3-11e7-907b-a6006ad3dba0',
              'ffffffff-0000-0000-0000-000000000000')

# (name, left values, right values, bug note or None)
PAIRS = [
    ('Int64 with Int64', ints(-5, 0, 3, 9223372036854775807), ints(-6, 0, 3, 4, -9223372036854775807), None),
    ('Int64 with Float64', ints(-5, 0, 3, 1000), floats(-5.5, 0.0, 3.0, 3.25, 999.999), None),
    ('Float64 with Int64', floats(-0.5, 2.0, 7.75), ints(-1, 0, 2, 8), None),
    ('Float64 with Float64', floats(-1.5, 0.1, 2.5, 1e300), floats(-1.5, 0.1, 0.30000000000000004, 3.0), None),
    ('Int64 with Decimal', ints(-2, 1, 3), decs('-2.00', '1.00', '1.01', '2.99'), None),
    ('Decimal with Int64', decs('0.50', '2.00', '-7.25'), ints(0, 2, -7, -8), None),
    ('Decimal with Decimal', decs('1.10', '-3.33', '100.00'), decs('1.10', '1.09', '-3.34', '99.99'), None),
    ('Bool with Bool', bools(False, True), bools(False, True), None),
    ('Bool with Int64', bools(False, True), ints(0, 1, 2, -1), None),
    ('Int64 with Bool', ints(0, 1, 5), bools(False, True), None),
    ('String with String', strs('', 'a', 'abc', 'B', 'éa', 'a b'),
     strs('', 'a', 'ab', 'abd', 'b', 'É'), None),
    ('Date with Date', dates('2024-02-29', '1970-01-01', '2023-12-31'),
     dates('2024-02-29', '2024-03-01', '1969-12-31', '2000-01-01'), None),
    ('Date with date text', dates('2024-02-29', '2000-06-15'),
     date_texts('2024-02-29', '2024-02-28', '2030-01-01'), None),
    ('date text with Date', date_texts('2024-01-01', '1999-12-31'),
     dates('2024-01-01', '2000-01-01'), None),
    ('Date with DateTime', dates('2024-01-15', '2024-01-16'),
     datetimes('2024-01-15 00:00:00', '2024-01-15 23:59:59', '2024-01-14 23:59:59'), None),
    ('DateTime with Date', datetimes('2024-01-15 00:00:00', '2024-01-15 12:00:00'),
     dates('2024-01-15', '2024-01-16'), None),
    ('DateTime with DateTime', datetimes('2024-03-10 02:30:00', '1970-01-01 00:00:00', '2038-01-19 03:14:08'),
     datetimes('2024-03-10 02:30:00', '2024-03-10 02:30:01', '1969-12-31 23:59:59'), None),
    ('DateTime with date-time text', datetimes('2024-06-01 12:00:00'),
     datetime_texts('2024-06-01 12:00:00', '2024-06-01 11:59:59', '2024-06-01 12:00:01'), None),
    ('date-time text with DateTime', datetime_texts('2024-06-01 12:00:00', '2020-01-01 00:00:00'),
     datetimes('2024-06-01 12:00:00', '2021-01-01 00:00:00'), None),
    ('DateTime with date text', datetimes('2024-06-01 00:00:00', '2024-06-01 00:00:01'),
     date_texts('2024-06-01'), None),
    ('UUID with UUID', uuids(U1, U2, U3), uuids(U1, U2, U3), None),
    ('UUID with text', uuids(U2), uuid_texts(U1, U2, U3), None),
    ('text with UUID', uuid_texts(U1, U3), uuids(U2, U3), None),
]

t = TestFile('functions/comparison.test', __doc__)

for name, left, right, bug in PAIRS:
    t.comment(name + '.')
    for ls, lk in left:
        for rs, rk in right:
            c = cmp(lk, rk)
            for op, fn, pred in OPS:
                t.value('B', f'SELECT {ls} {op} {rs}', pred(c), bug=bug)
    # The function forms, once per pair of kinds.
    ls, lk = left[0]
    rs, rk = right[-1]
    t.value('BBBBBB', f'SELECT ' + ', '.join(f'{fn}({ls}, {rs})' for _, fn, _ in OPS),
            *[pred(cmp(lk, rk)) for _, _, pred in OPS])

t.comment('Date against a number: its day number.')
for d, n in [('2024-01-15', 19737), ('1970-01-01', 0), ('2024-01-15', 19738), ('2000-01-01', 10000)]:
    c = cmp(days(d), n)
    t.value('BBB', f"SELECT toDate('{d}') = {n}, toDate('{d}') < {n}, toDate('{d}') > {n}",
            c == 0, c < 0, c > 0)

t.comment('DateTime against a number: its unix seconds (DateTime is UInt32 seconds in ClickHouse).')
for ts, n in [('1970-01-01 00:00:10', 10), ('2023-11-14 22:13:20', 1700000000),
              ('2023-11-14 22:13:20', 1700000001)]:
    c = cmp(secs(ts), n)
    t.value('BBB', f"SELECT toDateTime('{ts}') = {n}, toDateTime('{ts}') < {n}, toDateTime('{ts}') > {n}",
            c == 0, c < 0, c > 0)
t.value('BB', "SELECT toDateTime('2023-11-14 22:13:20') > 1699999999.5, "
        "toDateTime('2023-11-14 22:13:20') < 1700000000.5", True, True)
t.value('B', "SELECT toDateTime('2023-11-14 22:13:20') > -9223372036854775807", True)

t.comment('Numbers against constant strings: ClickHouse reads the string as a number.')
for expr, val in [("1 = '1'", True), ("2 < '10'", True), ("'2' < 10", True), ("1.5 = '1.5'", True),
                  ("2.0 = '2'", True), ("'200' > 100.0", True)]:
    t.value('B', 'SELECT ' + expr, val)
t.value('B', "SELECT '2' < '10'", False)
t.value('B', "SELECT 10 != '10'", False)
t.error("SELECT 1 = 'abc'", 'cannot convert "abc" to Int64')

t.comment('Integers and floats compare exactly, not after converting the integer to Float64.')
for expr, val in [('9007199254740993 = 9007199254740992.0', False),
                  ('9007199254740993 > 9007199254740992.0', True),
                  ('9223372036854775807 < 9223372036854775808.0', True),
                  ('9223372036854775807 = 9223372036854775807.0', False),
                  ('-9223372036854775808 = -9223372036854775808.0', True),
                  ('-9223372036854775807 > -9223372036854775808.0', True),
                  ('2 > 1.5', True), ('1.5 < 2', True), ('-1 < -0.5', True), ('-1 > -1.5', True),
                  ('3 = nan', False), ('3 != nan', True), ('nan < 3', False), ('0 = -0.0', True),
                  ('true = 1.0', True)]:
    t.value('B', 'SELECT ' + expr, val)
t.value('B', 'SELECT 9007199254740992 = 9007199254740992.0', True)
t.value('B', 'SELECT 3 = 3.0000000000000001', True)

t.comment('Decimal against Float64.')
t.value('B', "SELECT toDecimal64('1.50', 2) > 1.2", True)
for expr, val in [("toDecimal64('1.50', 2) = 1.5", True),
                  ("toDecimal64('1.50', 2) < 1.7", True), ("toDecimal64('0.10', 2) = 0.1", True),
                  ("1.25 > toDecimal64('1.20', 2)", True), ("toDecimal64('2.00', 2) != 2.0", False)]:
    t.value('B', 'SELECT ' + expr, val)
t.value('B', "SELECT toDecimal64('2.00', 2) = 2.0", True)

t.comment('Arrays: element by element, then by length; elements of different numeric types.')
for a, b, c in [('[1, 2]', '[1, 2]', 0), ('[1, 2]', '[1, 3]', -1), ('[1, 2]', '[1, 2, 0]', -1),
                ('[2]', '[1, 9, 9]', 1), ('[]', '[0]', -1), ("['a', 'b']", "['a', 'b']", 0),
                ("['b']", "['a', 'z']", 1)]:
    t.value('BBBB', f'SELECT {a} = {b}, {a} != {b}, {a} < {b}, {a} > {b}', c == 0, c != 0, c < 0, c > 0)
t.value('B', 'SELECT [1, 2] = [1.0, 2.0]', True)
t.value('B', 'SELECT [1, 2] < [1.5]', True)
t.value('B', 'SELECT [2.5] > [2]', True)
t.value('B', 'SELECT [9007199254740993] = [9007199254740992.0]', False)

t.comment('NULL with every kind: the result is NULL.')
for v in ['1', '1.5', "toDecimal64('1', 2)", 'true', "'a'", "toDate('2024-01-01')",
          "toDateTime('2024-01-01 00:00:00')", f"toUUID('{U2}')", 'NULL']:
    for op, fn, _ in OPS:
        t.value('?', f'SELECT {v} {op} NULL', None)
    t.value('?', f'SELECT NULL < {v}', None)

t.comment('IS [NOT] DISTINCT FROM: NULL is a value like any other.')
for a, b, same in [('NULL', 'NULL', True), ('1', 'NULL', False), ('NULL', "'x'", False), ('1', '1', True),
                   ('1', '1.0', True), ("'a'", "'b'", False), ("toDate('2024-01-01')", "'2024-01-01'", True)]:
    t.value('BB', f'SELECT {a} IS DISTINCT FROM {b}, {a} IS NOT DISTINCT FROM {b}', not same, same)

t.comment('Comparable columns, Nullable ones among them.')
t.table('cmp_cols(k Int64, i Nullable(Int64), f Nullable(Float64), s Nullable(String), d Nullable(Date), ts Nullable(DateTime), dec Nullable(Decimal(38, 2)))')
rows = [(1, 5, 5.0, 'b', '2024-01-01', '2024-01-01 00:00:00', '5.00'),
        (2, -1, 0.5, 'a', '2023-12-31', '2024-01-01 00:00:01', '-1.00'),
        (3, None, None, None, None, None, None),
        (4, 7, 7.5, '', '2024-02-29', '2023-12-31 23:59:59', '7.01'),
        (5, 0, -0.0, 'B', '1970-01-01', '1970-01-01 00:00:00', '0.00')]
t.rows('cmp_cols', rows[:3])
t.rows('cmp_cols', rows[3:])


def col_cmp(x, y, pred):
    return None if x is None or y is None else pred(cmp(x, y))


for op, fn, pred in OPS:
    t.query('IBBB', f'SELECT k, i {op} f, s {op} \'a\', i {op} 5 FROM cmp_cols ORDER BY k',
            [(r[0], col_cmp(r[1], r[2], pred), col_cmp(None if r[3] is None else r[3].encode(), b'a', pred),
              col_cmp(r[1], 5, pred)) for r in rows])
    t.query('IBB', f"SELECT k, d {op} '2024-01-01', ts {op} d FROM cmp_cols ORDER BY k",
            [(r[0], col_cmp(None if r[4] is None else days(r[4]), days('2024-01-01'), pred),
              col_cmp(None if r[5] is None else secs(r[5]), None if r[4] is None else days(r[4]) * 86400, pred))
             for r in rows])
    t.query('IBB', f'SELECT k, dec {op} i, dec {op} 7 FROM cmp_cols ORDER BY k',
            [(r[0], col_cmp(None if r[6] is None else Fraction(r[6]), r[1], pred),
              col_cmp(None if r[6] is None else Fraction(r[6]), 7, pred)) for r in rows])
    t.query('I', f'SELECT k FROM cmp_cols WHERE i {op} 0 ORDER BY k',
            [r[0] for r in rows if r[1] is not None and pred(cmp(r[1], 0))])
t.query('IB', 'SELECT k, i IS DISTINCT FROM f FROM cmp_cols ORDER BY k',
        [(1, False), (2, True), (3, False), (4, True), (5, False)])
t.query('I', 'SELECT k FROM cmp_cols WHERE s IS NOT DISTINCT FROM NULL', [3])
t.query('I', "SELECT k FROM cmp_cols WHERE s IS DISTINCT FROM 'a' ORDER BY k", [1, 3, 4, 5])

t.comment('BETWEEN is inclusive on both ends; NOT BETWEEN its negation; NULL gives NULL.')
for v, lo, hi in [(1, 1, 3), (3, 1, 3), (0, 1, 3), (4, 1, 3), (2, 3, 1), (-5, -10, -1)]:
    inside = lo <= v <= hi
    t.value('BB', f'SELECT {v} BETWEEN {lo} AND {hi}, {v} NOT BETWEEN {lo} AND {hi}', inside, not inside)
t.value('B', "SELECT 'b' BETWEEN 'a' AND 'c'", True)
t.value('B', "SELECT toDate('2024-02-29') BETWEEN '2024-02-01' AND '2024-02-28'", False)
t.value('B', "SELECT 2.5 BETWEEN 2 AND 3", True)
t.value('?', 'SELECT NULL BETWEEN 1 AND 2', None)
t.value('?', 'SELECT 1 BETWEEN NULL AND 2', None)
t.value('?', 'SELECT 5 BETWEEN NULL AND 2', False)
t.query('I', 'SELECT k FROM cmp_cols WHERE i BETWEEN 0 AND 5 ORDER BY k', [1, 5])
t.query('I', 'SELECT k FROM cmp_cols WHERE i NOT BETWEEN 0 AND 5 ORDER BY k', [2, 4])

t.comment('IN and NOT IN with lists of constants.')
for v, lst, res in [('1', '(1, 2, 3)', True), ('4', '(1, 2, 3)', False), ("'a'", "('a', 'b')", True),
                    ("'c'", "('a', 'b')", False), ('2.0', '(1, 2)', True), ('2', '(1.5, 2.0)', True),
                    ("toDate('2024-01-01')", "('2024-01-01', '2024-01-02')", True),
                    ('1', '(1)', True), ('0', '(1)', False)]:
    t.value('BB', f'SELECT {v} IN {lst}, {v} NOT IN {lst}', res, not res)
t.query('I', 'SELECT k FROM cmp_cols WHERE i IN (5, 7, 8) ORDER BY k', [1, 4])
t.query('I', 'SELECT k FROM cmp_cols WHERE i NOT IN (5, 7, 8) ORDER BY k', [2, 5])
t.query('I', "SELECT k FROM cmp_cols WHERE s IN ('a', 'B', 'z') ORDER BY k", [2, 5])
t.query('I', "SELECT k FROM cmp_cols WHERE d IN ('2024-02-29', '1970-01-01') ORDER BY k", [4, 5])

t.comment('Kinds that cannot be compared.')
for a, b in [("'a'", 'true'), ("toDate('2024-01-01')", "toUUID('" + U1 + "')"), ('[1]', '1'),
             ("'x'", '[1]')]:
    t.error(f'SELECT {a} = {b}')
t.error("SELECT 1 = 'x'", 'cannot convert "x" to Int64')
t.error("SELECT toDate('2024-01-01') = 'soon'", 'soon')
t.error("SELECT toDateTime('2024-01-01 00:00:00') < 'later'", 'later')
t.error("SELECT toUUID('" + U1 + "') = 'not-a-uuid'", 'not-a-uuid')
t.error("SELECT d = 'x' FROM cmp_cols", 'x')
t.write()
