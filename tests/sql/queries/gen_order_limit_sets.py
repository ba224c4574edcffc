#!/usr/bin/env python3
"""Writes order_limit.test and set_operations.test.

order_limit.test: ORDER BY on every type, ASC and DESC, several keys in mixed directions,
expressions and aliases, NULLs (last unless NULLS FIRST) and NaN (after the numbers, before
NULL), LIMIT / OFFSET and LIMIT offset, count, over a 2,000-row table split into morsels, and
DISTINCT. Expected orders are computed here with ClickHouse's rules: strings byte-wise, NULLS
LAST by default in both directions.

set_operations.test: UNION ALL, UNION DISTINCT, INTERSECT and EXCEPT (which keep the left
side's duplicates unless DISTINCT is written, as ClickHouse's default modes do), with NULLs,
empty sides, several branches and subqueries around them; the column types of the branches
meet at their common supertype."""
import math
import os, sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
from sqltest import TestFile

o = TestFile('queries/order_limit.test', __doc__.split('\n\n')[1])
N = 2000
seed = 777


def rnd():
    global seed
    seed = (seed * 1103515245 + 12345) % 2 ** 31
    return seed >> 8


WORDS = ['apple', 'Apple', 'banana', '', 'cherry', 'apple pie', 'Zebra', 'éclair', 'a', None]
rows = []
for i in range(1, N + 1):
    rows.append(dict(id=i, n=rnd() % 100 - 50, s=WORDS[rnd() % len(WORDS)], f=None if rnd() % 11 == 0 else (rnd() % 1000) / 8,
                     d=f'2024-01-{1 + rnd() % 28:02d}'))
o.table('ol(id Int64, n Int64, s Nullable(String), f Nullable(Float64), d Date)')
for start in range(0, N, 500):
    o.rows('ol', [(r['id'], r['n'], r['s'], r['f'], r['d']) for r in rows[start:start + 500]])


def nkey(v, desc=False):
    """Sort key with NULLs last in both directions; desc negates comparable values."""
    if v is None:
        return (1, 0)
    if isinstance(v, str):
        b = v.encode()
        return (0, tuple(-c for c in b) + (1,) if desc else b)
    return (0, -v if desc else v)


def ordered(keyfn):
    return sorted(rows, key=keyfn)


o.comment('Single keys in both directions, with the id as a tiebreak.')
for col, types in [('n', 'I'), ('s', 'T'), ('f', 'R'), ('d', 'D')]:
    asc = ordered(lambda r: (nkey(r[col]), r['id']))
    desc = ordered(lambda r: (nkey(r[col], True), r['id']))
    o.query('I' + types, f'SELECT id, {col} FROM ol ORDER BY {col}, id LIMIT 12', [(r['id'], r[col]) for r in asc[:12]])
    o.query('I' + types, f'SELECT id, {col} FROM ol ORDER BY {col} DESC, id LIMIT 12', [(r['id'], r[col]) for r in desc[:12]])
    o.query('I' + types, f'SELECT id, {col} FROM ol ORDER BY {col}, id LIMIT 5 OFFSET 1990', [(r['id'], r[col]) for r in asc[1990:1995]])
    o.query('I' + types, f'SELECT id, {col} FROM ol ORDER BY {col} DESC, id DESC LIMIT 7 OFFSET 100',
            [(r['id'], r[col]) for r in ordered(lambda r: (nkey(r[col], True), -r['id']))[100:107]])
o.query('I', 'SELECT count() FROM (SELECT id FROM ol ORDER BY s NULLS FIRST LIMIT 10) WHERE id > 0', [10])
o.query('IT', 'SELECT id, s FROM ol ORDER BY s NULLS FIRST, id LIMIT 4',
        [(r['id'], r['s']) for r in ordered(lambda r: (0 if r['s'] is None else 1, nkey(r['s']), r['id']))[:4]])
o.query('IR', 'SELECT id, f FROM ol ORDER BY f DESC NULLS FIRST, id LIMIT 4',
        [(r['id'], r['f']) for r in ordered(lambda r: (0 if r['f'] is None else 1, nkey(r['f'], True), r['id']))[:4]])
