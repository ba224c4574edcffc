#!/usr/bin/env python3
"""Writes joins.test: INNER, LEFT, RIGHT, FULL, CROSS, LEFT SEMI / ANTI and ANY joins on one or
two keys, with NULL keys (which never match), duplicate keys (every pair), extra conditions in
ON, expressions as keys, joins of subqueries, self joins, three tables, empty tables, and
aggregation over joins. Expected rows come from a reference join written here with ClickHouse's
defaults (join_use_nulls = 0): a row without a match gets 0, '' or 1970-01-01 for the other
side's plain columns and NULL for its Nullable ones."""
import itertools
import os, sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
from sqltest import TestFile

t = TestFile('queries/joins.test', __doc__)

L = [dict(id=1, k=1, name='a', v=10), dict(id=1, k=2, name='b', v=None), dict(id=2, k=1, name='c', v=30),
     dict(id=None, k=1, name='d', v=40), dict(id=3, k=3, name='e', v=None), dict(id=5, k=5, name='', v=60),
     dict(id=2, k=2, name='f', v=70)]
R = [dict(id=1, k=1, tag='x', w=100), dict(id=1, k=9, tag=None, w=101), dict(id=2, k=2, tag='y', w=5),
     dict(id=None, k=1, tag='n', w=7), dict(id=4, k=4, tag='z', w=400), dict(id=2, k=2, tag='y2', w=50),
     dict(id=6, k=6, tag='', w=0)]
t.table('jl(id Nullable(Int64), k Int64, name String, v Nullable(Int64))')
t.rows('jl', [(r['id'], r['k'], r['name'], r['v']) for r in L[:4]])
t.rows('jl', [(r['id'], r['k'], r['name'], r['v']) for r in L[4:]])
t.table('jr(id Nullable(Int64), k Int64, tag Nullable(String), w Int64)')
t.rows('jr', [(r['id'], r['k'], r['tag'], r['w']) for r in R[:3]])
t.rows('jr', [(r['id'], r['k'], r['tag'], r['w']) for r in R[3:]])
t.table('jempty(id Nullable(Int64), k Int64, tag Nullable(String), w Int64)')

LDEF = dict(id=None, k=0, name='', v=None)
RDEF = dict(id=None, k=0, tag=None, w=0)


def join(kind, on, left=L, right=R):
    out = []
    matched_right = set()
    for l in left:
        ms = [(j, r) for j, r in enumerate(right) if on(l, r)]
        for j, r in ms:
            matched_right.add(j)
            out.append((l, r))
        if not ms and kind in ('left', 'full'):
            out.append((l, RDEF))
    if kind in ('right', 'full'):
        for j, r in enumerate(right):
            if j not in matched_right:
                out.append((LDEF, r))
    return out


def eq(a, b):
    return a is not None and b is not None and a == b


ON_ID = lambda l, r: eq(l['id'], r['id'])
ON_ID_K = lambda l, r: eq(l['id'], r['id']) and l['k'] == r['k']
COLS = 'jl.name, jl.v, jr.tag, jr.w'


def proj(pairs):
    return [(l['name'], l['v'], r['tag'], r['w']) for l, r in pairs]


t.comment('Every join kind on one key; NULL keys never match; duplicates give every pair.')
for kind, sql in [('inner', 'JOIN'), ('inner', 'INNER JOIN'), ('left', 'LEFT JOIN'), ('left', 'LEFT OUTER JOIN'),
                  ('right', 'RIGHT JOIN'), ('full', 'FULL JOIN'), ('full', 'FULL OUTER JOIN')]:
    t.query('TITI', f'SELECT {COLS} FROM jl {sql} jr ON jl.id = jr.id', proj(join(kind, ON_ID)), rowsort=True)
    t.query('TITI', f'SELECT {COLS} FROM jl {sql} jr ON jr.id = jl.id', proj(join(kind, ON_ID)), rowsort=True)
    t.query('I', f'SELECT count() FROM jl {sql} jr ON jl.id = jr.id', [len(join(kind, ON_ID))])

