#!/usr/bin/env python3
"""Writes date.test: date and time functions in the query's time zone (UTC) — the parts (toYear
… toSecond, toDayOfWeek and toWeek in each mode, toISOWeek), truncations, adding and
subtracting calendar and clock units (months clamp to the last day of a shorter month), dateDiff
in every unit (counting unit boundaries, weeks starting on Monday), formatDateTime with every
% code, date arithmetic with integers and INTERVALs, now / today / yesterday (the runner's clock
is fixed at 2023-11-14 22:13:20 UTC), on leap days, month and year ends, ISO week 53 and the
epoch. Expected values come from Python's datetime and the ClickHouse rules quoted."""
import calendar
import datetime as dt
import os, sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
from sqltest import TestFile

t = TestFile('functions/date.test', __doc__)
EPOCH = dt.date(1970, 1, 1)


def dnum(d):
    return (d - EPOCH).days


def week_mode(d, mode):
    if mode == 3:
        return d.isocalendar()[1]
    if mode in (0, 2):
        jan1 = dt.date(d.year, 1, 1)
        first_sunday = jan1 + dt.timedelta(days=(6 - jan1.weekday()) % 7)
        if d >= first_sunday:
            return (d - first_sunday).days // 7 + 1
        return 0 if mode == 0 else week_mode(dt.date(d.year - 1, 12, 31), 0)
    if mode == 1:
        jan4 = dt.date(d.year, 1, 4)
        week1 = jan4 - dt.timedelta(days=jan4.weekday())
        return 0 if d < week1 else (d - week1).days // 7 + 1


def dow(d, mode):
    iso = d.isoweekday()
    return {0: iso, 1: iso - 1, 2: iso % 7, 3: iso % 7 + 1}[mode]


DATES = ['2024-02-29', '2024-03-01', '2023-02-28', '2023-03-01', '2000-02-29', '1970-01-01', '2023-12-31',
         '2024-01-01', '2020-12-31', '2021-01-01', '2021-01-03', '2021-01-04', '2022-01-01', '2022-01-02',
         '2024-12-30', '2024-12-31', '2026-01-01', '2027-01-03', '2024-06-15', '2149-06-06', '1999-12-31',
         '2024-09-30', '2024-10-01']