o.query('IR', 'SELECT id, f FROM ol ORDER BY f ASC NULLS LAST, id DESC LIMIT 5',
        [(r['id'], r['f']) for r in ordered(lambda r: (nkey(r['f']), -r['id']))[:5]])

o.comment('Several keys, mixed directions, expressions and aliases.')
o.query('IIT', 'SELECT id, n, s FROM ol ORDER BY s DESC, n, id LIMIT 15',
        [(r['id'], r['n'], r['s']) for r in ordered(lambda r: (nkey(r['s'], True), r['n'], r['id']))[:15]])
o.query('III', 'SELECT id, n, n % 7 AS m FROM ol ORDER BY m DESC, n ASC, id DESC LIMIT 15',
        [(r['id'], r['n'], int(math.fmod(r['n'], 7))) for r in ordered(lambda r: (-int(math.fmod(r['n'], 7)), r['n'], -r['id']))[:15]])
o.query('II', 'SELECT id, n FROM ol ORDER BY n * n, id LIMIT 10',
        [(r['id'], r['n']) for r in ordered(lambda r: (r['n'] * r['n'], r['id']))[:10]])
o.query('IT', 'SELECT id, lower(s) AS l FROM ol WHERE s IS NOT NULL ORDER BY l, id DESC LIMIT 10',
        [(r['id'], r['s'].lower() if r['s'].isascii() else r['s'][0] + r['s'][1:].lower()) for r in
         ordered(lambda r: (nkey(''.join(c.lower() if c.isascii() else c for c in r['s'])) if r['s'] is not None else (2, 0), -r['id']))[:10]])
o.query('ID', 'SELECT id, d FROM ol ORDER BY d DESC, n DESC, id LIMIT 8',
        [(r['id'], r['d']) for r in ordered(lambda r: (nkey(r['d'], True), -r['n'], r['id']))[:8]])
o.query('I', 'SELECT id FROM ol ORDER BY id DESC LIMIT 3', [N, N - 1, N - 2])
o.query('I', 'SELECT id FROM ol WHERE n = 0 ORDER BY id LIMIT 4', [r['id'] for r in rows if r['n'] == 0][:4])

o.comment('LIMIT and OFFSET edges.')
o.query('I', 'SELECT id FROM ol ORDER BY id LIMIT 0', [])
o.query('I', 'SELECT id FROM ol ORDER BY id LIMIT 3 OFFSET 1999', [2000])
o.query('I', 'SELECT id FROM ol ORDER BY id LIMIT 3 OFFSET 2000', [])
o.query('I', 'SELECT id FROM ol ORDER BY id LIMIT 3 OFFSET 5000', [])
o.query('I', 'SELECT id FROM ol ORDER BY id LIMIT 10, 3', [11, 12, 13])
o.query('I', 'SELECT id FROM ol ORDER BY id DESC LIMIT 1, 1', [N - 1])
o.query('I', 'SELECT count() FROM (SELECT id FROM ol LIMIT 1234)', [1234])
o.query('I', 'SELECT count() FROM (SELECT id FROM ol LIMIT 100000)', [N])
o.query('I', 'SELECT count() FROM (SELECT id FROM ol ORDER BY n LIMIT 50 OFFSET 1975)', [25])
o.query('I', 'SELECT id FROM (SELECT id FROM ol ORDER BY id LIMIT 10) ORDER BY id DESC LIMIT 2', [10, 9])
o.error('SELECT id FROM ol LIMIT -1')
o.error("SELECT id FROM ol LIMIT 'a'")

