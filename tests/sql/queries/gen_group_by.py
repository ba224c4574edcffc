#!/usr/bin/env python3
"""Writes group_by.test: GROUP BY over a 3,000-row table (several morsels, so partial aggregates
are merged) with keys of every kind — strings with NULL, integers, dates, Bool, expressions,
several at once — and every aggregate over grouped, empty, all-NULL and single-row input, with
the -If, -Distinct, -OrNull and -Array combinators and HAVING. Expected values are computed
here from the same rows with ClickHouse's rules: NULLs are skipped, count() counts rows, sum of
nothing is 0 (NULL for a Nullable argument), avg of nothing is nan (NULL for Nullable), min /
max of nothing are the type's default (NULL for Nullable), a NULL key is a group of its own.
Amounts are multiples of 1/4, so every sum and average is exact whatever the order."""
import os, sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
import datetime as dt
from sqltest import TestFile

t = TestFile('queries/group_by.test', __doc__)

N = 3000
seed = 12345


def rnd():
    global seed
    seed = (seed * 1103515245 + 12345) % 2 ** 31
    return seed >> 8


USERS = ['ann', 'bob', 'cat', 'dan', 'eve', None]
rows = []
for i in range(1, N + 1):
    r = rnd()
    user = USERS[r % 6] if r % 17 else None
    grp = [0, 0, 0, 0, 1, 1, 1, 2, 2, 3][rnd() % 10]
    amount = (rnd() % 400 - 100) / 4
    qty = None if rnd() % 5 == 0 else rnd() % 50
    day = dt.date(2024, 1, 1) + dt.timedelta(days=rnd() % 60)
    flag = rnd() % 3 == 0
    rows.append(dict(id=i, user=user, grp=grp, amount=amount, qty=qty, day=day.isoformat(), flag=flag))

t.table('gb(id Int64, user Nullable(String), grp Int64, amount Float64, qty Nullable(Int64), day Date, flag Bool)')
for start in range(0, N, 700):
    t.rows('gb', [(r['id'], r['user'], r['grp'], r['amount'], r['qty'], r['day'], r['flag']) for r in rows[start:start + 700]])
t.table('gb_empty(id Int64, x Nullable(Int64), f Float64, s String)')
t.table('gb_nulls(g Int64, x Nullable(Int64), s Nullable(String))')
t.rows('gb_nulls', [(1, None, None), (1, None, None), (2, None, None)])


def groups(key):
    out = {}
    for r in rows:
        out.setdefault(key(r), []).append(r)
    return out


def nn(vals):
    return [v for v in vals if v is not None]


def keysort(k):
    # ORDER BY puts NULL last (ClickHouse's default NULLS LAST).
    return (k is None, k if k is not None else 0)


def mean(vals):
    return sum(vals) / len(vals) if vals else float('nan')


t.comment('One key, the basic aggregates.')
g = groups(lambda r: r['grp'])
t.query('IIIIIIRR', 'SELECT grp, count(), count(qty), sum(qty), min(qty), max(qty), sum(amount), avg(amount) '
        'FROM gb GROUP BY grp ORDER BY grp',
        [(k, len(v), len(nn([r['qty'] for r in v])), sum(nn([r['qty'] for r in v])), min(nn([r['qty'] for r in v])),
          max(nn([r['qty'] for r in v])), sum(r['amount'] for r in v), mean([r['amount'] for r in v]))
         for k, v in sorted(g.items())])
t.query('IRRII', 'SELECT grp, min(amount), max(amount), uniqExact(user), uniq(qty) FROM gb GROUP BY grp ORDER BY grp',
        [(k, min(r['amount'] for r in v), max(r['amount'] for r in v), len(set(nn(r['user'] for r in v))),
          len(set(nn(r['qty'] for r in v)))) for k, v in sorted(g.items())])
t.query('IDD', 'SELECT grp, min(day), max(day) FROM gb GROUP BY grp ORDER BY grp',
        [(k, min(r['day'] for r in v), max(r['day'] for r in v)) for k, v in sorted(g.items())])

t.comment('A Nullable String key: NULL is a group of its own, ordered last.')
g = groups(lambda r: r['user'])
t.query('TIII', 'SELECT user, count(), sum(qty), max(id) FROM gb GROUP BY user ORDER BY user',
        [(k, len(v), sum(nn(r['qty'] for r in v)), max(r['id'] for r in v)) for k, v in sorted(g.items(), key=lambda kv: keysort(kv[0]))])
