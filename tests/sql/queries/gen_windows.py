#!/usr/bin/env python3
"""Writes windows.test: row_number, rank, dense_rank, lag / lead (NULL, or the default given, past
the partition's edge), lagInFrame / leadInFrame, first_value, last_value, nth_value, and the
aggregates sum / count / avg / min / max over windows — partitioned and not, ordered and not,
with ties, with ROWS and RANGE frames of every shape — computed here by a reference
implementation of SQL's window semantics as ClickHouse applies them: with ORDER BY the default
frame is RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW (peers included), without it the
whole partition; aggregates skip NULLs."""
import os, sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
from sqltest import TestFile

t = TestFile('queries/windows.test', __doc__)

ROWS = [('a', 1, 10), ('a', 2, 20), ('a', 2, 25), ('a', 4, None), ('a', 5, 50), ('a', 5, 55), ('a', 9, 90),
        ('b', 1, None), ('b', 3, 30), ('b', 3, None), ('b', 6, 60), ('c', 7, 70),
        ('d', 2, -5), ('d', 4, 0), ('d', 6, 5), ('d', 8, 10), ('d', 10, 15)]
t.table('wn(g String, t Int64, v Nullable(Int64))')
t.rows('wn', ROWS[:8])
t.rows('wn', ROWS[8:])
t.table('wn_empty(g String, t Int64, v Nullable(Int64))')

# Rows as dicts with a unique tiebreak: ORDER BY t, v (NULL v last) makes every order total.
data = [dict(g=g, t=tt, v=v) for g, tt, v in ROWS]


def vkey(r):
    return (r['v'] is None, r['v'] if r['v'] is not None else 0)


def partitions(rows, by_g):
    out = {}
    for r in rows:
        out.setdefault(r['g'] if by_g else '', []).append(r)
    return out


def frame_range(part, i, peers_of):
    """Default frame with ORDER BY: from the start through the last peer of row i."""
    last = i
    while last + 1 < len(part) and peers_of(part[last + 1]) == peers_of(part[i]):
        last += 1
    return 0, last


def result_rows(fn, by_g=True, order=lambda r: (r['t'],) + vkey(r), peers=lambda r: r['t']):
    out = []
    for _, part in sorted(partitions(data, by_g).items()):
        part = sorted(part, key=order)
        for i, r in enumerate(part):
            out.append((r['g'], r['t'], r['v'], fn(part, i, peers)))
    return out


def nn(xs):
    return [x for x in xs if x is not None]


OUTER = 'ORDER BY g, t, v'
SORTED = lambda rows: sorted(rows, key=lambda x: (x[0], x[1], x[2] is None, x[2] or 0))

t.comment('Ranking functions.')
t.query('TIII', f'SELECT g, t, v, row_number() OVER (PARTITION BY g ORDER BY t, v) FROM wn {OUTER}',
        SORTED(result_rows(lambda p, i, pe: i + 1)))


def rank(p, i, pe):
    return next(j for j in range(len(p)) if pe(p[j]) == pe(p[i])) + 1


def dense(p, i, pe):
    return len(set(pe(x) for x in p[:i + 1]))


t.query('TIII', f'SELECT g, t, v, rank() OVER (PARTITION BY g ORDER BY t) FROM wn {OUTER}', SORTED(result_rows(rank)))
t.query('TIII', f'SELECT g, t, v, dense_rank() OVER (PARTITION BY g ORDER BY t) FROM wn {OUTER}', SORTED(result_rows(dense)))
t.query('TIII', f'SELECT g, t, v, rank() OVER (ORDER BY t) FROM wn {OUTER}', SORTED(result_rows(rank, by_g=False)))
t.query('TIII', f'SELECT g, t, v, dense_rank() OVER (ORDER BY t DESC) FROM wn {OUTER}',
        SORTED(result_rows(dense, by_g=False, order=lambda r: (-r['t'],), peers=lambda r: r['t'])))
t.query('TIII', f'SELECT g, t, v, row_number() OVER (ORDER BY g DESC, t DESC, v DESC) FROM wn {OUTER}',
        SORTED([(r['g'], r['t'], r['v'], i + 1) for i, r in enumerate(sorted(data, key=lambda r: (r['g'], r['t'], not (r['v'] is None), r['v'] or 0), reverse=True))]))
t.query('II', "SELECT t, row_number() OVER (PARTITION BY g ORDER BY t DESC, v) FROM wn WHERE g = 'c'", [(7, 1)])
t.query('I', 'SELECT max(rn) FROM (SELECT row_number() OVER () AS rn FROM wn)', [len(data)])

