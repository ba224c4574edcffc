#!/usr/bin/env python3
"""Writes nulls.test and empty_tables.test.

nulls.test: NULL through every family of functions — NULL in, NULL out for the functions that
propagate it (ClickHouse's default for Nullable arguments); the ones that look at NULL
themselves (isNull, coalesce, ifNull, if, multiIf, IS DISTINCT FROM, has, indexOf, count, AND /
OR, and concat, which HogQL prints with ifNull(…, '')); and NULLs in table columns through
filters, DISTINCT, GROUP BY, ORDER BY, aggregates and joins.

empty_tables.test: every query shape over tables without rows — scans, filters, sorts, limits,
DISTINCT, GROUP BY (no groups), aggregates without GROUP BY (one row of defaults), HAVING,
joins of every kind, set operations, subqueries (a scalar subquery over nothing is NULL, IN over
nothing is false) and window functions."""
import os, sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
from sqltest import TestFile

n = TestFile('queries/nulls.test', __doc__.split('\n\n')[1])

PROPAGATING = [
    'NULL + 1', '1 - NULL', 'NULL * 2', 'NULL / 2', 'intDiv(NULL, 2)', 'NULL % 2', '-NULL', 'NOT NULL', 'NULL = 1',
    "NULL != 'a'", 'NULL < 1.5', "NULL LIKE 'a'", "'a' LIKE NULL", "NULL ILIKE 'a'", 'length(NULL)', 'lengthUTF8(NULL)',
    'lower(NULL)', 'upper(NULL)', 'lowerUTF8(NULL)', 'reverse(NULL)', 'empty(NULL)', 'notEmpty(NULL)', 'substring(NULL, 1)',
    "substring('abc', NULL)", "substring('abc', 1, NULL)", "replaceAll(NULL, 'a', 'b')", "replaceOne(NULL, 'a', 'b')",
    "replaceRegexpAll(NULL, 'a', 'b')", "position(NULL, 'a')", "position('abc', NULL)", "positionCaseInsensitive(NULL, 'a')",
    "startsWith(NULL, 'a')", "endsWith('a', NULL)", 'trim(NULL)', 'trimLeft(NULL)', 'trimRight(NULL)', 'leftPad(NULL, 3)',
    "rightPad('a', NULL)", 'repeat(NULL, 2)', "repeat('a', NULL)", "splitByChar(',', NULL)", "splitByString(',', NULL)",
    'base64Encode(NULL)', 'base64Decode(NULL)', 'hex(NULL)', 'MD5(NULL)', "match(NULL, 'a')", "extract(NULL, 'a')",
    "extractAll(NULL, 'a')", 'toString(NULL)', 'toInt64(NULL)', 'toInt8(NULL)', 'toUInt32(NULL)', 'toFloat64(NULL)',
    'toBool(NULL)', 'toDate(NULL)', 'toDateTime(NULL)', 'toUUID(NULL)', 'toDecimal64(NULL, 2)', 'toInt64OrZero(NULL)',
    'toDateOrZero(NULL)', 'parseDateTimeBestEffort(NULL)', 'toYear(NULL)', 'toMonth(NULL)', 'toDayOfWeek(NULL)',
    'toHour(NULL)', 'toISOWeek(NULL)', 'toYYYYMM(NULL)', 'toUnixTimestamp(NULL)', 'toStartOfDay(NULL)', 'toMonday(NULL)',
    'toStartOfMonth(NULL)', 'toStartOfInterval(NULL, INTERVAL 1 day)', "dateTrunc('day', NULL)", 'addDays(NULL, 1)',
    "addDays(toDate('2024-01-01'), NULL)", "dateDiff('day', NULL, toDate('2024-01-01'))",
    "dateDiff('day', toDate('2024-01-01'), NULL)", "formatDateTime(NULL, '%F')", 'fromUnixTimestamp(NULL)',
    "toTimeZone(NULL, 'UTC')", 'domain(NULL)', 'protocol(NULL)', 'path(NULL)', "extractURLParameter(NULL, 'a')",
    'decodeURLComponent(NULL)', 'encodeURLComponent(NULL)', 'cutQueryString(NULL)', "JSONExtractString(NULL, 'a')",
    "JSONExtractInt(NULL, 'a')", "JSONHas(NULL, 'a')", 'JSONLength(NULL)', "JSONExtractRaw(NULL, 'a')",
    'greatest(1, NULL)', 'least(NULL, 2)', 'nullIf(NULL, 1)', '[1, 2][NULL]', 'NULL BETWEEN 1 AND 2', 'sipHash64(NULL)',
    'cityHash64(NULL)']