t.comment('Two keys.')
for kind, sql in [('inner', 'JOIN'), ('left', 'LEFT JOIN'), ('right', 'RIGHT JOIN'), ('full', 'FULL JOIN')]:
    t.query('TITI', f'SELECT {COLS} FROM jl {sql} jr ON jl.id = jr.id AND jl.k = jr.k', proj(join(kind, ON_ID_K)), rowsort=True)

t.comment('Extra conditions in ON restrict the matches; unmatched outer rows keep defaults.')
for cond_sql, cond in [('jr.w > 60', lambda l, r: r['w'] > 60), ("jr.tag != 'y'", lambda l, r: r['tag'] is not None and r['tag'] != 'y'),
                       ('jl.k = 1', lambda l, r: l['k'] == 1)]:
    on = lambda l, r, c=cond: ON_ID(l, r) and c(l, r)
    for kind, sql in [('inner', 'JOIN'), ('left', 'LEFT JOIN')]:
        t.query('TITI', f'SELECT {COLS} FROM jl {sql} jr ON jl.id = jr.id AND {cond_sql}', proj(join(kind, on)), rowsort=True)

t.comment('WHERE after the join filters the joined rows (defaults included).')
t.query('TITI', f'SELECT {COLS} FROM jl LEFT JOIN jr ON jl.id = jr.id WHERE jr.w = 0',
        proj([p for p in join('left', ON_ID) if p[1]['w'] == 0]), rowsort=True)
t.query('TITI', f'SELECT {COLS} FROM jl LEFT JOIN jr ON jl.id = jr.id WHERE jr.tag IS NULL',
        proj([p for p in join('left', ON_ID) if p[1]['tag'] is None]), rowsort=True)
t.query('TITI', f'SELECT {COLS} FROM jl FULL JOIN jr ON jl.id = jr.id WHERE jl.name = \'\'',
        proj([p for p in join('full', ON_ID) if p[0]['name'] == '']), rowsort=True)
t.query('TITI', f'SELECT {COLS} FROM jl JOIN jr ON jl.id = jr.id WHERE jl.v IS NOT NULL AND jr.w < 100',
        proj([p for p in join('inner', ON_ID) if p[0]['v'] is not None and p[1]['w'] < 100]), rowsort=True)

t.comment('Keys that are expressions.')
on = lambda l, r: l['id'] is not None and r['id'] is not None and l['id'] + 1 == r['id']
t.query('TITI', f'SELECT {COLS} FROM jl JOIN jr ON jl.id + 1 = jr.id', proj(join('inner', on)), rowsort=True)
on = lambda l, r: l['k'] * 2 == r['k']
t.query('TITI', f'SELECT {COLS} FROM jl JOIN jr ON jl.k * 2 = jr.k', proj(join('inner', on)), rowsort=True)
on = lambda l, r: r['tag'] is not None and l['name'] == r['tag']
t.query('TITI', f'SELECT {COLS} FROM jl LEFT JOIN jr ON jl.name = jr.tag', proj(join('left', on)), rowsort=True)
on = lambda l, r: l['k'] < r['k'] and r['w'] >= 400
t.query('TITI', f'SELECT {COLS} FROM jl JOIN jr ON jl.k < jr.k AND jr.w >= 400', proj(join('inner', on)), rowsort=True)

t.comment('CROSS JOIN and the comma form.')
t.query('I', 'SELECT count() FROM jl CROSS JOIN jr', [len(L) * len(R)])
t.query('I', 'SELECT count() FROM jl, jr', [len(L) * len(R)])
t.query('TI', "SELECT jl.name, jr.w FROM jl CROSS JOIN jr WHERE jl.name = 'a' AND jr.w < 10",
        [('a', r['w']) for r in R if r['w'] < 10], rowsort=True)
