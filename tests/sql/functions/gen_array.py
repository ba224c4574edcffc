#!/usr/bin/env python3
"""Writes array.test: array literals and their element types, range, arrayConcat, arrayPushBack /
Front, arrayFlatten, emptyArray*, has / indexOf / hasAny / hasAll, element access arr[i]
(1-based, negative from the end, out of range gives the element type's default), arraySlice,
arrayReverse, arrayDistinct, arrayCompact, arraySort / arrayReverseSort (NULLs last), the folds
arraySum / Avg / Min / Max / Count / Uniq / StringConcat, length / empty, and arrays built by
groupArray from tables — ClickHouse semantics. String arrays are shown through toString, which
quotes their elements as ClickHouse does."""
import os, sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
from sqltest import TestFile

t = TestFile('functions/array.test', __doc__)

t.comment('Literals: the common element type; NULL elements make it Nullable.')
for expr, val in [('[1, 2, 3]', '[1,2,3]'), ('[1, 2.5]', '[1,2.5]'), ('[]', '[]'), ('[NULL]', '[NULL]'),
                  ('[1, NULL, 3]', '[1,NULL,3]'), ("['a', 'b']", "['a','b']"), ("['it''s']", "['it\\'s']"),
                  ('[[1, 2], [3]]', '[[1,2],[3]]'), ('[[], [1]]', '[[],[1]]'), ('[true, false]', '[true,false]'),
                  ("[toDate('2024-02-29'), toDate('2024-03-01')]", "['2024-02-29','2024-03-01']"),
                  ("[toDate('2024-02-29'), toDateTime('2024-03-01 10:00:00')]", "['2024-02-29 00:00:00','2024-03-01 10:00:00']"),
                  ('array(1, 2)', '[1,2]'), ('array()', '[]')]:
    t.value('T', f'SELECT toString({expr})', val)
t.error("SELECT [1, 'a']")
t.error("SELECT [[1], 2]")

t.comment('range, arrayConcat, arrayPushBack, arrayPushFront, arrayFlatten, emptyArray*.')
for expr, val in [('range(5)', list(range(5))), ('range(0)', []), ('range(1, 5)', [1, 2, 3, 4]), ('range(5, 1)', []),
                  ('range(0, 10, 3)', [0, 3, 6, 9]), ('range(2, 3)', [2]), ('arrayConcat([1, 2], [3])', [1, 2, 3]),
                  ('arrayConcat([], [1], [], [2, 3])', [1, 2, 3]), ('arrayConcat([1], [2.5])', [1, 2.5]),
                  ('arrayPushBack([1, 2], 3)', [1, 2, 3]), ('arrayPushFront([1, 2], 0)', [0, 1, 2]),
                  ('arrayPushBack([], 1)', [1]), ('arrayPushBack([1], NULL)', [1, None]),
                  ('arrayFlatten([[1, 2], [3], []])', [1, 2, 3]), ('arrayFlatten([[[1]], [[2, 3]]])', [1, 2, 3]),
                  ('emptyArrayInt64()', []), ('arrayReverse([1, 2, 3])', [3, 2, 1]), ('arrayReverse([])', []),
                  ('arrayDistinct([1, 2, 2, 3, 1])', [1, 2, 3]), ('arrayCompact([1, 1, 2, 2, 1, 1])', [1, 2, 1]),
                  ('arrayCompact([])', []), ('arraySort([3, 1, 2])', [1, 2, 3]), ('arraySort([NULL, 3, 1])', [1, 3, None]),
                  ('arrayReverseSort([3, 1, 2])', [3, 2, 1]), ('arrayReverseSort([1, NULL, 3])', [3, 1, None]),
                  ('arraySort([2.5, -1, 0])', [-1, 0, 2.5])]:
    t.value('T', f'SELECT toString({expr})', '[' + ','.join('NULL' if v is None else str(v) for v in val) + ']')
for expr, val in [("arrayConcat(['a'], ['b', 'c'])", "['a','b','c']"), ("arraySort(['b', 'B', 'a', ''])", "['','B','a','b']"),
                  ("arrayReverseSort(['b', 'a', 'c'])", "['c','b','a']"), ('emptyArrayString()', '[]'),
                  ("arrayDistinct(['x', 'y', 'x'])", "['x','y']"),
                  ("arrayPushFront(['b'], 'a')", "['a','b']")]:
    t.value('T', f'SELECT toString({expr})', val)