t.comment('Parts of Dates.')
for text in DATES:
    d = dt.date.fromisoformat(text)
    D = f"toDate('{text}')"
    t.value('IIIIIIIII', f'SELECT toYear({D}), toQuarter({D}), toMonth({D}), toDayOfMonth({D}), toDayOfYear({D}), '
            f'toYYYYMM({D}), toYYYYMMDD({D}), toISOWeek({D}), toUnixTimestamp({D})',
            d.year, (d.month - 1) // 3 + 1, d.month, d.day, d.timetuple().tm_yday, d.year * 100 + d.month,
            d.year * 10000 + d.month * 100 + d.day, d.isocalendar()[1], dnum(d) * 86400)
    t.value('IIIIIIII', f'SELECT toDayOfWeek({D}), toDayOfWeek({D}, 1), toDayOfWeek({D}, 2), toDayOfWeek({D}, 3), '
            f'toWeek({D}), toWeek({D}, 1), toWeek({D}, 2), toWeek({D}, 3)',
            dow(d, 0), dow(d, 1), dow(d, 2), dow(d, 3), week_mode(d, 0), week_mode(d, 1), week_mode(d, 2),
            week_mode(d, 3))
    q1 = dt.date(d.year, (d.month - 1) // 3 * 3 + 1, 1)
    t.value('DDDDDD', f'SELECT toMonday({D}), toStartOfWeek({D}), toStartOfWeek({D}, 1), toStartOfMonth({D}), '
            f'toStartOfQuarter({D}), toStartOfYear({D})',
            (d - dt.timedelta(days=d.weekday())).isoformat(),
            (d - dt.timedelta(days=(d.weekday() + 1) % 7)).isoformat(),
            (d - dt.timedelta(days=d.weekday())).isoformat(), d.replace(day=1).isoformat(), q1.isoformat(),
            d.replace(month=1, day=1).isoformat())
t.value('IIII', "SELECT toHour(toDate('2024-02-29')), toMinute(toDate('2024-02-29')), toSecond(toDate('2024-02-29')), "
        "toUnixTimestamp(toStartOfDay(toDate('2024-02-29')))", 0, 0, 0, dnum(dt.date(2024, 2, 29)) * 86400)

t.comment('Parts of DateTimes (and of date-time text, read in UTC).')
TIMES = ['2024-02-29 23:59:59', '2024-03-01 00:00:00', '1970-01-01 00:00:00', '2023-11-14 22:13:20',
         '2021-01-03 12:30:45', '2038-01-19 03:14:07', '2038-01-19 03:14:08', '2100-03-01 06:07:08',
         '1999-12-31 23:59:59']
for text in TIMES:
    x = dt.datetime.fromisoformat(text)
    ts = int((x - dt.datetime(1970, 1, 1)).total_seconds())
    for T in [f"toDateTime('{text}')", f"'{text}'"]:
        t.value('IIIIIIII', f'SELECT toYear({T}), toMonth({T}), toDayOfMonth({T}), toHour({T}), toMinute({T}), '
                f'toSecond({T}), toDayOfWeek({T}), toUnixTimestamp({T})',
                x.year, x.month, x.day, x.hour, x.minute, x.second, x.isoweekday(), ts)
    T = f"toDateTime('{text}')"
    t.value('IIIIII', f'SELECT toUnixTimestamp(toStartOfMinute({T})), toUnixTimestamp(toStartOfFiveMinutes({T})), '
            f'toUnixTimestamp(toStartOfFifteenMinutes({T})), toUnixTimestamp(toStartOfHour({T})), '
            f'toUnixTimestamp(toStartOfDay({T})), toUnixTimestamp(toStartOfInterval({T}, INTERVAL 10 second))',
            ts // 60 * 60, ts // 300 * 300, ts // 900 * 900, ts // 3600 * 3600, ts // 86400 * 86400, ts // 10 * 10)
    t.value('DDDD', f'SELECT toDate({T}), toMonday({T}), toStartOfMonth({T}), toStartOfYear({T})',
            x.date().isoformat(), (x.date() - dt.timedelta(days=x.weekday())).isoformat(),
            x.date().replace(day=1).isoformat(), x.date().replace(month=1, day=1).isoformat())
t.value('DDD', "SELECT toStartOfMinute(toDateTime('2024-02-29 23:59:59')), toStartOfHour(toDateTime('2024-02-29 23:59:59')), "
        "toStartOfDay(toDateTime('2024-02-29 23:59:59'))", '2024-02-29 23:59:00', '2024-02-29 23:00:00', '2024-02-29 00:00:00')
t.value('I', "SELECT toSecond(toDateTime64('2024-01-01 00:00:59.999999', 6))", 59)


def add_months(d, n):
    m = d.year * 12 + d.month - 1 + n
    y, mo = divmod(m, 12)
    day = min(d.day, calendar.monthrange(y, mo + 1)[1])
    return d.replace(year=y, month=mo + 1, day=day)


t.comment('Adding and subtracting: months clamp to the end of a shorter month; Dates stay Dates')
t.comment('for days and longer; clock units on a Date give a DateTime from its midnight.')
for text in ['2024-01-31', '2024-02-29', '2023-03-31', '2024-12-31', '2020-02-29', '2024-05-15']:
    d = dt.date.fromisoformat(text)
    D = f"toDate('{text}')"
    for n in [1, -1, 12, 13, -25]:
        t.value('DDDDD', f'SELECT addDays({D}, {n}), addWeeks({D}, {n}), addMonths({D}, {n}), addQuarters({D}, {n}), '
                f'addYears({D}, {n})',
                (d + dt.timedelta(days=n)).isoformat(), (d + dt.timedelta(weeks=n)).isoformat(),
                add_months(d, n).isoformat(), add_months(d, 3 * n).isoformat(), add_months(d, 12 * n).isoformat())
    t.value('DDD', f'SELECT subtractDays({D}, 1), subtractMonths({D}, 1), subtractYears({D}, 1)',
            (d - dt.timedelta(days=1)).isoformat(), add_months(d, -1).isoformat(), add_months(d, -12).isoformat())
    t.value('DDD', f'SELECT addHours({D}, 25), addMinutes({D}, -1), addSeconds({D}, 3661)',
            (dt.datetime.combine(d, dt.time()) + dt.timedelta(hours=25)).isoformat(' '),
            (dt.datetime.combine(d, dt.time()) - dt.timedelta(minutes=1)).isoformat(' '),
            (dt.datetime.combine(d, dt.time()) + dt.timedelta(seconds=3661)).isoformat(' '))
for text in ['2024-01-31 10:20:30', '2024-02-29 23:59:59', '2023-12-31 23:00:00']:
    x = dt.datetime.fromisoformat(text)
    T = f"toDateTime('{text}')"
    for n in [1, -1, 14]:
        dd = add_months(x.date(), n)
        yy = add_months(x.date(), 12 * n)
        t.value('DDDDDD', f'SELECT addSeconds({T}, {n}), addMinutes({T}, {n}), addHours({T}, {n}), addDays({T}, {n}), '
                f'addMonths({T}, {n}), addYears({T}, {n})',
                (x + dt.timedelta(seconds=n)).isoformat(' '), (x + dt.timedelta(minutes=n)).isoformat(' '),
                (x + dt.timedelta(hours=n)).isoformat(' '), (x + dt.timedelta(days=n)).isoformat(' '),
                dt.datetime.combine(dd, x.time()).isoformat(' '), dt.datetime.combine(yy, x.time()).isoformat(' '))
    t.value('DD', f'SELECT subtractHours({T}, 24), subtractWeeks({T}, 2)',
            (x - dt.timedelta(hours=24)).isoformat(' '), (x - dt.timedelta(weeks=2)).isoformat(' '))

t.comment('dateAdd / dateSub / date_add and INTERVAL arithmetic.')
for expr, val in [("dateAdd('day', 1, toDate('2024-02-28'))", '2024-02-29'),
                  ("dateAdd('month', 1, toDate('2024-01-31'))", '2024-02-29'),
                  ("dateAdd('year', 1, toDate('2024-02-29'))", '2025-02-28'),
                  ("dateSub('month', 3, toDate('2024-05-31'))", '2024-02-29'),
                  ("date_add('week', 2, toDate('2024-12-25'))", '2025-01-08'),
                  ("date_sub('quarter', 1, toDate('2024-01-15'))", '2023-10-15'),
                  ("dateAdd('hour', 3, toDateTime('2024-01-01 22:00:00'))", '2024-01-02 01:00:00'),
                  ("dateAdd('minute', 90, toDateTime('2024-01-01 22:00:00'))", '2024-01-01 23:30:00'),
                  ("dateAdd('second', -1, toDateTime('2024-01-01 00:00:00'))", '2023-12-31 23:59:59'),
                  ("dateAdd(toDate('2024-01-31'), INTERVAL 1 MONTH)", '2024-02-29'),
                  ("dateSub(toDate('2024-03-31'), INTERVAL 1 MONTH)", '2024-02-29'),
                  ("timeStampAdd(toDateTime('2024-01-01 00:00:00'), INTERVAL 1 DAY)", '2024-01-02 00:00:00'),
                  ("timeStampSub(toDateTime('2024-01-01 00:00:00'), INTERVAL 1 HOUR)", '2023-12-31 23:00:00'),
                  ("toDate('2024-02-28') + INTERVAL 1 DAY", '2024-02-29'), ("toDate('2024-02-29') + INTERVAL 1 YEAR", '2025-02-28'),
                  ("toDate('2024-03-31') - INTERVAL 1 MONTH", '2024-02-29'), ("toDate('2024-01-01') - INTERVAL 1 WEEK", '2023-12-25'),
                  ("toDate('2024-01-01') + INTERVAL 2 QUARTER", '2024-07-01'),
                  ("toDateTime('2024-01-01 00:00:00') + INTERVAL 90 MINUTE", '2024-01-01 01:30:00'),
                  ("toDateTime('2024-03-31 12:00:00') - INTERVAL 1 MONTH", '2024-02-29 12:00:00'),
                  ("toDateTime('2024-01-01 00:00:00') - INTERVAL 1 SECOND", '2023-12-31 23:59:59'),
                  ("toDateTime('2024-01-01 00:00:00') + toIntervalDay(3)", '2024-01-04 00:00:00'),
                  ("toDate('2024-01-01') + toIntervalMonth(14)", '2025-03-01'),
                  ("toDate('2024-02-28') + 1", '2024-02-29'), ("1 + toDate('2024-02-28')", '2024-02-29'),
                  ("toDate('2024-03-01') - 1", '2024-02-29'), ("toDate('2023-03-01') - 1", '2023-02-28'),
                  ("toDateTime('2024-01-01 00:00:00') + 86399", '2024-01-01 23:59:59'),
                  ("toDateTime('2024-01-01 00:00:00') - 1", '2023-12-31 23:59:59')]:
    t.value('D', 'SELECT ' + expr, val)
for expr, val in [("toDate('2024-03-01') - toDate('2024-02-01')", 29), ("toDate('2023-03-01') - toDate('2023-02-01')", 28),
                  ("toDate('2024-01-01') - toDate('2025-01-01')", -366),
                  ("toDateTime('2024-01-01 00:01:00') - toDateTime('2024-01-01 00:00:00')", 60),
                  ("toDateTime('2024-01-02 00:00:00') - toDateTime('2024-01-01 12:00:00')", 43200)]:
    t.value('I', 'SELECT ' + expr, val)
t.error("SELECT dateAdd('fortnight', 1, toDate('2024-01-01'))", 'fortnight')
t.error("SELECT toDate('2024-01-01') + toDate('2024-01-02')")
t.error("SELECT toDate('2024-01-01') * 2")


def boundaries(unit, a, b):
    ta = int((a - dt.datetime(1970, 1, 1)).total_seconds())
    tb = int((b - dt.datetime(1970, 1, 1)).total_seconds())
    if unit == 'second':
        return tb - ta
    if unit == 'minute':
        return tb // 60 - ta // 60
    if unit == 'hour':
        return tb // 3600 - ta // 3600
    da, db = dnum(a.date()), dnum(b.date())
    if unit == 'day':
        return db - da
    if unit == 'week':
        return (db + 3) // 7 - (da + 3) // 7
    if unit == 'month':
        return (b.year * 12 + b.month) - (a.year * 12 + a.month)
    if unit == 'quarter':
        return (b.year * 4 + (b.month - 1) // 3) - (a.year * 4 + (a.month - 1) // 3)
    return b.year - a.year


t.comment('dateDiff counts unit boundaries between the two (weeks start on Monday).')
UNITS = ['second', 'minute', 'hour', 'day', 'week', 'month', 'quarter', 'year']
SPANS = [('2024-01-01 23:59:59', '2024-01-02 00:00:01'), ('2024-01-31 00:00:00', '2024-02-01 00:00:00'),
         ('2023-12-31 23:59:59', '2024-01-01 00:00:00'), ('2024-02-29 12:00:00', '2025-02-28 12:00:00'),
         ('2024-01-07 10:00:00', '2024-01-08 09:00:00'), ('2024-01-08 00:00:00', '2024-01-14 23:59:59'),
         ('2025-06-15 08:30:00', '2024-03-10 07:45:00'), ('2000-01-01 00:00:00', '2024-02-29 00:00:00'),
         ('2024-03-31 00:00:00', '2024-04-01 00:00:00'), ('2024-05-05 05:05:05', '2024-05-05 05:05:05')]
for a, b in SPANS:
    xa, xb = dt.datetime.fromisoformat(a), dt.datetime.fromisoformat(b)
    t.value('IIIIIIII', 'SELECT ' + ', '.join(f"dateDiff('{u}', toDateTime('{a}'), toDateTime('{b}'))" for u in UNITS),
            *[boundaries(u, xa, xb) for u in UNITS])
for a, b in [('2024-01-31', '2024-02-01'), ('2024-02-29', '2028-02-29'), ('2023-01-01', '2022-12-31'), ('2024-01-06', '2024-01-08')]:
    xa, xb = dt.datetime.fromisoformat(a), dt.datetime.fromisoformat(b)
    t.value('IIIII', 'SELECT ' + ', '.join(f"dateDiff('{u}', toDate('{a}'), toDate('{b}'))"
                                         for u in ['day', 'week', 'month', 'quarter', 'year']),
            *[boundaries(u, xa, xb) for u in ['day', 'week', 'month', 'quarter', 'year']])
t.value('I', "SELECT dateDiff('hour', toDate('2024-01-01'), toDateTime('2024-01-01 05:30:00'))", 5)
t.value('I', "SELECT date_diff('day', toDateTime('2024-01-01 23:00:00'), toDate('2024-01-03'))", 2)
for alias, unit in [('ss', 'second'), ('mi', 'minute'), ('hh', 'hour'), ('dd', 'day'), ('wk', 'week'), ('mm', 'month'),
                    ('qq', 'quarter'), ('yyyy', 'year'), ('yy', 'year'), ('d', 'day'), ('s', 'second')]:
    a, b = '2023-10-30 10:00:00', '2024-02-05 11:30:15'
    t.value('I', f"SELECT dateDiff('{alias}', toDateTime('{a}'), toDateTime('{b}'))",
            boundaries(unit, dt.datetime.fromisoformat(a), dt.datetime.fromisoformat(b)))
t.value('I', "SELECT dateDiff('day', NULL, toDate('2024-01-01'))", None)
t.error("SELECT dateDiff('fortnight', toDate('2024-01-01'), toDate('2024-02-01'))", 'fortnight')
t.error("SELECT dateDiff('day', 'x', toDate('2024-02-01'))")

t.comment('formatDateTime: every % code, for a few instants (UTC).')
CODES = ['%a', '%b', '%c', '%C', '%d', '%D', '%e', '%F', '%g', '%G', '%h', '%H', '%i', '%I', '%j', '%k', '%l',
         '%m', '%M', '%p', '%Q', '%r', '%R', '%s', '%S', '%T', '%u', '%V', '%w', '%W', '%y', '%Y', '%z', '%%']


def fmt(x, code):
    iso = x.isocalendar()
    h12 = x.hour % 12 or 12
    return {'%a': x.strftime('%a'), '%b': x.strftime('%b'), '%c': f'{x.month:02d}', '%C': f'{x.year // 100:02d}',
            '%d': f'{x.day:02d}', '%D': x.strftime('%m/%d/%y'), '%e': f'{x.day:2d}', '%F': x.strftime('%Y-%m-%d'),
            '%g': f'{iso[0] % 100:02d}', '%G': f'{iso[0]:04d}', '%h': f'{h12:02d}', '%H': f'{x.hour:02d}',
            '%i': f'{x.minute:02d}', '%I': f'{h12:02d}', '%j': f'{x.timetuple().tm_yday:03d}', '%k': f'{x.hour:02d}',
            '%l': f'{h12:02d}', '%m': f'{x.month:02d}', '%M': x.strftime('%B'), '%p': 'AM' if x.hour < 12 else 'PM',
            '%Q': str((x.month - 1) // 3 + 1), '%r': f'{h12:02d}:{x.minute:02d} ' + ('AM' if x.hour < 12 else 'PM'),
            '%R': f'{x.hour:02d}:{x.minute:02d}', '%s': f'{x.second:02d}', '%S': f'{x.second:02d}',
            '%T': x.strftime('%H:%M:%S'), '%u': str(x.isoweekday()), '%V': f'{iso[1]:02d}', '%w': str(x.isoweekday() % 7),
            '%W': x.strftime('%A'), '%y': f'{x.year % 100:02d}', '%Y': f'{x.year:04d}', '%z': '+0000', '%%': '%'}[code]


for text in ['2018-01-02 22:33:44', '2024-02-29 00:05:09', '2021-01-03 12:00:00']:
    x = dt.datetime.fromisoformat(text)
    for i in range(0, len(CODES), 6):
        codes = CODES[i:i + 6]
        pattern = '|'.join(codes)
        t.value('T', f"SELECT formatDateTime(toDateTime('{text}'), '{pattern}')", '|'.join(fmt(x, c) for c in codes))
t.value('T', "SELECT formatDateTime(toDate('2024-02-29'), '%F %T')", '2024-02-29 00:00:00')
t.value('T', "SELECT formatDateTime(toDateTime('2024-02-29 10:11:12'), 'day %d of %M, %Y')", 'day 29 of February, 2024')
t.value('T', "SELECT formatDateTime(toDateTime('2024-02-29 10:11:12'), 'no codes')", 'no codes')
t.value('T', "SELECT formatDateTime(toDateTime64('2024-02-29 10:11:12.345678', 6), '%S.%f')", '12.345678')
t.value('T', 'SELECT formatDateTime(NULL, \'%F\')', None)
t.error("SELECT formatDateTime(toDateTime('2024-02-29 10:11:12'), '%K')")
t.error("SELECT formatDateTime(toDateTime('2024-02-29 10:11:12'), 'abc%')")
t.value('T', "SELECT formatDateTime(toDateTime('2024-02-29 10:11:12'), concat('%', 'Y'))", '2024')

t.comment('The clock: the runner fixes now() at 2023-11-14 22:13:20 UTC.')
t.value('D', 'SELECT now()', '2023-11-14 22:13:20')
t.value('DD', 'SELECT today(), yesterday()', '2023-11-14', '2023-11-13')
t.value('I', 'SELECT toUnixTimestamp(now())', 1700000000)
t.value('D', "SELECT toDate(now(), 'Asia/Tokyo')", '2023-11-15')
t.value('I', "SELECT dateDiff('day', toDate('2023-11-01'), today())", 13)
t.value('BB', "SELECT now() > toDateTime('2023-01-01 00:00:00'), today() = toDate(now())", True, True)
t.value('D', 'SELECT fromUnixTimestamp(1700000000)', '2023-11-14 22:13:20')
t.value('D', 'SELECT fromUnixTimestamp(0)', '1970-01-01 00:00:00')

t.comment('On a table with NULLs: NULL in, NULL out.')
t.table('dt_t(k Int64, d Nullable(Date), ts Nullable(DateTime))')
rows = [(1, '2024-02-29', '2024-02-29 13:14:15'), (2, None, None), (3, '2023-12-31', '2024-01-01 00:00:00'),
        (4, '2024-03-01', None)]
t.rows('dt_t', rows)
t.query('IIIDD', 'SELECT k, toYear(d), toHour(ts), addMonths(d, 12), toStartOfMonth(ts) FROM dt_t ORDER BY k',
        [(1, 2024, 13, '2025-02-28', '2024-02-01'), (2, None, None, None, None), (3, 2023, 0, '2024-12-31', '2024-01-01'),
         (4, 2024, None, '2025-03-01', None)])
t.query('II', "SELECT k, dateDiff('day', d, ts) FROM dt_t ORDER BY k", [(1, 0), (2, None), (3, 1), (4, None)])
t.query('IT', "SELECT k, formatDateTime(d, '%Y/%m/%d') FROM dt_t ORDER BY k",
        [(1, '2024/02/29'), (2, None), (3, '2023/12/31'), (4, '2024/03/01')])
t.query('I', "SELECT k FROM dt_t WHERE d < '2024-03-01' ORDER BY k", [1, 3])
t.query('I', "SELECT k FROM dt_t WHERE toMonth(ts) = 2", [1])
t.query('DI', 'SELECT toStartOfYear(d) AS y, count() FROM dt_t GROUP BY y ORDER BY y', [('2023-01-01', 1), ('2024-01-01', 2), (None, 1)])
t.query('I', "SELECT k FROM dt_t WHERE ts BETWEEN '2024-01-01' AND '2024-02-29 23:59:59' ORDER BY k", [1, 3])

t.comment('Arguments of the wrong kind.')
for expr in ['toYear(5)', "toMonth('yesterday')", 'toStartOfMonth(1.5)', "addDays('x', 1)", 'toHour([1])',
             "toWeek(toDate('2024-01-01'), 'a')", "dateTrunc('decade', toDate('2024-01-01'))",
             "dateTrunc('hour', toDate('2024-01-01'))"]:
    t.error('SELECT ' + expr)
t.write()