t.comment('lag and lead: NULL past the edge unless a default is given.')
for n in [1, 2]:
    t.query('TIII', f'SELECT g, t, v, lag(t, {n}) OVER (PARTITION BY g ORDER BY t, v) FROM wn {OUTER}',
            SORTED(result_rows(lambda p, i, pe: p[i - n]['t'] if i - n >= 0 else None)))
    t.query('TIII', f'SELECT g, t, v, lead(t, {n}) OVER (PARTITION BY g ORDER BY t, v) FROM wn {OUTER}',
            SORTED(result_rows(lambda p, i, pe: p[i + n]['t'] if i + n < len(p) else None)))
t.query('TIII', f'SELECT g, t, v, lag(t, 1, -1) OVER (PARTITION BY g ORDER BY t, v) FROM wn {OUTER}',
        SORTED(result_rows(lambda p, i, pe: p[i - 1]['t'] if i >= 1 else -1)))
t.query('TIII', f'SELECT g, t, v, lead(v, 1, 999) OVER (PARTITION BY g ORDER BY t, v) FROM wn {OUTER}',
        SORTED(result_rows(lambda p, i, pe: p[i + 1]['v'] if i + 1 < len(p) else 999)))
t.query('TIII', f'SELECT g, t, v, lag(v) OVER (PARTITION BY g ORDER BY t, v) FROM wn {OUTER}',
        SORTED(result_rows(lambda p, i, pe: p[i - 1]['v'] if i >= 1 else None)))
t.query('TIII', f'SELECT g, t, v, t - lag(t) OVER (PARTITION BY g ORDER BY t, v) FROM wn {OUTER}',
        SORTED(result_rows(lambda p, i, pe: p[i]['t'] - p[i - 1]['t'] if i >= 1 else None)))

t.comment('lagInFrame / leadInFrame look inside the frame; past it they give the default (0).')
FULL = 'ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING'
t.query('TIII', f'SELECT g, t, v, lagInFrame(t) OVER (PARTITION BY g ORDER BY t, v {FULL}) FROM wn {OUTER}',
        SORTED(result_rows(lambda p, i, pe: p[i - 1]['t'] if i >= 1 else 0)))
t.query('TIII', f'SELECT g, t, v, leadInFrame(t, 1, -7) OVER (PARTITION BY g ORDER BY t, v {FULL}) FROM wn {OUTER}',
        SORTED(result_rows(lambda p, i, pe: p[i + 1]['t'] if i + 1 < len(p) else -7)))
t.query('TIII', f'SELECT g, t, v, leadInFrame(t) OVER (PARTITION BY g ORDER BY t, v ROWS BETWEEN CURRENT ROW AND CURRENT ROW) FROM wn {OUTER}',
        SORTED(result_rows(lambda p, i, pe: 0)))

t.comment('first_value, last_value, nth_value: the default frame ends at the last peer.')
t.query('TIII', f'SELECT g, t, v, first_value(t) OVER (PARTITION BY g ORDER BY t DESC, v) FROM wn {OUTER}',
        SORTED(result_rows(lambda p, i, pe: p[0]['t'], order=lambda r: (-r['t'],) + vkey(r))))
t.query('TIII', f'SELECT g, t, v, last_value(t) OVER (PARTITION BY g ORDER BY t) FROM wn {OUTER}',
        SORTED(result_rows(lambda p, i, pe: p[frame_range(p, i, pe)[1]]['t'])))
t.query('TIII', f'SELECT g, t, v, last_value(t) OVER (PARTITION BY g ORDER BY t, v {FULL}) FROM wn {OUTER}',
        SORTED(result_rows(lambda p, i, pe: p[-1]['t'])))
t.query('TIII', f'SELECT g, t, v, nth_value(t, 2) OVER (PARTITION BY g ORDER BY t, v {FULL}) FROM wn {OUTER}',
        SORTED(result_rows(lambda p, i, pe: p[1]['t'] if len(p) > 1 else 0)))
t.query('TIII', f'SELECT g, t, v, nth_value(t, 3) OVER (PARTITION BY g ORDER BY t, v ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) FROM wn {OUTER}',
        SORTED(result_rows(lambda p, i, pe: p[2]['t'] if i >= 2 else 0)))
t.query('TIII', f"SELECT g, t, v, nth_value(t, 2) OVER (PARTITION BY g ORDER BY t, v {FULL}) FROM wn WHERE g != 'c' {OUTER}",
        SORTED([r for r in result_rows(lambda p, i, pe: p[1]['t'] if len(p) > 1 else 0) if r[0] != 'c']))

t.comment('Aggregates over the default frames.')