t.value('T', "SELECT toString(arraySort([toDate('2024-03-01'), toDate('2024-02-29')]))", "['2024-02-29','2024-03-01']")
t.error("SELECT arrayConcat([1], ['a'])")
t.error("SELECT arrayPushBack([1], 'a')")
t.error("SELECT range('a')")

t.comment('Element access: arr[i] and arrayElement; out of range gives the default (0, \'\', NULL).')
A = '[10, 20, 30]'
for i, v in [(1, 10), (2, 20), (3, 30), (4, 0), (0, 0), (-1, 30), (-3, 10), (-4, 0), (100, 0)]:
    t.value('II', f'SELECT {A}[{i}], arrayElement({A}, {i})', v, v)
for i, v in [(1, 'a'), (2, 'b'), (3, ''), (-1, 'b')]:
    t.value('T', f"SELECT ['a', 'b'][{i}]", v)
t.value('I', 'SELECT [1, NULL, 3][2]', None)
t.value('I', 'SELECT [1, NULL, 3][5]', None)
t.value('T', 'SELECT toString([[1, 2], [3]][2])', '[3]')
t.value('I', 'SELECT [[1, 2], [3]][1][2]', 2)
t.value('T', 'SELECT toString([[1, 2], [3]][3])', '[]')
t.value('I', 'SELECT [1, 2][NULL]', None)
t.value('I', 'SELECT range(10)[5]', 4)
t.error("SELECT [1, 2]['a']")
t.error('SELECT (1)[1]')

t.comment('arraySlice(arr, offset[, length]): like substring, on elements.')
ARR = [1, 2, 3, 4, 5]


def slice_(arr, offset, length=None):
    n = len(arr)
    if offset == 0:
        return []
    start = offset - 1 if offset > 0 else n + offset
    end = n if length is None else (start + length if length >= 0 else n + length)
    start, end = max(start, 0), min(end, n)
    return arr[start:end] if start < end else []


for args in [(1,), (2,), (5,), (6,), (-1,), (-2,), (-5,), (-6,), (2, 3), (2, 0), (2, 10), (-4, 2), (2, -1), (2, -4), (-2, -1), (1, 5)]:
    sql = ', '.join(str(a) if a >= 0 else f'({a})' for a in args)
    t.value('T', f'SELECT toString(arraySlice([1, 2, 3, 4, 5], {sql}))', '[' + ','.join(map(str, slice_(ARR, *args))) + ']')
t.value('T', 'SELECT toString(arraySlice([1, 2, 3], 0))', '[]')

t.comment('has, indexOf, hasAny, hasAll: values compared as the common type; NULL is a value here.')
for expr, types, val in [('has([1, 2, 3], 2)', 'B', True), ('has([1, 2, 3], 4)', 'B', False), ('has([], 1)', 'B', False),
                         ("has(['a', 'b'], 'b')", 'B', True), ('has([1, 2], 2.0)', 'B', True), ('has([1.5], 1)', 'B', False),
                         ('has([1, NULL], NULL)', 'B', True), ('has([1, 2], NULL)', 'B', False),
                         ("has([toDate('2024-02-29')], toDate('2024-02-29'))", 'B', True),
                         ('indexOf([1, 2, 3, 2], 2)', 'I', 2), ('indexOf([1, 2], 5)', 'I', 0), ('indexOf([], 1)', 'I', 0),
                         ('indexOf([1, NULL, 3], NULL)', 'I', 2), ("indexOf(['x', 'y'], 'y')", 'I', 2),
                         ('hasAny([1, 2], [2, 3])', 'B', True), ('hasAny([1, 2], [3, 4])', 'B', False),
                         ('hasAny([], [])', 'B', False), ('hasAny([1], [])', 'B', False),
                         ('hasAll([1, 2, 3], [1, 3])', 'B', True), ('hasAll([1, 2, 3], [1, 4])', 'B', False),
                         ('hasAll([1], [])', 'B', True), ('hasAll([], [])', 'B', True), ('hasAll([], [1])', 'B', False),
                         ("hasAny(['a', 'b'], ['c', 'a'])", 'B', True), ('hasAll([1, 2, 2], [2, 2, 2])', 'B', True),
                         ('hasAny([1, NULL], [NULL])', 'B', True)]:
    t.value(types, 'SELECT ' + expr, val)
