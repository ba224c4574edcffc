#!/usr/bin/env python3
"""Writes date_tz.test: date parts, truncations and formatting of instants in time zones other
than the query's (UTC), given as the functions' time zone argument — around daylight-saving
changes (spring forward, fall back, a skipped midnight), in zones whose offsets are not whole
hours (Kolkata +5:30, Kathmandu +5:45, St John's -3:30, Chatham +12:45, Lord Howe's half-hour
DST), on leap days and at year ends. Expected values come from Python's zoneinfo (the same IANA
data) and ClickHouse's DateLUT rules: days start at local midnight (or the first instant of the
day when midnight was skipped), hours are counted from the epoch in whole-hour zones and from
the start of the local day elsewhere, minutes from the epoch, weeks start on Monday (mode 0 of
toWeek / toStartOfWeek on Sunday)."""
import datetime as dt
import os, sys
from zoneinfo import ZoneInfo
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
from sqltest import TestFile

UTC = dt.timezone.utc
EPOCH = dt.datetime(1970, 1, 1, tzinfo=UTC)


def instant(text):
    return int((dt.datetime.fromisoformat(text).replace(tzinfo=UTC) - EPOCH).total_seconds())


def local(ts, zone):
    return dt.datetime.fromtimestamp(ts, ZoneInfo(zone)).replace(tzinfo=None)


def offset(ts, zone):
    return int(dt.datetime.fromtimestamp(ts, ZoneInfo(zone)).utcoffset().total_seconds())


def day_start(day, zone):
    """First instant (UTC seconds) whose local date is `day`."""
    naive = int((dt.datetime.combine(day, dt.time()) - dt.datetime(1970, 1, 1)).total_seconds())
    lo, hi = naive - 30 * 3600, naive + 30 * 3600
    while lo < hi:
        mid = (lo + hi) // 2
        if local(mid, zone).date() >= day:
            hi = mid
        else:
            lo = mid + 1
    return lo


def whole_offsets(zone, unit):
    """Whether every offset of the zone since 1970 is a multiple of `unit` seconds."""
    z = ZoneInfo(zone)
    ts = 0
    while ts < instant('2040-01-01 00:00:00'):
        if offset(ts, zone) % unit:
            return False
        ts += 86400 * 7
    return True


def start_of_hour(ts, zone):
    if whole_offsets(zone, 3600):
        return ts // 3600 * 3600
    start = day_start(local(ts, zone).date(), zone)
    return start + (ts - start) // 3600 * 3600


def iso_week(d):
    return d.isocalendar()[1]


def week_mode0(d):
    jan1 = dt.date(d.year, 1, 1)
    first_sunday = jan1 + dt.timedelta(days=(6 - jan1.weekday()) % 7)
    return 0 if d < first_sunday else (d - first_sunday).days // 7 + 1


def monday(d):
    return d - dt.timedelta(days=d.weekday())


def sunday(d):
    return d - dt.timedelta(days=(d.weekday() + 1) % 7)


def fmt_offset(seconds):
    sign = '+' if seconds >= 0 else '-'
    seconds = abs(seconds)
    return f'{sign}{seconds // 3600:02d}{seconds // 60 % 60:02d}'


t = TestFile('functions/date_tz.test', __doc__)

NY, LON, KOL, KTM, LHI, STJ, CHA, SAO, TYO, BER = (
    'America/New_York', 'Europe/London', 'Asia/Kolkata', 'Asia/Kathmandu', 'Australia/Lord_Howe',
    'America/St_Johns', 'Pacific/Chatham', 'America/Sao_Paulo', 'Asia/Tokyo', 'Europe/Berlin')