def agg_over(name, frame):
    def fn(p, i, pe):
        lo, hi = frame(p, i, pe)
        vals = nn(x['v'] for x in p[max(lo, 0):hi + 1]) if lo <= hi else []
        if name == 'count':
            return len(vals)
        if not vals:
            return None
        return {'sum': sum(vals), 'min': min(vals), 'max': max(vals), 'avg': sum(vals) / len(vals)}[name]
    return fn


WHOLE = lambda p, i, pe: (0, len(p) - 1)
for name, types in [('sum', 'I'), ('count', 'I'), ('min', 'I'), ('max', 'I'), ('avg', 'R')]:
    t.query('TII' + types, f'SELECT g, t, v, {name}(v) OVER (PARTITION BY g) FROM wn {OUTER}',
            SORTED(result_rows(agg_over(name, WHOLE))))
    t.query('TII' + types, f'SELECT g, t, v, {name}(v) OVER (PARTITION BY g ORDER BY t) FROM wn {OUTER}',
            SORTED(result_rows(agg_over(name, frame_range))))
t.query('TIII', f'SELECT g, t, v, sum(v) OVER () FROM wn {OUTER}', SORTED(result_rows(agg_over('sum', WHOLE), by_g=False)))
t.query('TIII', f'SELECT g, t, v, sum(v) OVER (ORDER BY t) FROM wn {OUTER}', SORTED(result_rows(agg_over('sum', frame_range), by_g=False)))
t.query('TIII', f'SELECT g, t, v, count() OVER (PARTITION BY g) FROM wn {OUTER}',
        SORTED(result_rows(lambda p, i, pe: len(p))))

t.comment('ROWS frames of every shape.')
for lo_sql, hi_sql, lo, hi in [('UNBOUNDED PRECEDING', 'CURRENT ROW', None, 0), ('1 PRECEDING', '1 FOLLOWING', -1, 1),
                               ('2 PRECEDING', 'CURRENT ROW', -2, 0), ('CURRENT ROW', 'UNBOUNDED FOLLOWING', 0, None),
                               ('1 FOLLOWING', '2 FOLLOWING', 1, 2), ('3 PRECEDING', '1 PRECEDING', -3, -1),
                               ('UNBOUNDED PRECEDING', '1 PRECEDING', None, -1), ('CURRENT ROW', 'CURRENT ROW', 0, 0)]:
    frame = lambda p, i, pe, lo=lo, hi=hi: (0 if lo is None else i + lo, len(p) - 1 if hi is None else min(i + hi, len(p) - 1))
    for name, types in [('sum', 'I'), ('count', 'I')]:
        t.query('TII' + types, f'SELECT g, t, v, {name}(v) OVER (PARTITION BY g ORDER BY t, v ROWS BETWEEN {lo_sql} AND {hi_sql}) FROM wn {OUTER}',
                SORTED(result_rows(agg_over(name, frame))))

t.comment('RANGE frames with offsets on the ORDER BY value.')
for lo_v, hi_v, lo_sql, hi_sql in [(1, 1, '1 PRECEDING', '1 FOLLOWING'), (2, 0, '2 PRECEDING', 'CURRENT ROW'),
                                   (0, 3, 'CURRENT ROW', '3 FOLLOWING'), (None, 0, 'UNBOUNDED PRECEDING', 'CURRENT ROW')]:
    def fn(p, i, pe, lo_v=lo_v, hi_v=hi_v):
        x = p[i]['t']
        vals = nn(r['v'] for r in p if (lo_v is None or r['t'] >= x - lo_v) and r['t'] <= x + hi_v)
        return sum(vals) if vals else None
    t.query('TIII', f'SELECT g, t, v, sum(v) OVER (PARTITION BY g ORDER BY t RANGE BETWEEN {lo_sql} AND {hi_sql}) FROM wn {OUTER}',
            SORTED(result_rows(fn)))

t.comment('Windows with WHERE, over GROUP BY results, several at once, on empty input.')
t.query('TIII', f"SELECT g, t, v, row_number() OVER (PARTITION BY g ORDER BY t, v) FROM wn WHERE v > 0 {OUTER}",
        SORTED([(r['g'], r['t'], r['v'], i + 1) for _, part in sorted(partitions([r for r in data if r['v'] is not None and r['v'] > 0], True).items())
                for i, r in enumerate(sorted(part, key=lambda r: (r['t'], r['v'])))]))
groups = {}
for r in data:
    groups[r['g']] = groups.get(r['g'], 0) + sum(nn([r['v']]))