t.error("SELECT has([1, 2], 'a')")
t.error('SELECT has(1, 1)')
t.error("SELECT hasAll([1], ['a'])")

t.comment('Folds: NULL elements are skipped.')
for expr, types, val in [('arraySum([1, 2, 3])', 'I', 6), ('arraySum([])', 'I', 0), ('arraySum([1.5, 2])', 'R', 3.5),
                         ('arraySum([1, NULL, 2])', 'I', 3), ('arraySum([9223372036854775807, 1])', 'I', -9223372036854775808),
                         ('arrayAvg([1, 2])', 'R', 1.5), ('arrayAvg([1, NULL, 4])', 'R', 2.5), ('arrayAvg([-3])', 'R', -3.0),
                         ('arrayMin([3, 1, 2])', 'I', 1), ('arrayMax([3, 1, 2])', 'I', 3), ('arrayMin([2.5, -1])', 'R', -1.0),
                         ("arrayMax(['b', 'c', 'a'])", 'T', 'c'), ('arrayMax([1, NULL, 5])', 'I', 5),
                         ('arrayCount([1, 0, 2, 0])', 'I', 2), ('arrayCount([])', 'I', 0), ('arrayCount([true, false, true])', 'I', 2),
                         ('arrayUniq([1, 2, 2, 3, 3, 3])', 'I', 3), ('arrayUniq([])', 'I', 0), ("arrayUniq(['a', 'A', 'a'])", 'I', 2),
                         ("arrayStringConcat(['a', 'b', 'c'], '-')", 'T', 'a-b-c'), ("arrayStringConcat(['a', 'b'])", 'T', 'ab'),
                         ("arrayStringConcat([], ',')", 'T', ''), ("arrayStringConcat(['x'], ', ')", 'T', 'x'),
                         ("arrayStringConcat([1, 2, 3], ',')", 'T', '1,2,3'),
                         ('length([1, 2, 3])', 'I', 3), ('length([])', 'I', 0), ('empty([])', 'B', True), ('notEmpty([0])', 'B', True),
                         ('length([[1, 2], [3]])', 'I', 2), ('arraySum(range(101))', 'I', 5050)]:
    t.value(types, 'SELECT ' + expr, val)
t.error("SELECT arraySum(['a'])")

t.comment('Arrays from a table through groupArray.')
t.table('arr_t(g String, v Nullable(Int64), s String)')
rows = [('a', 1, 'x'), ('a', 3, 'y'), ('a', None, 'x'), ('b', 2, 'z'), ('b', 2, 'z'), ('c', None, 'w')]
t.rows('arr_t', rows)
t.query('TT', 'SELECT g, toString(arraySort(groupArray(v))) FROM arr_t GROUP BY g ORDER BY g',
        [('a', '[1,3]'), ('b', '[2,2]'), ('c', '[]')])
t.query('TIIB', 'SELECT g, length(groupArray(v)), arraySum(groupArray(v)), has(groupArray(v), 2) FROM arr_t GROUP BY g ORDER BY g',
        [('a', 2, 4, False), ('b', 2, 4, True), ('c', 0, 0, False)])
t.query('TT', "SELECT g, arrayStringConcat(arraySort(groupArray(s)), '+') FROM arr_t GROUP BY g ORDER BY g",
        [('a', 'x+x+y'), ('b', 'z+z'), ('c', 'w')])
t.query('TI', 'SELECT g, arrayUniq(groupArray(s)) FROM arr_t GROUP BY g ORDER BY g', [('a', 2), ('b', 1), ('c', 1)])
t.query('TI', 'SELECT g, groupArray(v)[1] FROM arr_t WHERE v IS NOT NULL GROUP BY g ORDER BY g', [('a', 1), ('b', 2)])
t.query('TT', 'SELECT g, toString(arrayDistinct(groupArray(v))) FROM arr_t WHERE g = \'b\' GROUP BY g', [('b', '[2]')])
t.query('T', 'SELECT toString(arraySort(groupUniqArray(s))) FROM arr_t', ["['w','x','y','z']"])