CASES = [
    ('2024-03-10 06:59:59', [NY, 'UTC', TYO], 'the last second of EST before spring forward'),
    ('2024-03-10 07:00:00', [NY, STJ], 'the first second of EDT (02:00 was skipped)'),
    ('2024-03-10 07:30:00', [NY], None),
    ('2024-11-03 04:00:00', [NY], 'local midnight of the fall-back day'),
    ('2024-11-03 05:30:00', [NY, KOL], '01:30 EDT, the first of two'),
    ('2024-11-03 06:30:00', [NY], '01:30 EST, the second of two'),
    ('2024-11-03 06:59:59', [NY], None),
    ('2024-03-31 00:59:59', [LON, BER], 'the last second of GMT'),
    ('2024-03-31 01:00:00', [LON, BER], 'the first second of BST'),
    ('2024-10-27 00:30:00', [LON, BER], '01:30 BST, the first of two'),
    ('2024-10-27 01:30:00', [LON, BER], '01:30 GMT, the second of two'),
    ('2024-02-29 12:34:56', ['UTC', KOL, KTM, CHA], 'a leap day'),
    ('2024-02-29 23:30:00', [TYO, KOL, NY, CHA], 'already 1 March east of UTC'),
    ('2023-03-01 00:15:00', [NY, STJ, SAO], 'still 28 February (not a leap year) west of UTC'),
    ('2023-12-31 23:59:59', ['UTC', TYO, NY], 'the last second of a year'),
    ('2024-01-01 00:00:00', ['UTC', NY, LHI], None),
    ('2020-12-31 20:00:00', ['UTC', TYO, CHA], 'ISO week 53 of 2020'),
    ('2021-01-03 12:00:00', ['UTC', NY], 'a Sunday in ISO week 53 of 2020'),
    ('2000-02-29 05:00:00', [NY, KOL, 'UTC'], 'the leap day of a year divisible by 400'),
    ('1999-12-31 23:59:59', ['UTC', TYO], None),
    ('2024-04-06 15:15:00', [LHI], 'Lord Howe: 01:45 after its half-hour fall back'),
    ('2024-04-06 14:45:00', [LHI], 'Lord Howe: 01:45 before its half-hour fall back'),
    ('2024-10-05 15:45:00', [LHI], 'Lord Howe: just after its half-hour spring forward'),
    ('2018-11-04 03:30:00', [SAO], 'Sao Paulo: DST began at midnight, so the day began at 01:00'),
    ('2018-11-04 02:59:59', [SAO], 'Sao Paulo: the last second of 3 November'),
    ('2024-09-28 14:00:00', [CHA], 'Chatham: its DST change at 02:45 local'),
    ('2024-07-15 18:07:42', [KTM, KOL, STJ, CHA, TYO, SAO], 'an ordinary summer instant'),
    ('2024-01-15 09:00:00', [KTM, KOL, STJ, LHI, BER], 'an ordinary winter instant'),
    ('1970-01-01 00:00:00', ['UTC', NY, TYO], 'the epoch'),
]