tot = sum(groups.values())
t.query('TII', 'SELECT g, sum(v) AS s, sum(sum(v)) OVER () FROM wn GROUP BY g ORDER BY g',
        [(g, groups[g] if any(r['v'] is not None for r in data if r['g'] == g) else None, tot) for g in sorted(groups)])
ranked = sorted(groups.items(), key=lambda kv: -kv[1])
t.query('TI', 'SELECT g, rank() OVER (ORDER BY count() DESC) FROM wn GROUP BY g ORDER BY g',
        sorted([(g, 1 + sum(1 for h in groups if sum(1 for r in data if r['g'] == h) > sum(1 for r in data if r['g'] == g)))
                for g in groups]))
t.query('TIII', f'SELECT g, t, row_number() OVER (PARTITION BY g ORDER BY t, v), count() OVER (PARTITION BY g) FROM wn WHERE g = \'b\' ORDER BY t, v',
        [('b', 1, 1, 4), ('b', 3, 2, 4), ('b', 3, 3, 4), ('b', 6, 4, 4)])
t.query('TII', 'SELECT g, t, row_number() OVER w FROM wn WHERE g = \'d\' WINDOW w AS (ORDER BY t DESC) ORDER BY t',
        [('d', 2, 5), ('d', 4, 4), ('d', 6, 3), ('d', 8, 2), ('d', 10, 1)])
t.query('II', "SELECT t, rn FROM (SELECT t, row_number() OVER (PARTITION BY g ORDER BY t) AS rn FROM wn WHERE g = 'd') WHERE rn <= 2 ORDER BY t",
        [(2, 1), (4, 2)])
t.query('TI', 'SELECT g, row_number() OVER (ORDER BY t) FROM wn_empty', [])
t.query('I', 'SELECT sum(v) OVER () FROM wn_empty', [])

t.comment('Errors.')
t.error('SELECT row_number() FROM wn')
t.error('SELECT g FROM wn WHERE row_number() OVER () = 1')
t.error('SELECT nth_value(t, 0) OVER () FROM wn', 'nth_value takes a row number of at least 1, not 0')
t.comment('A frame that starts after it ends is refused, as ClickHouse refuses it.')
t.error('SELECT row_number() OVER (ORDER BY t ROWS BETWEEN 1 FOLLOWING AND 1 PRECEDING) FROM wn',
        'the window frame starts after it ends')
t.error('SELECT sum(v) OVER (ORDER BY g ROWS BETWEEN UNBOUNDED FOLLOWING AND UNBOUNDED FOLLOWING) FROM wn',
        'the window frame starts after it ends')
t.error('SELECT sum(v) OVER (ORDER BY g ROWS BETWEEN 3 PRECEDING AND 4 PRECEDING) FROM wn',
        'the window frame starts after it ends')
t.error('SELECT sum(v) OVER (ORDER BY g RANGE BETWEEN 1 PRECEDING AND CURRENT ROW) FROM wn')
t.error('SELECT row_number() OVER w FROM wn')
t.comment('QUALIFY filters on window results, after them and before ORDER BY.')
t.query('II', 'SELECT number, row_number() OVER (ORDER BY number DESC) AS r FROM numbers(5) QUALIFY r <= 2 ORDER BY number', [(3, 2), (4, 1)])
t.query('II', 'SELECT number % 2 AS p, number FROM numbers(6) QUALIFY row_number() OVER (PARTITION BY number % 2 ORDER BY number) = 1 ORDER BY p', [(0, 0), (1, 1)])
t.query('I', 'SELECT number FROM numbers(3) QUALIFY number > 0 ORDER BY number', [1, 2])
t.query('I', 'SELECT count() FROM (SELECT number FROM numbers(10) QUALIFY lagInFrame(number) OVER (ORDER BY number) > 3)', [5])
t.comment('ORDER BY … NULLS FIRST inside OVER: NULL values come first in the window order.')
for desc in (False, True):
    expected = []
    for g in sorted(set(r['g'] for r in data)):
        part = [r for r in data if r['g'] == g]
        nulls = sorted([r for r in part if r['v'] is None], key=lambda r: r['t'])
        values = sorted([r for r in part if r['v'] is not None], key=lambda r: (-r['v'] if desc else r['v']))
        for i, r in enumerate(nulls + values):
            expected.append((g, r['t'], r['v'], i + 1))
    expected.sort(key=lambda e: (e[0], e[3]))
    direction = ' DESC' if desc else ''
    t.query('TIII', f'SELECT g, t, v, row_number() OVER (PARTITION BY g ORDER BY v{direction} NULLS FIRST, t) AS r '
            'FROM wn ORDER BY g, r', expected)
t.write()