t.query('TI', 'SELECT user, count() AS c FROM gb GROUP BY user ORDER BY c DESC, user LIMIT 3',
        [(k, len(v)) for k, v in sorted(g.items(), key=lambda kv: (-len(kv[1]), keysort(kv[0])))][:3])
t.query('I', 'SELECT count() FROM (SELECT user FROM gb GROUP BY user)', [len(g)])
t.query('TR', "SELECT user, avg(amount) FROM gb WHERE user IS NOT NULL GROUP BY user ORDER BY user",
        [(k, mean([r['amount'] for r in v])) for k, v in sorted((k, v) for k, v in g.items() if k is not None)])

t.comment('Several keys, expressions as keys, HAVING.')
g = groups(lambda r: (r['user'], r['grp']))
t.query('TIII', 'SELECT user, grp, count(), sum(qty) FROM gb GROUP BY user, grp ORDER BY user, grp',
        [(k[0], k[1], len(v), sum(nn(r['qty'] for r in v))) for k, v in sorted(g.items(), key=lambda kv: (keysort(kv[0][0]), kv[0][1]))])
t.query('TII', 'SELECT user, grp, count() AS c FROM gb GROUP BY user, grp HAVING c > 150 ORDER BY user, grp',
        [(k[0], k[1], len(v)) for k, v in sorted(g.items(), key=lambda kv: (keysort(kv[0][0]), kv[0][1])) if len(v) > 150])
g = groups(lambda r: r['day'][:7])
t.query('DII', 'SELECT toStartOfMonth(day) AS m, count(), countIf(flag) FROM gb GROUP BY m ORDER BY m',
        [(k + '-01', len(v), sum(1 for r in v if r['flag'])) for k, v in sorted(g.items())])
