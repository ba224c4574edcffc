#!/usr/bin/env python3
"""Writes subqueries.test: subqueries in FROM (nested, aliased, aggregated, limited), scalar
subqueries (NULL when empty, an error for more than one row), IN / NOT IN with subqueries
(NULLs in the set are ignored, as with ClickHouse's transform_null_in = 0), CTEs (WITH name AS
(subquery)) and WITH expression aliases, and views. Expected values are computed here from the
table's rows."""
import os, sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
from sqltest import TestFile

t = TestFile('queries/subqueries.test', __doc__)
T = [(1, 'a', 10, 'x'), (2, 'a', 20, None), (3, 'b', 30, 'x'), (4, 'b', None, 'y'), (5, 'c', 50, 'z'), (6, 'c', 60, 'x')]
t.table('sq(id Int64, g String, v Nullable(Int64), tag Nullable(String))')
t.rows('sq', T[:3])
t.rows('sq', T[3:])
t.table('sq_keys(k Nullable(Int64))')
t.rows('sq_keys', [(1,), (3,), (None,), (5,)])
t.table('sq_empty(k Nullable(Int64))')
t.raw('view sq_view AS SELECT g, sum(v) AS total FROM sq GROUP BY g')

vals = [r[2] for r in T if r[2] is not None]
t.comment('Subqueries in FROM.')
t.query('I', 'SELECT id FROM (SELECT id, v FROM sq WHERE v > 15) WHERE v < 55 ORDER BY id', [2, 3, 5])
t.query('I', 'SELECT x FROM (SELECT id * 2 AS x FROM (SELECT id FROM (SELECT id FROM sq))) ORDER BY x DESC LIMIT 2', [12, 10])
t.query('TI', 'SELECT g, s FROM (SELECT g, sum(v) AS s FROM sq GROUP BY g) WHERE s > 40 ORDER BY g', [('c', 110)])
t.query('TI', 'SELECT g, s FROM (SELECT g, sum(v) AS s FROM sq GROUP BY g) ORDER BY s DESC, g', [('c', 110), ('a', 30), ('b', 30)])
t.query('I', 'SELECT count() FROM (SELECT * FROM sq LIMIT 4)', [4])
t.query('II', 'SELECT s.id, s.v FROM (SELECT id, v FROM sq) AS s WHERE s.v IS NULL', [(4, None)])
t.query('R', 'SELECT avg(c) FROM (SELECT g, count() AS c FROM sq GROUP BY g)', [2.0])
t.query('I', 'SELECT max(n) FROM (SELECT count() AS n FROM sq WHERE tag = \'x\')', [3])
t.query('IT', 'SELECT * FROM (SELECT id, g FROM sq ORDER BY id DESC LIMIT 2) ORDER BY id', [(5, 'c'), (6, 'c')])

t.comment('Scalar subqueries.')
t.query('I', 'SELECT (SELECT max(v) FROM sq)', [60])
t.query('I', 'SELECT (SELECT count() FROM sq WHERE v IS NULL)', [1])
t.query('I', 'SELECT (SELECT v FROM sq WHERE id = 99)', [None])
t.query('T', "SELECT (SELECT g FROM sq WHERE id = 99)", [None])
t.query('I', 'SELECT id FROM sq WHERE v = (SELECT max(v) FROM sq)', [6])
t.query('I', 'SELECT id FROM sq WHERE v > (SELECT avg(v) FROM sq) ORDER BY id', [r[0] for r in T if r[2] is not None and r[2] > sum(vals) / len(vals)])
t.query('II', 'SELECT id, v - (SELECT min(v) FROM sq) FROM sq WHERE id <= 2 ORDER BY id', [(1, 0), (2, 10)])
t.query('I', 'SELECT (SELECT (SELECT 41) + 1)', [42])
t.query('I', 'SELECT count() FROM sq WHERE v > (SELECT v FROM sq WHERE id = 99)', [0])
t.error('SELECT (SELECT id FROM sq)', 'one')
t.error('SELECT (SELECT id, g FROM sq WHERE id = 1)')