t.query('TI', 'SELECT jl.name, jr.w FROM jl, jr WHERE jl.id = jr.id AND jr.w > 60',
        [(l['name'], r['w']) for l, r in join('inner', ON_ID) if r['w'] > 60], rowsort=True)

t.comment('LEFT SEMI and LEFT ANTI: left rows with / without a match, once each.')
t.query('TI', 'SELECT jl.name, jl.k FROM jl LEFT SEMI JOIN jr ON jl.id = jr.id',
        [(l['name'], l['k']) for l in L if any(ON_ID(l, r) for r in R)], rowsort=True)
t.query('TI', 'SELECT jl.name, jl.k FROM jl LEFT ANTI JOIN jr ON jl.id = jr.id',
        [(l['name'], l['k']) for l in L if not any(ON_ID(l, r) for r in R)], rowsort=True)
t.query('TI', 'SELECT jl.name, jr.w FROM jl LEFT ANTI JOIN jr ON jl.id = jr.id',
        [(l['name'], 0) for l in L if not any(ON_ID(l, r) for r in R)], rowsort=True)
t.query('TI', 'SELECT jl.name, jl.k FROM jl LEFT SEMI JOIN jr ON jl.id = jr.id AND jl.k = jr.k',
        [(l['name'], l['k']) for l in L if any(ON_ID_K(l, r) for r in R)], rowsort=True)
t.query('TI', 'SELECT jr.tag, jr.w FROM jl RIGHT SEMI JOIN jr ON jl.id = jr.id',
        [(r['tag'], r['w']) for r in R if any(ON_ID(l, r) for l in L)], rowsort=True)
t.query('TI', 'SELECT jr.tag, jr.w FROM jl RIGHT ANTI JOIN jr ON jl.id = jr.id',
        [(r['tag'], r['w']) for r in R if not any(ON_ID(l, r) for l in L)], rowsort=True)
t.comment('RIGHT SEMI: the right rows with a match, the left columns from one match; SELECT * keeps the order.')
t.query('I', 'SELECT count() FROM (SELECT * FROM jl RIGHT SEMI JOIN jr ON jl.id = jr.id WHERE jl.id = jr.id)',
        [sum(1 for r in R if any(ON_ID(l, r) for l in L))])
t.query('TI', 'SELECT jr.tag, jr.w FROM jr LEFT SEMI JOIN jl ON jl.id = jr.id',
        [(r['tag'], r['w']) for r in R if any(ON_ID(l, r) for l in L)], rowsort=True)

t.comment('ANY joins: at most one match per left row (the right side here has unique k).')
t.query('TI', 'SELECT jl.name, m.mw FROM jl ANY LEFT JOIN (SELECT k, max(w) AS mw FROM jr GROUP BY k) AS m ON jl.k = m.k',
        [(l['name'], max([r['w'] for r in R if r['k'] == l['k']], default=0)) for l in L], rowsort=True)
t.query('TI', 'SELECT jl.name, m.mw FROM jl ANY INNER JOIN (SELECT k, max(w) AS mw FROM jr GROUP BY k) AS m ON jl.k = m.k',
        [(l['name'], max(r['w'] for r in R if r['k'] == l['k'])) for l in L if any(r['k'] == l['k'] for r in R)], rowsort=True)
t.query('I', 'SELECT count() FROM jl ANY LEFT JOIN jr ON jl.id = jr.id', [len(L)])

t.comment('Self joins, subqueries and three tables.')
on = lambda a, b: eq(a['id'], b['id']) and a['name'] < b['name']
t.query('TT', 'SELECT a.name, b.name FROM jl AS a JOIN jl AS b ON a.id = b.id AND a.name < b.name',
        [(a['name'], b['name']) for a, b in join('inner', on, L, L)], rowsort=True)
t.query('TI', 'SELECT jl.name, s.total FROM jl JOIN (SELECT id, sum(w) AS total FROM jr GROUP BY id) AS s ON jl.id = s.id',
        [(l['name'], sum(r['w'] for r in R if eq(r['id'], l['id']))) for l in L if any(eq(r['id'], l['id']) for r in R)],
        rowsort=True)