o.comment('NaN sorts after the numbers and before NULL.')
o.table('ol_nan(k Int64, x Nullable(Float64))')
o.rows('ol_nan', [(1, 2.5), (2, None), (3, -1.0), (4, 0.0)])
o.query('IR', 'SELECT k, x FROM ol_nan ORDER BY x', [(3, -1.0), (4, 0.0), (1, 2.5), (2, None)])
o.query('IR', 'SELECT k, x FROM ol_nan ORDER BY x DESC', [(1, 2.5), (4, 0.0), (3, -1.0), (2, None)])
o.query('IT', "SELECT k, toString(x / x) AS q FROM ol_nan ORDER BY x / x, k", [(1, '1'), (3, '1'), (4, 'nan'), (2, None)])
o.comment('Descending too (values, NaN, NULL), and NULLS FIRST puts NULL, then NaN, first.')
o.query('IT', "SELECT k, toString(x / x) AS q FROM ol_nan ORDER BY x / x DESC, k", [(1, '1'), (3, '1'), (4, 'nan'), (2, None)])
o.query('IT', "SELECT k, toString(x / x) AS q FROM ol_nan ORDER BY x / x NULLS FIRST, k", [(2, None), (4, 'nan'), (1, '1'), (3, '1')])
o.query('IT', "SELECT k, toString(x / x) AS q FROM ol_nan ORDER BY x / x DESC NULLS FIRST, k DESC", [(2, None), (4, 'nan'), (3, '1'), (1, '1')])
o.query('IR', 'SELECT k, x FROM ol_nan ORDER BY x DESC NULLS FIRST LIMIT 2', [(2, None), (1, 2.5)])

o.comment('DISTINCT.')
o.query('T', 'SELECT s FROM (SELECT DISTINCT s FROM ol) ORDER BY s', sorted(set(r['s'] for r in rows), key=nkey))
o.query('I', 'SELECT count() FROM (SELECT DISTINCT n, s FROM ol)', [len(set((r['n'], r['s']) for r in rows))])
o.query('I', 'SELECT DISTINCT n % 3 FROM ol', sorted(set(int(math.fmod(r['n'], 3)) for r in rows)), rowsort=True)
o.query('T', 'SELECT s FROM (SELECT DISTINCT s FROM ol) ORDER BY s DESC LIMIT 3', sorted(set(r['s'] for r in rows), key=lambda v: nkey(v, True))[:3])

o.comment('DISTINCT with ORDER BY, positional ORDER BY (ClickHouse\'s enable_positional_arguments), and known bugs.')
o.table('ol_small(k Int64, x Nullable(Int64), s String)')
o.rows('ol_small', [(1, 20, 'b'), (2, None, 'a'), (3, 10, 'b'), (4, 20, 'c'), (5, None, 'a')])
o.query('II', 'SELECT k, x FROM ol_small ORDER BY x NULLS FIRST, k', [(2, None), (5, None), (3, 10), (1, 20), (4, 20)])
o.query('II', 'SELECT k, x FROM ol_small ORDER BY x DESC NULLS FIRST, k', [(2, None), (5, None), (1, 20), (4, 20), (3, 10)])
o.query('II', 'SELECT k, x FROM ol_small ORDER BY x NULLS FIRST, k LIMIT 3', [(2, None), (5, None), (3, 10)])
o.query('II', 'SELECT k, x FROM ol_small ORDER BY x NULLS LAST, k DESC LIMIT 3', [(3, 10), (4, 20), (1, 20)])
o.query('II', 'SELECT k, x FROM ol_small ORDER BY x LIMIT 2 WITH TIES', [(3, 10), (1, 20), (4, 20)], rowsort=True)
o.query('II', 'SELECT k, x FROM ol_small ORDER BY x LIMIT 1 WITH TIES', [(3, 10)])
o.query('II', 'SELECT k, x FROM ol_small ORDER BY x LIMIT 1 WITH TIES OFFSET 1', [(1, 20), (4, 20)], rowsort=True)
o.query('II', 'SELECT k, x FROM ol_small ORDER BY x LIMIT 4 WITH TIES', [(3, 10), (1, 20), (4, 20), (2, None), (5, None)], rowsort=True)
o.query('I', 'SELECT k FROM ol_small ORDER BY x LIMIT 0 WITH TIES', [])
o.error('SELECT k FROM ol_small LIMIT 2 WITH TIES', 'needs an ORDER BY')