for text, zones, note in CASES:
    ts = instant(text)
    t.comment(text + ' UTC' + (': ' + note if note else ''))
    for zone in zones:
        lt = local(ts, zone)
        d = lt.date()
        T = f"toDateTime('{text}')"
        z = f"'{zone}'"
        t.value('IIIIIIIIIIIIID',
                f'SELECT toYear({T}, {z}), toQuarter({T}, {z}), toMonth({T}, {z}), '
                f'toDayOfMonth({T}, {z}), toDayOfYear({T}, {z}), toHour({T}, {z}), '
                f'toMinute({T}, {z}), toSecond({T}, {z}), toYYYYMM({T}, {z}), '
                f'toYYYYMMDD({T}, {z}), toISOWeek({T}, {z}), toDayOfWeek({T}, 0, {z}), '
                f'toWeek({T}, 0, {z}), toDate({T}, {z})',
                lt.year, (lt.month - 1) // 3 + 1, lt.month, lt.day, d.timetuple().tm_yday, lt.hour,
                lt.minute, lt.second, lt.year * 100 + lt.month,
                lt.year * 10000 + lt.month * 100 + lt.day, iso_week(d), d.isoweekday(),
                week_mode0(d), d.isoformat())
        # Where the hour a time falls in was cut short by a half-hour change, ClickHouse's
        # rounding depends on DateLUT details: not asserted.
        if not (zone == LHI and text.startswith('2024-10-05')):
          t.value('IIIII',
                f'SELECT toUnixTimestamp(toStartOfMinute({T}, {z})), '
                f'toUnixTimestamp(toStartOfFiveMinutes({T}, {z})), '
                f'toUnixTimestamp(toStartOfFifteenMinutes({T}, {z})), '
                f'toUnixTimestamp(toStartOfHour({T}, {z})), '
                f'toUnixTimestamp(toStartOfDay({T}, {z}))',
                ts // 60 * 60, ts // 300 * 300, ts // 900 * 900, start_of_hour(ts, zone),
                day_start(d, zone))
        t.value('DDDDDD',
                f'SELECT toMonday({T}, {z}), toStartOfWeek({T}, 0, {z}), toStartOfWeek({T}, 1, {z}), '
                f'toStartOfMonth({T}, {z}), toStartOfQuarter({T}, {z}), toStartOfYear({T}, {z})',
                monday(d).isoformat(), sunday(d).isoformat(), monday(d).isoformat(),
                d.replace(day=1).isoformat(), d.replace(month=(d.month - 1) // 3 * 3 + 1, day=1).isoformat(),
                d.replace(month=1, day=1).isoformat())
        if zone != 'UTC':
            t.value('T', f"SELECT formatDateTime({T}, '%Y-%m-%d %H:%i:%S %z', {z})",
                    lt.strftime('%Y-%m-%d %H:%M:%S ') + fmt_offset(offset(ts, zone)))

t.comment('Local wall-clock text read in a zone (toDateTime(text, zone)): a time skipped by a')
t.comment('spring-forward takes the offset after the change, a repeated one the earlier instant.')
for text, zone, utc in [
        ('2024-03-10 01:59:59', NY, '2024-03-10 06:59:59'), ('2024-03-10 03:00:00', NY, '2024-03-10 07:00:00'),
        ('2024-03-10 02:30:00', NY, '2024-03-10 06:30:00'), ('2024-11-03 01:30:00', NY, '2024-11-03 05:30:00'),
        ('2024-11-03 02:30:00', NY, '2024-11-03 07:30:00'), ('2024-11-03 00:59:59', NY, '2024-11-03 04:59:59'),
        ('2024-03-31 01:30:00', LON, '2024-03-31 00:30:00'), ('2024-10-27 01:30:00', LON, '2024-10-27 00:30:00'),
        ('2024-02-29 00:00:00', KOL, '2024-02-28 18:30:00'), ('2024-02-29 00:00:00', KTM, '2024-02-28 18:15:00'),
        ('2024-06-01 12:00:00', STJ, '2024-06-01 14:30:00'), ('2024-06-01 12:00:00', CHA, '2024-05-31 23:15:00'),
        ('2024-01-01 00:00:00', TYO, '2023-12-31 15:00:00'), ('2018-11-04 00:30:00', SAO, '2018-11-04 02:30:00'),
        ('2018-11-04 01:30:00', SAO, '2018-11-04 03:30:00')]:
    t.value('I', f"SELECT toUnixTimestamp(toDateTime('{text}', '{zone}'))", instant(utc))
    t.value('D', f"SELECT toDateTime(toDateTime('{text}', '{zone}'), 'UTC')", utc)
    # Shown on the zone's wall clock (a skipped time reads as the instant it became).
    t.value('D', f"SELECT toDateTime('{text}', '{zone}')",
            local(instant(utc), zone).strftime('%Y-%m-%d %H:%M:%S'))

t.comment('toStartOfInterval in a zone: minutes from the epoch, hours within the local day,')
t.comment('days by day number, weeks from a Monday, months and years on the local calendar.')
IVALS = [('2024-07-15 18:07:42', KOL), ('2024-07-15 18:07:42', NY), ('2024-11-03 06:30:00', NY),
         ('2024-02-29 23:30:00', TYO), ('2024-01-15 09:00:00', KTM)]
for text, zone in IVALS:
    ts = instant(text)
    lt = local(ts, zone)
    d = lt.date()
    start = day_start(d, zone)
    sod = ts - start
    T = f"toDateTime('{text}')"
    for n in [7, 30, 45]:
        t.value('I', f"SELECT toUnixTimestamp(toStartOfInterval({T}, INTERVAL {n} minute, '{zone}'))",
                ts // (60 * n) * (60 * n))
    t.value('I', f"SELECT toUnixTimestamp(toStartOfInterval({T}, INTERVAL 1 hour, '{zone}'))",
            start_of_hour(ts, zone))
    if zone != NY or '11-03' not in text:
        for n in [2, 5, 6]:
            t.value('I', f"SELECT toUnixTimestamp(toStartOfInterval({T}, INTERVAL {n} hour, '{zone}'))",
                    start + (lt.hour * 3600 + lt.minute * 60 + lt.second) // (3600 * n) * (3600 * n))
    dn = (d - dt.date(1970, 1, 1)).days
    for n in [1, 3, 10]:
        day = dt.date(1970, 1, 1) + dt.timedelta(days=dn // n * n)
        t.value('I', f"SELECT toUnixTimestamp(toStartOfInterval({T}, INTERVAL {n} day, '{zone}'))",
                day_start(day, zone))
    for n in [1, 2]:
        wk = dt.date(1970, 1, 1) + dt.timedelta(days=4 + (dn - 4) // (7 * n) * (7 * n))
        t.value('D', f"SELECT toStartOfInterval({T}, INTERVAL {n} week, '{zone}')", wk.isoformat())
    for n in [1, 2, 3, 6]:
        mi = (d.year * 12 + d.month - 1) // n * n
        t.value('D', f"SELECT toStartOfInterval({T}, INTERVAL {n} month, '{zone}')",
                dt.date(mi // 12, mi % 12 + 1, 1).isoformat())
    t.value('D', f"SELECT toStartOfInterval({T}, INTERVAL 1 quarter, '{zone}')",
            dt.date(d.year, (d.month - 1) // 3 * 3 + 1, 1).isoformat())
    for n in [1, 5]:
        t.value('D', f"SELECT toStartOfInterval({T}, INTERVAL {n} year, '{zone}')",
                dt.date(d.year // n * n, 1, 1).isoformat())
    for unit in ['day', 'week', 'month', 'quarter', 'year']:
        start_day = {'day': d, 'week': monday(d), 'month': d.replace(day=1),
                     'quarter': d.replace(month=(d.month - 1) // 3 * 3 + 1, day=1),
                     'year': d.replace(month=1, day=1)}[unit]
        t.value('I', f"SELECT toUnixTimestamp(dateTrunc('{unit}', {T}, '{zone}'))", day_start(start_day, zone))
    t.value('I', f"SELECT toUnixTimestamp(dateTrunc('hour', {T}, '{zone}'))", start_of_hour(ts, zone))

t.comment('dateDiff in a zone: calendar units on the local calendar.')
for a, b, zone in [('2024-03-10 04:30:00', '2024-03-10 05:30:00', NY),
                   ('2024-02-29 18:00:00', '2024-02-29 18:40:00', KOL),
                   ('2023-12-31 14:00:00', '2023-12-31 16:00:00', TYO),
                   ('2024-11-03 03:59:59', '2024-11-03 04:00:00', NY)]:
    da, db = local(instant(a), zone).date(), local(instant(b), zone).date()
    months = (db.year * 12 + db.month) - (da.year * 12 + da.month)
    t.value('IIII', f"SELECT dateDiff('day', toDateTime('{a}'), toDateTime('{b}'), '{zone}'), "
            f"dateDiff('month', toDateTime('{a}'), toDateTime('{b}'), '{zone}'), "
            f"dateDiff('year', toDateTime('{a}'), toDateTime('{b}'), '{zone}'), "
            f"dateDiff('second', toDateTime('{a}'), toDateTime('{b}'), '{zone}')",
            (db - da).days, months, db.year - da.year, instant(b) - instant(a))

t.comment('toTimeZone: the same instant, whose fields then read in the new zone (ClickHouse')
t.comment('keeps the zone in the DateTime type).')
for text, zone in [('2024-01-01 12:00:00', TYO), ('2024-03-10 07:30:00', NY), ('2024-07-15 18:07:42', KOL),
                   ('2024-02-29 23:30:00', CHA), ('2024-06-01 00:00:00', 'UTC')]:
    ts = instant(text)
    lt = local(ts, zone)
    T = f"toTimeZone(toDateTime('{text}'), '{zone}')"
    t.value('I', f'SELECT toUnixTimestamp({T})', ts)
    t.value('II', f'SELECT toHour({T}), toDayOfMonth({T})', lt.hour, lt.day)
    t.value('T', f'SELECT toString({T})', lt.strftime('%Y-%m-%d %H:%M:%S'))
    t.value('D', f'SELECT toDate({T})', lt.date().isoformat())
    t.value('T', f"SELECT formatDateTime({T}, '%F %T')", lt.strftime('%Y-%m-%d %H:%M:%S'))
    t.value('T', f'SELECT toTypeName({T})', f"DateTime('{zone}')")
    # Truncation keeps the zone and works on its wall clock.
    t.value('T', f'SELECT toString(toStartOfHour({T}))', lt.strftime('%Y-%m-%d %H:00:00'))
    t.value('T', f'SELECT toString(toStartOfDay({T}))', lt.strftime('%Y-%m-%d 00:00:00'))
    # An explicit zone argument wins over the type's.
    t.value('I', f"SELECT toHour({T}, 'UTC')", local(ts, 'UTC').hour)

t.comment('toDateTime(text, zone) reads the text in the zone and keeps the zone, so its fields')
t.comment('read back the wall clock written.')
for text, zone in [('2024-01-01 00:30:00', TYO), ('2024-03-10 03:30:00', NY), ('2024-07-15 05:15:00', KOL)]:
    T = f"toDateTime('{text}', '{zone}')"
    t.value('IIT', f'SELECT toHour({T}), toMinute({T}), toString({T})', int(text[11:13]),
            int(text[14:16]), text)
    t.value('T', f'SELECT toTypeName({T})', f"DateTime('{zone}')")
t.value('T', f"SELECT toTypeName(toDateTime('2024-01-01 00:00:00'))", 'DateTime')
t.value('T', f"SELECT toTypeName(toDateTimeOrNull('x', '{TYO}'))", f"Nullable(DateTime('{TYO}'))")

t.comment('Arrays keep the zone of their elements; toString reads them in it unless given a zone.')
A = f"[toTimeZone(toDateTime('2024-01-01 12:00:00'), '{TYO}')]"
t.value('T', f'SELECT toTypeName({A})', f"Array(DateTime('{TYO}'))")
t.value('T', f'SELECT toString({A})', "['2024-01-01 21:00:00']")
t.value('T', f"SELECT toString({A}, 'UTC')", "['2024-01-01 12:00:00']")

t.comment('Text compared with a zoned DateTime is a wall-clock time in that zone.')
t.value('B', f"SELECT toTimeZone(toDateTime('2024-01-01 12:00:00'), '{TYO}') = '2024-01-01 21:00:00'", True)

t.comment('Unknown zones and zones that are not constants are errors.')
t.error("SELECT toHour(toDateTime('2024-01-01 00:00:00'), 'Mars/Olympus_Mons')", 'Mars/Olympus_Mons')
t.error("SELECT toStartOfDay(toDateTime('2024-01-01 00:00:00'), 'Nowhere')", 'Nowhere')
t.error("SELECT toTimeZone(toDateTime('2024-01-01 00:00:00'), 'Europe/Atlantis')", 'Europe/Atlantis')
t.error("SELECT formatDateTime(toDateTime('2024-01-01 00:00:00'), '%F', 'Not/AZone')", 'Not/AZone')
t.error("SELECT toHour(toDateTime('2024-01-01 00:00:00'), 5)")
t.write()
