#!/usr/bin/env python3
"""Writes analytics.test: the shapes of product-analytics queries HogQL runs most — trends (events
per day, per week, per property value, in the project's zone and in another one), unique users,
top-N breakdowns with an "other" bucket, aliases that shadow columns (toStartOfDay(timestamp) AS
timestamp), property filters on JSON, first-seen and retention-style self joins, sessions by
gaps (lagInFrame), and percentiles — over 1,500 generated events. Expected values are computed
here from the same events."""
import datetime as dt
import json
import os, sys
from collections import Counter, defaultdict
from zoneinfo import ZoneInfo
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
from sqltest import TestFile

t = TestFile('queries/analytics.test', __doc__)
seed = 4242


def rnd():
    global seed
    seed = (seed * 1103515245 + 12345) % 2 ** 31
    return seed >> 8


EVENTS = ['$pageview', '$pageview', '$pageview', 'signup', 'purchase', '$autocapture']
BROWSERS = ['Chrome', 'Chrome', 'Firefox', 'Safari', None]
START = dt.datetime(2024, 3, 1)
rows = []
for i in range(1500):
    ts = START + dt.timedelta(seconds=rnd() % (30 * 86400))
    props = {}
    b = BROWSERS[rnd() % len(BROWSERS)]
    if b:
        props['$browser'] = b
    if rnd() % 3 == 0:
        props['amount'] = rnd() % 100
    rows.append(dict(uuid=i, event=EVENTS[rnd() % len(EVENTS)], person=f'p{rnd() % 120}', ts=ts, props=props))
t.table('ev(id Int64, event String, distinct_id String, timestamp DateTime, properties JSON)')
for start in range(0, len(rows), 400):
    t.rows('ev', [(r['uuid'], r['event'], r['person'], r['ts'].isoformat(' '), json.dumps(r['props'], separators=(',', ':')))
                  for r in rows[start:start + 400]])

t.comment('Trends: events per day, in UTC and in another zone.')
per_day = Counter(r['ts'].date() for r in rows)
t.query('DI', 'SELECT toStartOfDay(timestamp) AS day, count() FROM ev GROUP BY day ORDER BY day',
        [(dt.datetime.combine(d, dt.time()).isoformat(' '), c) for d, c in sorted(per_day.items())])
t.query('DI', 'SELECT toStartOfDay(timestamp) AS timestamp, count() FROM ev GROUP BY timestamp ORDER BY timestamp',
        [(dt.datetime.combine(d, dt.time()).isoformat(' '), c) for d, c in sorted(per_day.items())])
ny = Counter(r['ts'].replace(tzinfo=dt.timezone.utc).astimezone(ZoneInfo('America/New_York')).date() for r in rows)
t.query('DI', "SELECT toDate(timestamp, 'America/New_York') AS day, count() FROM ev GROUP BY day ORDER BY day",
        [(d.isoformat(), c) for d, c in sorted(ny.items())])
pv = Counter(r['ts'].date() for r in rows if r['event'] == '$pageview')
t.query('DII', "SELECT toDate(timestamp) AS day, countIf(event = '$pageview'), uniqExactIf(distinct_id, event = '$pageview') "
        'FROM ev GROUP BY day ORDER BY day LIMIT 5',
        [(d.isoformat(), pv[d], len({r['person'] for r in rows if r['ts'].date() == d and r['event'] == '$pageview'}))
         for d in sorted(per_day)[:5]])
weeks = Counter(r['ts'].date() - dt.timedelta(days=r['ts'].weekday()) for r in rows)
t.query('DI', 'SELECT toMonday(timestamp) AS week, count() FROM ev GROUP BY week ORDER BY week',
        [(w.isoformat(), c) for w, c in sorted(weeks.items())])
t.query('DI', "SELECT toStartOfWeek(timestamp, 0, 'Asia/Tokyo') AS week, count() FROM ev GROUP BY week ORDER BY week",
        sorted(Counter((lambda d: d - dt.timedelta(days=(d.weekday() + 1) % 7))(
            r['ts'].replace(tzinfo=dt.timezone.utc).astimezone(ZoneInfo('Asia/Tokyo')).date()) for r in rows).items()))
hours = Counter(r['ts'].hour for r in rows)
t.query('II', 'SELECT toHour(timestamp) AS h, count() FROM ev GROUP BY h ORDER BY count() DESC, h LIMIT 3',
        sorted(hours.items(), key=lambda kv: (-kv[1], kv[0]))[:3])

t.comment('Unique users, breakdowns by a property, top N with the rest as other.')
t.query('I', 'SELECT uniqExact(distinct_id) FROM ev', [len({r['person'] for r in rows})])
t.query('I', 'SELECT count(DISTINCT distinct_id) FROM ev WHERE event = \'purchase\'', [len({r['person'] for r in rows if r['event'] == 'purchase'})])
br = Counter(r['props'].get('$browser') for r in rows)
t.query('TI', 'SELECT properties.$browser AS browser, count() FROM ev GROUP BY browser ORDER BY browser',
        sorted(br.items(), key=lambda kv: (kv[0] is None, kv[0] or '')))
top2 = [b for b, _ in sorted(((b, c) for b, c in br.items() if b), key=lambda kv: (-kv[1], kv[0]))[:2]]
other = Counter(r['props'].get('$browser') if r['props'].get('$browser') in top2 else 'other' for r in rows)
t.query('TI', "SELECT if(properties.$browser IN (SELECT b FROM (SELECT properties.$browser AS b, count() AS c FROM ev "
        "WHERE b IS NOT NULL GROUP BY b ORDER BY c DESC, b LIMIT 2)), properties.$browser, 'other') AS b2, count() FROM ev "
        'GROUP BY b2 ORDER BY b2', sorted(other.items()))