o.comment('LIMIT n [OFFSET m] BY keys: per key, in ORDER BY order; NULL keys group together.')
o.query('IT', 'SELECT k, s FROM ol_small ORDER BY s, k LIMIT 1 BY s', [(2, 'a'), (1, 'b'), (4, 'c')])
o.query('IT', 'SELECT k, s FROM ol_small ORDER BY s, k DESC LIMIT 1 BY s', [(5, 'a'), (3, 'b'), (4, 'c')])
o.query('IT', 'SELECT k, s FROM ol_small ORDER BY s, k LIMIT 1 OFFSET 1 BY s', [(5, 'a'), (3, 'b')])
o.query('IT', 'SELECT k, s FROM ol_small ORDER BY s, k LIMIT 1, 1 BY s', [(5, 'a'), (3, 'b')])
o.query('II', 'SELECT k, x FROM ol_small ORDER BY k LIMIT 1 BY x', [(1, 20), (2, None), (3, 10)])
o.query('IT', 'SELECT k, s FROM ol_small ORDER BY k LIMIT 1 BY s LIMIT 2', [(1, 'b'), (2, 'a')])
o.query('TI', 'SELECT s, count() AS c FROM ol_small GROUP BY s ORDER BY s LIMIT 1 BY c', [('a', 2), ('c', 1)])
o.query('IT', 'SELECT k, s FROM ol_small ORDER BY k LIMIT 1 BY s, x % 2', [(1, 'b'), (2, 'a'), (4, 'c')])
o.query('I', 'SELECT k FROM ol_small ORDER BY k LIMIT 0 BY s', [])
o.query('T', 'SELECT DISTINCT s FROM ol_small ORDER BY s', ['a', 'b', 'c'])
o.query('T', 'SELECT DISTINCT s FROM ol ORDER BY s', sorted(set(r['s'] for r in rows), key=nkey))
o.query('T', 'SELECT DISTINCT s FROM ol ORDER BY s DESC LIMIT 3', sorted(set(r['s'] for r in rows), key=lambda v: nkey(v, True))[:3])
o.query('II', 'SELECT k, x FROM ol_small ORDER BY 2 DESC, 1', [(1, 20), (4, 20), (3, 10), (2, None), (5, None)])
o.query('II', 'SELECT id, n FROM ol ORDER BY 2 DESC, 1 LIMIT 3', [(r['id'], r['n']) for r in ordered(lambda r: (-r['n'], r['id']))[:3]])
o.error('SELECT id FROM ol ORDER BY nope', 'nope')
o.write()

s = TestFile('queries/set_operations.test', __doc__.split('\n\n')[2])
s.table('so_a(x Nullable(Int64), s String)')
s.rows('so_a', [(1, 'a'), (2, 'b'), (2, 'b'), (None, 'n'), (3, 'c')])
s.table('so_b(x Nullable(Int64), s String)')
s.rows('so_b', [(2, 'b'), (3, 'z'), (None, 'n'), (4, 'd'), (4, 'd')])
s.table('so_empty(x Nullable(Int64), s String)')
A = [(1, 'a'), (2, 'b'), (2, 'b'), (None, 'n'), (3, 'c')]
B = [(2, 'b'), (3, 'z'), (None, 'n'), (4, 'd'), (4, 'd')]


def uniq(rs):
    out = []
    for r in rs:
        if r not in out:
            out.append(r)
    return out


for left, lrows in [('so_a', A), ('so_b', B), ('so_empty', [])]:
    for right, rrows in [('so_a', A), ('so_b', B), ('so_empty', [])]:
        s.query('IT', f'SELECT x, s FROM {left} UNION ALL SELECT x, s FROM {right}', lrows + rrows, rowsort=True)
        s.query('IT', f'SELECT x, s FROM {left} UNION DISTINCT SELECT x, s FROM {right}', uniq(lrows + rrows), rowsort=True)
        s.query('IT', f'SELECT x, s FROM {left} INTERSECT SELECT x, s FROM {right}', [r for r in lrows if r in rrows], rowsort=True)
        s.query('IT', f'SELECT x, s FROM {left} EXCEPT SELECT x, s FROM {right}', [r for r in lrows if r not in rrows], rowsort=True)
        s.query('IT', f'SELECT x, s FROM {left} INTERSECT DISTINCT SELECT x, s FROM {right}', uniq([r for r in lrows if r in rrows]), rowsort=True)