t.comment('IN and NOT IN with subqueries; NULLs in the set match nothing.')
keys = [1, 3, None, 5]
t.query('I', 'SELECT id FROM sq WHERE id IN (SELECT k FROM sq_keys) ORDER BY id', [1, 3, 5])
t.query('I', 'SELECT id FROM sq WHERE id NOT IN (SELECT k FROM sq_keys) ORDER BY id', [2, 4, 6])
t.query('I', 'SELECT id FROM sq WHERE v IN (SELECT v FROM sq WHERE g = \'c\') ORDER BY id', [5, 6])
t.query('I', 'SELECT id FROM sq WHERE id IN (SELECT k FROM sq_empty)', [])
t.query('I', 'SELECT id FROM sq WHERE id NOT IN (SELECT k FROM sq_empty) ORDER BY id', [1, 2, 3, 4, 5, 6])
t.query('I', 'SELECT id FROM sq WHERE v NOT IN (SELECT k * 10 FROM sq_keys) ORDER BY id', [2, 6])
t.query('I', 'SELECT id FROM sq WHERE g IN (SELECT g FROM sq WHERE tag = \'y\') ORDER BY id', [3, 4])
t.query('I', 'SELECT id FROM sq WHERE tag IN (SELECT tag FROM sq WHERE id > 4) ORDER BY id', [1, 3, 5, 6])
t.query('I', 'SELECT id FROM sq WHERE id IN (SELECT k FROM sq_keys WHERE k > 1) AND v > 30 ORDER BY id', [5])
t.query('BB', 'SELECT 1 IN (SELECT NULL), 1 NOT IN (SELECT NULL)', [(False, True)])
t.query('B', 'SELECT 3 IN (SELECT k FROM sq_keys)', [True])
t.query('TB', 'SELECT g, count() IN (SELECT 2) FROM sq GROUP BY g ORDER BY g', [('a', True), ('b', True), ('c', True)])
t.query('I', 'SELECT count() FROM sq WHERE id IN (1, 2) OR id IN (SELECT k FROM sq_keys)', [4])
t.error('SELECT id FROM sq WHERE id IN (SELECT id, g FROM sq)')

t.comment('CTEs and WITH expression aliases.')
t.query('I', 'WITH big AS (SELECT id FROM sq WHERE v >= 30) SELECT count() FROM big', [3])
t.query('TI', 'WITH totals AS (SELECT g, sum(v) AS s FROM sq GROUP BY g) SELECT g, s FROM totals WHERE s = 30 ORDER BY g', [('a', 30), ('b', 30)])
t.query('I', 'WITH a AS (SELECT id FROM sq WHERE id < 4), b AS (SELECT id FROM a WHERE id > 1) SELECT sum(id) FROM b', [5])
t.query('II', 'WITH c AS (SELECT id, v FROM sq) SELECT x.id, y.v FROM c AS x JOIN c AS y ON x.id = y.id + 1 WHERE x.id < 3', [(2, 10)])
t.query('I', 'WITH 10 AS ten SELECT count() FROM sq WHERE v > ten', [4])
t.query('I', 'WITH 2 AS k, k * 3 AS six SELECT six + k', [8])
t.query('T', "WITH 'a' AS grp SELECT g FROM sq WHERE g = grp LIMIT 1", ['a'])
t.query('I', 'WITH (SELECT max(id) FROM sq) AS top SELECT top', [6])

t.comment('Views.')
t.query('TI', 'SELECT g, total FROM sq_view ORDER BY g', [('a', 30), ('b', 30), ('c', 110)])
t.query('I', 'SELECT sum(total) FROM sq_view', [170])
t.query('TI', 'SELECT sq.g, v.total FROM sq JOIN sq_view AS v ON sq.g = v.g WHERE sq.id = 5', [('c', 110)])

t.comment('Errors.')
t.error('SELECT id FROM (SELECT g FROM sq)', 'id')
t.error('SELECT * FROM (SELECT 1) AS a, (SELECT 2) AS a')
t.error('SELECT x FROM sq WHERE id IN (SELECT nope FROM sq)', 'nope')
t.error('WITH a AS (SELECT 1) SELECT * FROM b', 'b')
t.write()