t.query('BI', "SELECT event IN (SELECT event FROM ev WHERE id = 0) AS first_kind, count() FROM ev GROUP BY first_kind "
        'ORDER BY first_kind', sorted(Counter(r['event'] == rows[0]['event'] for r in rows).items()))
t.query('TI', "SELECT concat(event, (SELECT '!')) AS e2, count() FROM ev GROUP BY e2 ORDER BY e2",
        sorted(Counter(r['event'] + '!' for r in rows).items()))
t.query('TI', "SELECT b2, count() FROM (SELECT if(properties.$browser IN (SELECT b FROM (SELECT properties.$browser AS b, "
        "count() AS c FROM ev WHERE b IS NOT NULL GROUP BY b ORDER BY c DESC, b LIMIT 2)), properties.$browser, 'other') "
        'AS b2 FROM ev) GROUP BY b2 ORDER BY b2', sorted(other.items()))
ev_browser = Counter((r['event'], r['props'].get('$browser')) for r in rows if r['props'].get('$browser') == 'Chrome')
t.query('TI', "SELECT event, count() FROM ev WHERE properties.$browser = 'Chrome' GROUP BY event ORDER BY event",
        sorted((e, c) for (e, _), c in ev_browser.items()))
amounts = [r['props']['amount'] for r in rows if 'amount' in r['props']]
t.query('II', "SELECT count(), sum(JSONExtractInt(properties, 'amount')) FROM ev WHERE JSONHas(properties, 'amount')",
        [(len(amounts), sum(amounts))])
t.query('I', 'SELECT count() FROM ev WHERE toInt64OrNull(properties.amount) > 50', [sum(1 for a in amounts if a > 50)])
srt = sorted(amounts)
t.query('II', "SELECT quantileExact(0.5)(JSONExtractInt(properties, 'amount')), quantileExact(0.9)(JSONExtractInt(properties, 'amount')) "
        "FROM ev WHERE JSONHas(properties, 'amount')", [(srt[len(srt) // 2], srt[int(0.9 * len(srt))])])

t.comment('First seen, retention-style self joins, per-person counts.')
first = {}
for r in rows:
    if r['person'] not in first or r['ts'] < first[r['person']]:
        first[r['person']] = r['ts']
fs = Counter(d.date() for d in first.values())
t.query('DI', 'SELECT day, count() FROM (SELECT distinct_id, toDate(min(timestamp)) AS day FROM ev GROUP BY distinct_id) '
        'GROUP BY day ORDER BY day LIMIT 4', [(d.isoformat(), c) for d, c in sorted(fs.items())[:4]])
days_by_person = defaultdict(set)
for r in rows:
    days_by_person[r['person']].add(r['ts'].date())
returned = sum(1 for p, ds in days_by_person.items() if any(d + dt.timedelta(days=7) in ds for d in ds))
t.query('I', 'SELECT count(DISTINCT a.distinct_id) FROM (SELECT DISTINCT distinct_id, toDate(timestamp) AS d FROM ev) AS a '
        'JOIN (SELECT DISTINCT distinct_id, toDate(timestamp) AS d FROM ev) AS b ON a.distinct_id = b.distinct_id '
        'AND b.d = a.d + 7', [returned])
per_person = Counter(r['person'] for r in rows)
t.query('TI', 'SELECT distinct_id, count() AS c FROM ev GROUP BY distinct_id ORDER BY c DESC, distinct_id LIMIT 5',
        sorted(per_person.items(), key=lambda kv: (-kv[1], kv[0]))[:5])
t.query('I', 'SELECT count() FROM (SELECT distinct_id FROM ev GROUP BY distinct_id HAVING countIf(event = \'purchase\') >= 2)',
        [sum(1 for p in per_person if sum(1 for r in rows if r['person'] == p and r['event'] == 'purchase') >= 2)])
buy = {p for p in per_person if any(r['person'] == p and r['event'] == 'purchase' for r in rows)}
sign = {p for p in per_person if any(r['person'] == p and r['event'] == 'signup' for r in rows)}
t.query('I', "SELECT count() FROM (SELECT distinct_id FROM ev WHERE event = 'signup' GROUP BY distinct_id) AS s "
        "LEFT SEMI JOIN (SELECT distinct_id FROM ev WHERE event = 'purchase') AS p ON s.distinct_id = p.distinct_id",
        [len(sign & buy)])

t.comment('Sessions: a new one starts after 30 minutes without events.')
by_person = defaultdict(list)
for r in rows:
    by_person[r['person']].append(r['ts'])
sessions = 0
for p, tss in by_person.items():
    tss.sort()
    sessions += 1 + sum(1 for a, b in zip(tss, tss[1:]) if (b - a).total_seconds() > 1800)
t.query('I', 'SELECT countIf(gap > 1800 OR prev IS NULL) FROM (SELECT timestamp, '
        'lag(timestamp) OVER (PARTITION BY distinct_id ORDER BY timestamp, id) AS prev, '
        "dateDiff('second', prev, timestamp) AS gap FROM ev)", [sessions])
t.query('I', 'SELECT max(n) FROM (SELECT distinct_id, count() AS n FROM ev GROUP BY distinct_id)', [max(per_person.values())])
t.write()