s.comment('One column, several branches, constants, subqueries around a set operation.')
s.query('I', 'SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 1', [1, 2, 1], rowsort=True)
s.query('I', 'SELECT 1 UNION DISTINCT SELECT 2 UNION DISTINCT SELECT 1', [1, 2], rowsort=True)
s.query('I', 'SELECT x FROM so_a UNION ALL SELECT x FROM so_b UNION ALL SELECT x FROM so_a',
        [r[0] for r in A + B + A], rowsort=True)
s.query('I', 'SELECT count() FROM (SELECT x FROM so_a UNION ALL SELECT x FROM so_b)', [10])
s.query('II', 'SELECT x, count() FROM (SELECT x FROM so_a UNION ALL SELECT x FROM so_b) GROUP BY x ORDER BY x',
        [(1, 1), (2, 3), (3, 2), (4, 2), (None, 2)])
s.query('I', 'SELECT y FROM (SELECT x AS y FROM so_a UNION ALL SELECT x FROM so_b) WHERE y > 2 ORDER BY y', [3, 3, 4, 4])
s.query('T', "SELECT 'x' UNION ALL SELECT ''", ['x', ''], rowsort=True)
s.query('I', 'SELECT NULL UNION ALL SELECT 1', [None, 1], rowsort=True)
s.query('R', 'SELECT 1 UNION ALL SELECT 2.5', [1.0, 2.5], rowsort=True)
s.query('R', 'SELECT 1 UNION ALL SELECT NULL UNION ALL SELECT 2.5', [1.0, None, 2.5], rowsort=True)
s.query('IB', 'SELECT x, x IS NULL FROM (SELECT 1 AS x UNION ALL SELECT NULL) ORDER BY x', [(1, False), (None, True)])
s.query('I', 'SELECT x FROM so_a UNION ALL SELECT 7', [r[0] for r in A] + [7], rowsort=True)
s.query('D', "SELECT toDate('2024-01-01') UNION ALL SELECT toDateTime('2024-01-02 03:00:00')",
        ['2024-01-01 00:00:00', '2024-01-02 03:00:00'], rowsort=True)

s.comment('Mixed operators: INTERSECT binds tighter; UNION and EXCEPT go left to right.')
s.query('I', 'SELECT 1 UNION ALL SELECT 2 EXCEPT SELECT 2', [1], rowsort=True)
s.query('I', 'SELECT 1 UNION ALL SELECT 2 INTERSECT SELECT 2', [1, 2], rowsort=True)
s.query('I', 'SELECT 2 INTERSECT SELECT 2 UNION ALL SELECT 3', [2, 3], rowsort=True)
s.query('I', 'SELECT 1 EXCEPT SELECT 1 UNION ALL SELECT 1', [1], rowsort=True)
s.query('I', 'SELECT 3 UNION ALL SELECT 1 INTERSECT SELECT 2 UNION ALL SELECT 4', [3, 4], rowsort=True)
s.query('I', 'SELECT x FROM so_a EXCEPT SELECT x FROM so_b UNION ALL SELECT 9',
        sorted({r[0] for r in A if r[0] not in {b[0] for b in B}} | {9}, key=lambda v: (v is None, v)),
        rowsort=True)
s.query('R', 'SELECT 1 UNION ALL SELECT 2 INTERSECT SELECT 2.0', [1.0, 2.0], rowsort=True)

s.comment("HogQL's grammar (PostHog's) has INTERSECT DISTINCT but no EXCEPT DISTINCT.")
s.error('SELECT x FROM so_a EXCEPT DISTINCT SELECT x FROM so_b')

s.comment('Errors.')
s.error('SELECT 1, 2 UNION ALL SELECT 1', 'same number of columns')
s.error("SELECT 'a' UNION ALL SELECT 1", 'String')
s.error('SELECT x FROM so_a UNION ALL SELECT s FROM so_b')
s.error('SELECT nope FROM so_a UNION ALL SELECT x FROM so_b', 'nope')
s.write()