n.comment('Functions that propagate NULL.')
for expr in PROPAGATING:
    n.value('?', 'SELECT ' + expr, None)

n.value('?', 'SELECT arrayElement(NULL, 1)', None)
n.value('?', 'SELECT NULL[2]', None)

n.comment('Functions that look at NULL themselves.')
for expr, types, val in [('isNull(NULL)', 'B', True), ('isNotNull(NULL)', 'B', False), ('coalesce(NULL, 1)', 'I', 1),
                         ('ifNull(NULL, 2)', 'I', 2), ("concat('a', NULL, 'b')", 'T', 'ab'), ('if(NULL, 1, 2)', 'I', 2),
                         ('multiIf(NULL, 1, NULL, 2, 3)', 'I', 3), ('NULL IS DISTINCT FROM NULL', 'B', False),
                         ('NULL IS NOT DISTINCT FROM NULL', 'B', True), ('1 IS DISTINCT FROM NULL', 'B', True),
                         ('has([1, NULL], NULL)', 'B', True), ('has([1, 2], NULL)', 'B', False),
                         ('indexOf([3, NULL], NULL)', 'I', 2), ('NULL AND false', 'B', False), ('NULL OR true', 'B', True),
                         ('length([NULL, NULL])', 'I', 2), ('toString([1, NULL])', 'T', '[1,NULL]'),
                         ('arraySum([NULL, 2])', 'I', 2), ('NULL IS NULL', 'B', True), ('NULL IS NOT NULL', 'B', False),
                         ('CASE WHEN NULL THEN 1 ELSE 0 END', 'I', 0), ('toInt64OrNull(NULL)', 'I', None),
                         ("coalesce(NULL, NULL, 'z')", 'T', 'z'), ('1 IN (NULL, 1)', 'B', True), ('2 IN (NULL, 1)', 'B', False),
                         ('2 NOT IN (NULL, 1)', 'B', True)]:
    n.value(types, 'SELECT ' + expr, val)

n.comment('NULLs in columns of every type.')
n.table('nl(k Int64, i Nullable(Int64), f Nullable(Float64), s Nullable(String), d Nullable(Date), ts Nullable(DateTime), b Nullable(Bool), u Nullable(UUID), dec Nullable(Decimal(38, 2)))')
U = '61f0c404-5cb3-11e7-907b-a6006ad3dba0'
ROWS = [(1, 1, 1.5, 'a', '2024-01-01', '2024-01-01 10:00:00', True, U, '1.50'),
        (2, None, None, None, None, None, None, None, None),
        (3, 3, None, 'c', None, '2024-01-03 00:00:00', False, None, '-2.00'),
        (4, None, 4.5, None, '2024-01-04', None, None, U, None),
        (5, 1, -0.5, 'a', '2024-01-01', '2024-01-05 00:00:00', True, None, '1.50')]
n.rows('nl', ROWS[:2])
n.rows('nl', ROWS[2:])
cols = ['i', 'f', 's', 'd', 'ts', 'b', 'u', 'dec']
for ci, col in enumerate(cols):
    vals = [r[ci + 1] for r in ROWS]
    n.query('I', f'SELECT k FROM nl WHERE {col} IS NULL ORDER BY k', [r[0] for r in ROWS if r[ci + 1] is None])
    n.query('I', f'SELECT k FROM nl WHERE {col} IS NOT NULL ORDER BY k', [r[0] for r in ROWS if r[ci + 1] is not None])
    n.query('I', f'SELECT count({col}) FROM nl', [sum(v is not None for v in vals)])
    n.query('I', f'SELECT uniqExact({col}) FROM nl', [len(set(v for v in vals if v is not None))])
    n.query('I', f'SELECT count() FROM (SELECT DISTINCT {col} FROM nl)', [len(set(vals))])
    n.query('I', f'SELECT count() FROM (SELECT {col} FROM nl GROUP BY {col})', [len(set(vals))])
    n.query('I', f'SELECT k FROM nl WHERE isNull({col}) AND k > 2 ORDER BY k', [r[0] for r in ROWS if r[ci + 1] is None and r[0] > 2])