t.comment('Lambdas: arrayMap and the functions defined through it; outer columns inside the lambda; nesting.')
for expr, types, val in [('toString(arrayMap(x -> x * 2, [1, 2, 3]))', 'T', '[2,4,6]'),
                         ('toString(arrayMap(x -> x * 2, []))', 'T', '[]'),
                         ("toString(arrayMap((x, y) -> concat(x, y), ['a', 'b'], ['c', 'd']))", 'T', "['ac','bd']"),
                         ('toString(arrayMap(x -> x + 1, [1, NULL]))', 'T', '[2,NULL]'),
                         ('toString(arrayMap(x -> arrayMap(y -> x + y, [10, 20]), [1, 2]))', 'T', '[[11,21],[12,22]]'),
                         ('toString(arrayMap(x -> 7, [1, 2]))', 'T', '[7,7]'),
                         ('toString(arrayFilter(x -> x > 1, [1, 2, 3]))', 'T', '[2,3]'),
                         ("toString(arrayFilter(x -> x LIKE 'a%', ['ab', 'b', 'ac']))", 'T', "['ab','ac']"),
                         ('toString(arrayFilter((x, y) -> y, [1, 2, 3], [true, false, true]))', 'T', '[1,3]'),
                         ("arrayExists(x -> x = 'b', ['a', 'b'])", 'B', True), ('arrayExists(x -> x > 5, [1, 2])', 'B', False),
                         ('arrayExists(x -> x > 5, [])', 'B', False), ('arrayAll(x -> x > 0, [1, 2])', 'B', True),
                         ('arrayAll(x -> x > 1, [1, 2])', 'B', False), ('arrayAll(x -> x > 1, [])', 'B', True),
                         ('arrayExists([0, 1])', 'B', True), ('arrayAll([1, 0])', 'B', False),
                         ('arrayCount(x -> x > 1, [1, 2, 3])', 'I', 2), ('arraySum(x -> x * 10, [1, 2])', 'I', 30),
                         ('arrayMax(x -> -x, [1, 2])', 'I', -1), ('arrayAvg(x -> x * 2, [1, 2])', 'R', 3.0),
                         ('arrayFirst(x -> x > 1, [1, 2, 3])', 'I', 2), ('arrayLast(x -> x > 1, [1, 2, 3])', 'I', 3),
                         ('arrayFirst(x -> x > 5, [1, 2, 3])', 'I', 0), ("arrayFirst(x -> x > 'x', ['a'])", 'T', ''),
                         ('arrayFirstIndex(x -> x > 1, [1, 2, 3])', 'I', 2), ('arrayLastIndex(x -> x < 3, [1, 2, 3])', 'I', 2),
                         ('arrayFirstIndex(x -> x > 5, [1, 2])', 'I', 0)]:
    t.value(types, 'SELECT ' + expr, val)
t.query('TT', "SELECT g, toString(arrayMap(x -> concat(g, toString(x)), [1, 2])) FROM arr_t WHERE v = 1", [('a', "['a1','a2']")])
t.query('TT', 'SELECT g, toString(arrayFilter(x -> x > 1, groupArray(v))) FROM arr_t GROUP BY g ORDER BY g',
        [('a', '[3]'), ('b', '[2,2]'), ('c', '[]')])
t.query('I', "SELECT count() FROM arr_t WHERE arrayExists(x -> x = s, ['x', 'z'])", [4])
t.error('SELECT arrayMap(x -> x, 5)', 'needs arrays after its lambda')
t.error('SELECT arrayMap((x, y) -> x, [1])', 'takes 2 parameters but 1 array is given')
t.error('SELECT arrayMap(x -> x, [1, 2], [3])', 'takes 1 parameter but 2 arrays are given')
t.error('SELECT arrayMap((x, y) -> x + y, [1, 2], [3])', 'differ in size')
t.error('SELECT arrayFilter(x -> x, [1], x -> x)', 'one lambda')
t.error('SELECT has(x -> x, [1])', 'a lambda as an argument of `has`')
t.error("SELECT arrayFilter(x -> 'a', [1])", 'condition')
t.write()