g = groups(lambda r: (r['id'] - 1) // 1000)
t.query('IIII', 'SELECT intDiv(id - 1, 1000) AS bucket, count(), min(id), max(id) FROM gb GROUP BY bucket ORDER BY bucket',
        [(k, len(v), min(r['id'] for r in v), max(r['id'] for r in v)) for k, v in sorted(g.items())])
g = groups(lambda r: r['flag'])
t.query('BIR', 'SELECT flag, count(), sum(amount) FROM gb GROUP BY flag ORDER BY flag',
        [(k, len(v), sum(r['amount'] for r in v)) for k, v in sorted(g.items())])
g = groups(lambda r: r['qty'] is None)
t.query('BI', 'SELECT qty IS NULL AS missing, count() FROM gb GROUP BY missing ORDER BY missing',
        [(k, len(v)) for k, v in sorted(g.items())])
g = groups(lambda r: r['day'])
t.query('DI', 'SELECT day, count() AS c FROM gb GROUP BY day HAVING sum(qty) > 650 ORDER BY day',
        [(k, len(v)) for k, v in sorted(g.items()) if sum(nn(r['qty'] for r in v)) > 650])
t.query('I', 'SELECT count() FROM (SELECT day FROM gb GROUP BY day HAVING count() >= 50)',
        [sum(1 for v in g.values() if len(v) >= 50)])
t.query('II', 'SELECT grp % 2 AS parity, count() FROM gb GROUP BY parity ORDER BY parity',
        [(k, len(v)) for k, v in sorted(groups(lambda r: r['grp'] % 2).items())])
g = groups(lambda r: r['grp'])
t.query('II', 'SELECT grp, count() FROM gb GROUP BY grp HAVING max(amount) - min(amount) > 0 AND grp > 0 ORDER BY grp',
        [(k, len(v)) for k, v in sorted(g.items()) if k > 0])

t.comment('One large group: every row.')
t.query('IIIRI', 'SELECT count(), sum(id), count(DISTINCT user), sum(amount), countIf(qty IS NULL) FROM gb',
        [(N, N * (N + 1) // 2, len(set(nn(r['user'] for r in rows))), sum(r['amount'] for r in rows),
          sum(1 for r in rows if r['qty'] is None))])
t.query('II', 'SELECT min(id), max(id) FROM gb', [(1, N)])
t.query('TT', 'SELECT argMax(user, id), argMin(user, id) FROM gb WHERE user IS NOT NULL',
        [(max((r['id'], r['user']) for r in rows if r['user'])[1], min((r['id'], r['user']) for r in rows if r['user'])[1])])
t.query('II', 'SELECT argMax(id, qty * 10000 + id), argMin(id, qty * 10000 - id) FROM gb',
        [(max((r['qty'] * 10000 + r['id'], r['id']) for r in rows if r['qty'] is not None)[1],
          min((r['qty'] * 10000 - r['id'], r['id']) for r in rows if r['qty'] is not None)[1])])
qs = sorted(nn(r['qty'] for r in rows))
t.query('II', 'SELECT quantileExact(0.5)(qty), quantileExact(0.9)(qty) FROM gb',
        [(qs[len(qs) // 2], qs[int(0.9 * len(qs))])])
ids = list(range(1, N + 1))
t.query('RRR', 'SELECT median(id), quantile(0.25)(id), quantile(1)(id) FROM gb',
        [(1 + 0.5 * (N - 1), 1 + 0.25 * (N - 1), float(N))])
cnt = {}
for r in rows:
    cnt[r['grp']] = cnt.get(r['grp'], 0) + 1
t.query('T', 'SELECT toString(topK(2)(grp)) FROM gb', ['[' + ','.join(str(k) for k, _ in sorted(cnt.items(), key=lambda kv: -kv[1])[:2]) + ']'])
t.query('I', 'SELECT sum(flag) FROM gb', [sum(1 for r in rows if r['flag'])])

t.comment('Combinators: -If, -Distinct, -OrNull, -Array.')
g = groups(lambda r: r['grp'])
t.query('IIIRI', 'SELECT grp, countIf(flag), sumIf(qty, flag), avgIf(amount, amount > 0), uniqExactIf(user, flag) '
        'FROM gb GROUP BY grp ORDER BY grp',
        [(k, sum(1 for r in v if r['flag']), sum(nn(r['qty'] for r in v if r['flag'])),
          mean([r['amount'] for r in v if r['amount'] > 0]), len(set(nn(r['user'] for r in v if r['flag']))))
         for k, v in sorted(g.items())])
t.query('IIIR', 'SELECT grp, sumDistinct(qty), count(DISTINCT qty), avgDistinct(qty) FROM gb GROUP BY grp ORDER BY grp',
        [(k, sum(set(nn(r['qty'] for r in v))), len(set(nn(r['qty'] for r in v))), mean(list(set(nn(r['qty'] for r in v)))))
         for k, v in sorted(g.items())])
t.query('III', 'SELECT grp, minIf(id, qty > 45), maxIf(id, qty < 2) FROM gb GROUP BY grp ORDER BY grp',
        [(k, min(r['id'] for r in v if r['qty'] is not None and r['qty'] > 45),
          max(r['id'] for r in v if r['qty'] is not None and r['qty'] < 2)) for k, v in sorted(g.items())])
t.query('II', 'SELECT grp, sumIfOrNull(qty, user = \'nobody\') FROM gb GROUP BY grp ORDER BY grp',
        [(k, None) for k in sorted(g)])
t.query('II', 'SELECT grp, countIf(user = \'nobody\') FROM gb GROUP BY grp ORDER BY grp', [(k, 0) for k in sorted(g)])
t.query('IIR', 'SELECT sumOrNull(id), maxOrNull(id), avgOrNull(amount) FROM gb WHERE id < 0', [(None, None, None)])
t.query('III', 'SELECT sumArray([id, 1]), countArray([id, id]), maxArray([id, -id]) FROM gb WHERE id <= 10',
        [(55 + 10, 20, 10)])
t.query('T', 'SELECT toString(arraySort(groupArrayDistinct(grp))) FROM gb', ['[' + ','.join(map(str, sorted(set(r['grp'] for r in rows)))) + ']'])
t.query('T', 'SELECT toString(groupArray(3)(id)) FROM (SELECT id FROM gb WHERE id <= 5 ORDER BY id)', ['[1,2,3]'])
t.query('T', 'SELECT toString(arraySort(groupArrayIf(id, id % 1000 = 0))) FROM gb', ['[1000,2000,3000]'])

t.comment('Every aggregate on empty input (no GROUP BY: one row of defaults).')
for agg, types, val in [('count()', 'I', 0), ('count(x)', 'I', 0), ('sum(id)', 'I', 0), ('sum(x)', 'I', None),
                        ('sum(f)', 'R', 0.0), ('avg(id)', 'R', float('nan')), ('avg(x)', 'R', None),
                        ('min(id)', 'I', 0), ('max(f)', 'R', 0.0), ('min(x)', 'I', None), ('max(s)', 'T', ''),
                        ('any(id)', 'I', 0), ('anyLast(s)', 'T', ''), ('argMin(s, id)', 'T', ''), ('argMax(id, f)', 'I', 0),
                        ('uniq(id)', 'I', 0), ('uniqExact(s)', 'I', 0), ('countIf(id > 0)', 'I', 0),
                        ('sumIf(id, id > 0)', 'I', 0), ('toString(groupArray(id))', 'T', '[]'),
                        ('toString(topK(3)(s))', 'T', '[]'), ('sumOrNull(id)', 'I', None), ('maxOrNull(s)', 'T', None),
                        ('count(DISTINCT s)', 'I', 0), ('varPop(f)', 'R', float('nan')), ('quantileExact(0.5)(id)', 'I', 0),
                        ('median(f)', 'R', float('nan')), ('countOrNull()', 'I', None)]:
    t.query(types, f'SELECT {agg} FROM gb_empty', [val] if types != 'R' or val == val else ['nan'])
t.query('II', 'SELECT count(), sum(id) FROM gb_empty GROUP BY s', [])
t.query('TI', 'SELECT s, count() FROM gb_empty GROUP BY s HAVING count() = 0', [])
t.query('I', 'SELECT count() FROM gb WHERE 1 = 0', [0])
t.query('II', 'SELECT grp, count() FROM gb WHERE 1 = 0 GROUP BY grp', [])

t.comment('Every aggregate on input that is all NULL: NULL for a Nullable argument; counts 0.')
for agg, types, val in [('count()', 'I', 3), ('count(x)', 'I', 0), ('sum(x)', 'I', None), ('avg(x)', 'R', None),
                        ('min(x)', 'I', None), ('max(s)', 'T', None), ('any(x)', 'I', None), ('uniq(x)', 'I', 0),
                        ('uniqExact(s)', 'I', 0), ('toString(groupArray(x))', 'T', '[]'), ('argMax(s, x)', 'T', None),
                        ('count(DISTINCT x)', 'I', 0), ('sumIf(x, g = 1)', 'I', None), ('median(x)', 'R', None)]:
    t.query(types, f'SELECT {agg} FROM gb_nulls', [val])
t.query('IIII', 'SELECT g, count(), count(x), sum(x) FROM gb_nulls GROUP BY g ORDER BY g', [(1, 2, 0, None), (2, 1, 0, None)])
t.query('TI', 'SELECT s, count() FROM gb_nulls GROUP BY s', [(None, 3)])

t.comment('Single rows, constants and literals as aggregate arguments.')
t.query('IIRBT', "SELECT count(), sum(5), avg(2), max('z') = 'z', min('a') FROM gb WHERE id = 7",
        [(1, 5, 2.0, True, 'a')])
t.query('II', 'SELECT count(*), count(1) FROM gb WHERE id <= 100', [(100, 100)])
t.query('I', 'SELECT sum(9223372036854775807) FROM gb WHERE id <= 2', [-2])
t.query('RRR', 'SELECT varPop(x), varSamp(x), stddevPop(x) FROM (SELECT id AS x FROM gb WHERE id <= 4)',
        [(1.25, 5 / 3, 1.25 ** 0.5)])
t.query('R', 'SELECT varSamp(id) FROM gb WHERE id = 1', [float('nan')])
t.query('RR', 'SELECT covarPop(id, 2 * id), corr(id, 2 * id + 1) FROM gb WHERE id <= 4', [(2.5, 1.0)])

t.comment('Aggregates in expressions, nested in subqueries, and mixed with keys.')
g = groups(lambda r: r['grp'])
t.query('IR', 'SELECT grp, sum(amount) / count() FROM gb GROUP BY grp ORDER BY grp',
        [(k, sum(r['amount'] for r in v) / len(v)) for k, v in sorted(g.items())])
t.query('II', 'SELECT grp, max(id) - min(id) FROM gb GROUP BY grp ORDER BY grp',
        [(k, max(r['id'] for r in v) - min(r['id'] for r in v)) for k, v in sorted(g.items())])
t.query('I', 'SELECT max(c) FROM (SELECT user, count() AS c FROM gb GROUP BY user)',
        [max(len(v) for v in groups(lambda r: r['user']).values())])
t.query('IT', "SELECT grp, if(count() > 500, 'big', 'small') FROM gb GROUP BY grp ORDER BY grp",
        [(k, 'big' if len(v) > 500 else 'small') for k, v in sorted(g.items())])
t.query('I', 'SELECT count() FROM gb WHERE qty > (SELECT avg(qty) FROM gb)',
        [sum(1 for r in rows if r['qty'] is not None and r['qty'] > mean(nn(r2['qty'] for r2 in rows)))])

t.comment('Errors.')
t.error('SELECT user, count() FROM gb GROUP BY grp', 'user')
t.error('SELECT sum(count()) FROM gb')
t.error('SELECT count() FROM gb WHERE count() > 1')
t.error('SELECT grp FROM gb GROUP BY grp HAVING qty > 1')
t.error("SELECT sum('a') FROM gb")
t.error('SELECT avg(user) FROM gb')
t.error('SELECT quantile(2)(id) FROM gb')
t.error('SELECT groupArray(id, id) FROM gb')
t.comment('Positional GROUP BY, and known bugs, on a small table.')
t.table('gb_small(id Int64, user Nullable(String), grp Int64, qty Nullable(Int64))')
SMALL = [(1, 'ann', 1, 5), (2, 'bob', 1, None), (3, 'ann', 2, 7), (4, None, 2, 1), (5, 'ann', 1, 5)]
t.rows('gb_small', SMALL)
t.comment('An alias named like the column its aggregate reads: inside the aggregate it is the column.')
t.query('I', 'SELECT max(id) AS id FROM gb_small', [5])
t.query('II', 'SELECT grp, sum(qty) AS qty FROM gb_small GROUP BY grp ORDER BY grp', [(1, 10), (2, 8)])
t.query('II', 'SELECT grp, sum(qty) AS qty FROM gb_small GROUP BY grp ORDER BY qty DESC', [(1, 10), (2, 8)])
t.query('I', 'SELECT id + 1 AS id FROM gb_small ORDER BY id', [2, 3, 4, 5, 6])
t.comment('count(DISTINCT a, b) counts distinct pairs with no NULL in them, as uniqExact(a, b).')
t.query('I', 'SELECT count(DISTINCT user, grp) FROM gb_small', [3])
t.query('II', 'SELECT grp, count(DISTINCT user, qty) FROM gb_small GROUP BY grp ORDER BY grp', [(1, 1), (2, 1)])
t.query('II', 'SELECT grp, count() FROM gb_small GROUP BY 1 ORDER BY 1', [(1, 3), (2, 2)])
t.comment('WITH TOTALS is accepted and dropped, as HogQL\'s parser drops it before ClickHouse sees the')
t.comment('query: no totals row (ClickHouse itself would send one apart from the rows).')
t.query('II', 'SELECT grp, count() FROM gb_small GROUP BY grp WITH TOTALS ORDER BY grp', [(1, 3), (2, 2)])
t.comment('ROLLUP, CUBE and GROUPING SETS: the union of one aggregation per grouping set; keys a set leaves out read as their default (0, NULL when Nullable).')
t.query('III', 'SELECT number % 2 AS a, number % 3 AS b, count() FROM numbers(6) GROUP BY ROLLUP(a, b) ORDER BY a, b, count()',
        [(0, 0, 1), (0, 0, 3), (0, 0, 6), (0, 1, 1), (0, 2, 1), (1, 0, 1), (1, 0, 3), (1, 1, 1), (1, 2, 1)])
t.query('II', 'SELECT number % 2 AS a, count() FROM numbers(6) GROUP BY CUBE(a) ORDER BY a, count()', [(0, 3), (0, 6), (1, 3)])
t.query('I', 'SELECT count() FROM (SELECT number % 2 AS a, number % 3 AS b FROM numbers(6) GROUP BY CUBE(a, b))', [6 + 2 + 3 + 1])
t.query('TI', "SELECT toString(number % 2) AS a, sum(number) FROM numbers(4) GROUP BY GROUPING SETS ((a), ()) ORDER BY a",
        [('', 6), ('0', 2), ('1', 4)])
t.query('II', 'SELECT number % 2 AS a, sum(number) AS s FROM numbers(4) GROUP BY ROLLUP(a) HAVING s > 3 ORDER BY a', [(0, 6), (1, 4)])
t.write()