t.query('TIT', 'SELECT jl.name, jr.w, j3.tag FROM jl JOIN jr ON jl.id = jr.id JOIN jr AS j3 ON jr.k = j3.k AND j3.w < 10',
        [(l['name'], r['w'], r3['tag']) for l, r in join('inner', ON_ID) for r3 in R if r3['k'] == r['k'] and r3['w'] < 10],
        rowsort=True)
t.query('TII', 'SELECT jl.name, jr.w, j3.w FROM jl LEFT JOIN jr ON jl.id = jr.id LEFT JOIN jr AS j3 ON jl.k = j3.id',
        [(l['name'], r['w'], r3['w']) for l, r in join('left', ON_ID)
         for r3 in ([x for x in R if eq(x['id'], l['k'])] or [RDEF])], rowsort=True)

t.comment('Aggregating a join.')
pairs = join('left', ON_ID)
g = {}
for l, r in pairs:
    g.setdefault(l['name'], []).append(r)
t.query('TIII', 'SELECT jl.name, count(), count(jr.tag), sum(jr.w) FROM jl LEFT JOIN jr ON jl.id = jr.id GROUP BY jl.name',
        [(k, len(v), sum(1 for r in v if r['tag'] is not None), sum(r['w'] for r in v)) for k, v in g.items()], rowsort=True)
t.query('II', 'SELECT count(), sum(jr.w) FROM jl JOIN jr ON jl.id = jr.id',
        [(len(join('inner', ON_ID)), sum(r['w'] for _, r in join('inner', ON_ID)))])
t.query('TI', 'SELECT jr.tag, count() AS c FROM jl JOIN jr ON jl.id = jr.id GROUP BY jr.tag ORDER BY c DESC, jr.tag LIMIT 2',
        sorted([(tag, sum(1 for _, r in join('inner', ON_ID) if r['tag'] == tag))
                for tag in set(r['tag'] for _, r in join('inner', ON_ID))], key=lambda x: (-x[1], x[0] is None, x[0] or ''))[:2])

t.comment('Empty tables on either side.')
for kind, sql in [('inner', 'JOIN'), ('left', 'LEFT JOIN'), ('right', 'RIGHT JOIN'), ('full', 'FULL JOIN')]:
    t.query('TITI', f'SELECT jl.name, jl.v, jempty.tag, jempty.w FROM jl {sql} jempty ON jl.id = jempty.id',
            proj(join(kind, ON_ID, L, [])), rowsort=True)
    t.query('TITI', f'SELECT jl.name, jl.v, jr.tag, jr.w FROM (SELECT * FROM jl WHERE 1 = 0) AS jl {sql} jr ON jl.id = jr.id',
            proj(join(kind, ON_ID, [], R)), rowsort=True)
t.query('I', 'SELECT count() FROM jl CROSS JOIN jempty', [0])
t.query('I', 'SELECT count() FROM jl LEFT ANTI JOIN jempty ON jl.id = jempty.id', [len(L)])

t.comment('JOIN … USING: equality on the named columns; an unqualified USING column is the left one (the right one for RIGHT JOIN) and appears once in *.')
ON_K = lambda l, r: l['k'] == r['k']
t.query('ITI', 'SELECT k, jl.name, jr.w FROM jl JOIN jr USING (k)',
        [(l['k'], l['name'], r['w']) for l, r in join('inner', ON_K)], rowsort=True)
t.query('ITI', 'SELECT k, jl.name, jr.w FROM jl JOIN jr USING k',
        [(l['k'], l['name'], r['w']) for l, r in join('inner', ON_K)], rowsort=True)
t.query('IIT', 'SELECT k, jr.k, jl.name FROM jl LEFT JOIN jr USING (k) WHERE jr.w = 0',
        [(l['k'], r['k'], l['name']) for l, r in join('left', ON_K) if r['w'] == 0], rowsort=True)