n.query('II', 'SELECT k, i FROM nl ORDER BY i, k', [(1, 1), (5, 1), (3, 3), (2, None), (4, None)])
n.query('II', 'SELECT k, i FROM nl ORDER BY i DESC, k', [(3, 3), (1, 1), (5, 1), (2, None), (4, None)])
n.query('I', 'SELECT k FROM nl WHERE i = NULL', [])
n.query('I', 'SELECT k FROM nl WHERE i != 1 ORDER BY k', [3])
n.query('I', 'SELECT k FROM nl WHERE NOT (i = 1) ORDER BY k', [3])
n.query('I', "SELECT k FROM nl WHERE s IN ('a', NULL) ORDER BY k", [1, 5])
n.query('I', "SELECT k FROM nl WHERE s NOT IN ('a', NULL) ORDER BY k", [3])
n.query('I', 'SELECT k FROM nl WHERE i > 0 OR f > 0 ORDER BY k', [1, 3, 4, 5])
n.query('I', 'SELECT k FROM nl WHERE b ORDER BY k', [1, 5])
n.query('I', 'SELECT k FROM nl WHERE NOT b ORDER BY k', [3])
n.query('IIR', 'SELECT sum(i), max(i), avg(f) FROM nl', [(5, 3, (1.5 + 4.5 - 0.5) / 3)])
n.query('TT', 'SELECT min(s), max(s) FROM nl', [('a', 'c')])
n.query('DD', 'SELECT min(d), max(ts) FROM nl', [('2024-01-01', '2024-01-05 00:00:00')])
n.query('T', "SELECT toString(max(dec)) FROM nl", ['1.5'])
n.query('IT', 'SELECT i, toString(arraySort(groupArray(s))) FROM nl GROUP BY i ORDER BY i',
        [(1, "['a','a']"), (3, "['c']"), (None, '[]')])
n.query('TI', 'SELECT s, count() FROM nl GROUP BY s ORDER BY s', [('a', 2), ('c', 1), (None, 2)])
n.query('TII', 'SELECT s, count(i), sum(i) FROM nl GROUP BY s ORDER BY s', [('a', 2, 2), ('c', 1, 3), (None, 0, None)])
n.query('II', 'SELECT k, coalesce(i, toInt64(f), -1) FROM nl ORDER BY k', [(1, 1), (2, -1), (3, 3), (4, 4), (5, 1)])
n.query('IT', "SELECT k, concat(s, '-', toString(i)) FROM nl ORDER BY k", [(1, 'a-1'), (2, '-'), (3, 'c-3'), (4, '-'), (5, 'a-1')])
n.query('II', 'SELECT a.k, b.k FROM nl AS a JOIN nl AS b ON a.i = b.i AND a.k < b.k', [(1, 5)])
n.query('II', 'SELECT a.k, b.k FROM nl AS a JOIN nl AS b ON a.s = b.s ORDER BY a.k, b.k', [(1, 1), (1, 5), (3, 3), (5, 1), (5, 5)])
n.query('I', 'SELECT count() FROM nl AS a JOIN nl AS b ON a.u = b.u', [4])
n.query('IB', 'SELECT k, i = f FROM nl ORDER BY k', [(1, False), (2, None), (3, None), (4, None), (5, False)])
n.write()

