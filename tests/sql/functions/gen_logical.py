#!/usr/bin/env python3
"""Writes logical.test: AND, OR, NOT (and their function forms and, or, not with any number of
arguments), isNull / isNotNull, over Bool, NULL and numbers (non-zero is true), as constants
and columns, with SQL's three-valued logic as ClickHouse implements it: false AND NULL is
false, true OR NULL is true, NOT NULL is NULL. Precedence: NOT above AND above OR, comparisons
above NOT."""
import itertools
import os, sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
from sqltest import TestFile

t = TestFile('functions/logical.test', __doc__)

# Values: SQL text and truth (True, False or None).
VALUES = [('true', True), ('false', False), ('NULL', None), ('0', False), ('1', True), ('2', True),
          ('-1', True), ('0.0', False), ('0.5', True)]


def and3(*xs):
    if any(x is False for x in xs):
        return False
    return None if any(x is None for x in xs) else True


def or3(*xs):
    if any(x is True for x in xs):
        return True
    return None if any(x is None for x in xs) else False


def not3(x):
    return None if x is None else not x


t.comment('Every pair: AND, OR and the function forms.')
for (a, x), (b, y) in itertools.product(VALUES, VALUES):
    t.value('BBBB', f'SELECT {a} AND {b}, {a} OR {b}, and({a}, {b}), or({a}, {b})',
            and3(x, y), or3(x, y), and3(x, y), or3(x, y))

t.comment('NOT.')
for a, x in VALUES:
    t.value('BB', f'SELECT NOT {a}, not({a})', not3(x), not3(x))
    t.value('BB', f'SELECT isNull({a}), isNotNull({a})', x is None, x is not None)

t.comment('Three and more arguments.')
TRIPLE = [('true', True), ('false', False), ('NULL', None)]
for combo in itertools.product(TRIPLE, repeat=3):
    sql = ', '.join(s for s, _ in combo)
    vals = [v for _, v in combo]
    t.value('BB', f'SELECT and({sql}), or({sql})', and3(*vals), or3(*vals))
t.value('B', 'SELECT and(1, 1, 1, 1, 0)', False)
t.value('B', 'SELECT or(0, 0, 0, 0, 3)', True)
t.value('B', 'SELECT true AND true AND NULL AND true', None)
t.value('B', 'SELECT false OR NULL OR false', None)

t.comment('Precedence: NOT, then AND, then OR; comparisons bind tighter than NOT.')
for expr, val in [('true OR false AND false', True), ('(true OR false) AND false', False),
                  ('NOT true AND false', False), ('NOT (true AND false)', True),
                  ('NOT false OR true', True), ('NOT 1 = 2', True), ('NOT 1 = 1 OR 2 = 2', True),
                  ('1 < 2 AND 2 < 3', True), ('1 > 2 OR 3 > 2 AND 0 = 1', False),
                  ('NOT NOT true', True), ('false AND NULL OR true', True),
                  ('NULL AND false OR NULL AND true', None)]:
    t.value('B', 'SELECT ' + expr, val)

t.comment('Columns, Nullable ones among them, in SELECT and WHERE.')
t.table('lg_t(k Int64, a Nullable(Bool), b Nullable(Bool), n Nullable(Int64))')
rows = []
k = 0
for x, y in itertools.product([True, False, None], repeat=2):
    k += 1
    rows.append((k, x, y, None if x is None else (k if x else 0)))
t.rows('lg_t', rows[:5])
t.rows('lg_t', rows[5:])
t.query('IBBBB', 'SELECT k, a AND b, a OR b, NOT a, isNull(b) FROM lg_t ORDER BY k',
        [(k, and3(x, y), or3(x, y), not3(x), y is None) for k, x, y, _ in rows])
t.query('IBB', 'SELECT k, n AND b, n OR false FROM lg_t ORDER BY k',
        [(k, and3(None if n is None else n != 0, y), or3(None if n is None else n != 0, False))
         for k, x, y, n in rows])
t.query('I', 'SELECT k FROM lg_t WHERE a AND b', [k for k, x, y, _ in rows if and3(x, y)])
t.query('I', 'SELECT k FROM lg_t WHERE a OR b ORDER BY k', [k for k, x, y, _ in rows if or3(x, y)])
t.query('I', 'SELECT k FROM lg_t WHERE NOT a ORDER BY k', [k for k, x, y, _ in rows if not3(x)])
t.query('I', 'SELECT k FROM lg_t WHERE NOT (a AND b) ORDER BY k',
        [k for k, x, y, _ in rows if not3(and3(x, y))])
t.query('I', 'SELECT k FROM lg_t WHERE (a OR b) IS NULL ORDER BY k',
        [k for k, x, y, _ in rows if or3(x, y) is None])
t.query('I', 'SELECT k FROM lg_t WHERE n ORDER BY k', [k for k, x, y, n in rows if n])
t.query('I', 'SELECT k FROM lg_t WHERE isNull(a) AND isNotNull(b) ORDER BY k',
        [k for k, x, y, _ in rows if x is None and y is not None])
t.query('II', 'SELECT countIf(a AND b), countIf(a OR b) FROM lg_t',
        [(sum(1 for _, x, y, _ in rows if and3(x, y)), sum(1 for _, x, y, _ in rows if or3(x, y)))])

t.comment('Operands that are not truth values.')
t.error("SELECT 'a' AND true")
t.error("SELECT NOT 'x'")
t.error("SELECT or(false, 'yes')")
t.error("SELECT [1] AND true")
t.error("SELECT toDate('2024-01-01') OR false", 'or needs Bool or number arguments, not Date')
t.error("SELECT now() AND true", 'and needs Bool or number arguments, not DateTime')
t.write()