t.query('II', 'SELECT k, jr.w FROM jl RIGHT JOIN jr USING (k) WHERE jl.name = \'\'',
        [(r['k'], r['w']) for l, r in join('right', ON_K) if l['name'] == ''], rowsort=True)
t.query('IIITT', 'SELECT * FROM (SELECT id, k, v, name FROM jl) AS a JOIN (SELECT id, k, tag FROM jr) AS b USING (id, k)',
        [(l['id'], l['k'], l['v'], l['name'], r['tag']) for l, r in join('inner', ON_ID_K)], rowsort=True)
t.error('SELECT 1 FROM jl JOIN jr USING (name)', 'must be in the tables on both sides')
t.error('SELECT 1 FROM jl JOIN jr USING (jl.k)', 'USING takes column names')
t.error('SELECT 1 FROM jl FULL JOIN jr USING (k)', 'FULL JOIN … USING')

t.comment('ARRAY JOIN (zipped arrays, LEFT keeps empty arrays with the default) and arrayJoin (each distinct call multiplies the rows).')
t.query('II', 'SELECT k, x FROM jl ARRAY JOIN [k, k * 10] AS x WHERE jl.name = \'a\'', [(1, 1), (1, 10)])
t.query('IIT', "SELECT id, x, y FROM (SELECT 1 AS id, [1, 2] AS a, ['p', 'q'] AS b) ARRAY JOIN a AS x, b AS y", [(1, 1, 'p'), (1, 2, 'q')])
t.query('II', 'SELECT id, x FROM (SELECT 1 AS id, [5] AS a UNION ALL SELECT 2 AS id, emptyArrayInt64() AS a) ARRAY JOIN a AS x', [(1, 5)])
t.query('II', 'SELECT id, x FROM (SELECT 1 AS id, [5] AS a UNION ALL SELECT 2 AS id, emptyArrayInt64() AS a) LEFT ARRAY JOIN a AS x ORDER BY id', [(1, 5), (2, 0)])
t.query('IT', "SELECT id, x FROM (SELECT 1 AS id, ['s'] AS a UNION ALL SELECT 2 AS id, emptyArrayString() AS a) LEFT ARRAY JOIN a AS x ORDER BY id", [(1, 's'), (2, '')])
t.query('TI', "SELECT tag, count() FROM jl ARRAY JOIN splitByChar(',', 'u,v') AS tag GROUP BY tag ORDER BY tag", [('u', len(L)), ('v', len(L))])
t.query('II', 'SELECT arrayJoin([1, 2, 3]) AS x, x * 10', [(1, 10), (2, 20), (3, 30)])
t.query('IT', "SELECT arrayJoin([1, 2]) AS a, arrayJoin(['x', 'y']) AS b", [(1, 'x'), (1, 'y'), (2, 'x'), (2, 'y')], rowsort=True)
t.query('I', 'SELECT x FROM (SELECT arrayJoin([1, 2, 3]) AS x) WHERE x > 1', [2, 3])
t.query('I', 'SELECT count() FROM jl WHERE arrayJoin([1, 2]) = 2', [len(L)])
t.error('SELECT x FROM jl ARRAY JOIN k AS x', 'ARRAY JOIN needs an array')
t.error('SELECT arrayJoin(1)', 'arrayJoin needs an array')
t.error('SELECT x, y FROM (SELECT [1, 2] AS a, [3] AS b) ARRAY JOIN a AS x, b AS y', 'differ in size')

t.comment('Errors.')
t.error('SELECT * FROM jl JOIN jr', 'ON')
t.error('SELECT id FROM jl JOIN jr ON jl.id = jr.id', 'ambiguous')
t.error('SELECT jl.nope FROM jl JOIN jr ON jl.id = jr.id', 'nope')
t.error('SELECT 1 FROM jl JOIN jr ON jl.name = jr.w')
t.error('SELECT 1 FROM jl AS a JOIN jr AS a ON a.id = a.id', 'twice')
t.write()