e = TestFile('queries/empty_tables.test', __doc__.split('\n\n')[2])
e.table('em(k Int64, x Nullable(Int64), s String, d Date)')
e.table('em2(k Int64, y Float64)')
e.table('full1(k Int64, y Float64)')
e.rows('full1', [(1, 1.5), (2, 2.5)])
Q = [('SELECT * FROM em', 'IITD', []), ('SELECT k FROM em WHERE k > 0', 'I', []), ('SELECT k FROM em ORDER BY k DESC', 'I', []),
     ('SELECT k FROM em ORDER BY s, k LIMIT 5', 'I', []), ('SELECT k FROM em LIMIT 0', 'I', []),
     ('SELECT k FROM em LIMIT 10 OFFSET 10', 'I', []), ('SELECT DISTINCT s FROM em', 'T', []),
     ('SELECT s, count() FROM em GROUP BY s', 'TI', []), ('SELECT s, sum(k) FROM em GROUP BY s HAVING sum(k) > 0', 'TI', []),
     ('SELECT count() FROM em', 'I', [0]), ('SELECT count(x), count(DISTINCT s) FROM em', 'II', [(0, 0)]),
     ('SELECT sum(k), sum(x) FROM em', 'II', [(0, None)]), ('SELECT min(k), max(x) FROM em', 'II', [(0, None)]),
     ('SELECT min(s), max(d) FROM em', 'TD', [('', '1970-01-01')]), ('SELECT avg(x) FROM em', 'R', [None]),
     ('SELECT toString(avg(k)) FROM em', 'T', ['nan']), ('SELECT uniq(s), uniqExact(k) FROM em', 'II', [(0, 0)]),
     ('SELECT toString(groupArray(k)) FROM em', 'T', ['[]']), ('SELECT argMax(s, k) FROM em', 'T', ['']),
     ('SELECT count() FROM em HAVING count() = 0', 'I', [0]), ('SELECT count() FROM em HAVING count() > 0', 'I', []),
     ('SELECT sumIf(k, k > 0), countIf(x IS NULL) FROM em', 'II', [(0, 0)]),
     ('SELECT k + 1, upper(s), toYear(d) FROM em', 'ITI', []), ('SELECT count() FROM (SELECT k FROM em)', 'I', [0]),
     ('SELECT (SELECT max(k) FROM em)', 'I', [0]), ('SELECT (SELECT k FROM em)', 'I', [None]),
     ('SELECT (SELECT x FROM em LIMIT 1)', 'I', [None]),
     ('SELECT k FROM full1 WHERE k IN (SELECT k FROM em)', 'I', []), ('SELECT k FROM full1 WHERE k NOT IN (SELECT k FROM em) ORDER BY k', 'I', [1, 2]),
     ('SELECT em.k, em2.y FROM em JOIN em2 ON em.k = em2.k', 'IR', []), ('SELECT em.k FROM em LEFT JOIN em2 ON em.k = em2.k', 'I', []),
     ('SELECT em.k, full1.y FROM em RIGHT JOIN full1 ON em.k = full1.k ORDER BY full1.y', 'IR', [(0, 1.5), (0, 2.5)]),
     ('SELECT full1.k, em.s FROM full1 LEFT JOIN em ON full1.k = em.k ORDER BY full1.k', 'IT', [(1, ''), (2, '')]),
     ('SELECT full1.k, em.x FROM full1 FULL JOIN em ON full1.k = em.k ORDER BY full1.k', 'II', [(1, None), (2, None)]),
     ('SELECT count() FROM em CROSS JOIN full1', 'I', [0]), ('SELECT count() FROM full1 CROSS JOIN em', 'I', [0]),
     ('SELECT k FROM em UNION ALL SELECT k FROM em2', 'I', []), ('SELECT k FROM em UNION ALL SELECT k FROM full1', 'I', [1, 2]),
     ('SELECT k FROM em INTERSECT SELECT k FROM full1', 'I', []), ('SELECT k FROM full1 EXCEPT SELECT k FROM em', 'I', [1, 2]),
     ('SELECT k, row_number() OVER (ORDER BY k) FROM em', 'II', []), ('SELECT sum(k) OVER () FROM em', 'I', []),
     ('SELECT k FROM em WHERE k = (SELECT max(k) FROM em)', 'I', []),
     ('WITH c AS (SELECT k FROM em) SELECT count() FROM c', 'I', [0]),
     ('SELECT d, count() FROM em GROUP BY d ORDER BY d', 'DI', []), ('SELECT quantileExact(0.5)(k), median(x) FROM em', 'IR', [(0, None)]),
     ('SELECT topK(2)(s), toString(topK(2)(s)) FROM em', 'TT', [('[]', '[]')]),
     ('SELECT sumOrNull(k), countOrNull() FROM em', 'II', [(None, None)])]
for sql, types, rows in Q:
    e.query(types, sql, rows, rowsort='ORDER BY' not in sql)
e.write()
