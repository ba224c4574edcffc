#!/usr/bin/env python3
"""Writes arithmetic.test: + - * / intDiv % and unary minus over every pair of a set of
integers (including the Int64 limits), floats, mixed operands, NULLs, Bool, Decimal, and the
errors. Expected values follow ClickHouse: Int64 wraps around, `/` is Float64, intDiv truncates
toward zero, % takes the sign of the dividend, integer division or modulo by zero fails.
Larder deviation: every integer is Int64 (so 255 + 1 = 256)."""
import os, sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
from sqltest import TestFile

MIN, MAX = -2**63, 2**63 - 1


def wrap(x):
    return (x + 2**63) % 2**64 - 2**63


def tdiv(a, b):
    q = abs(a) // abs(b)
    return q if (a >= 0) == (b >= 0) else -q


def tmod(a, b):
    return a - b * tdiv(a, b)


def lit(x):
    # -9223372036854775808 parses as negate(9223372036854775808), which does not fit in Int64.
    return '(-9223372036854775807 - 1)' if x == MIN else str(x)


t = TestFile('functions/arithmetic.test', __doc__)

ints = [0, 1, -1, 2, -3, 7, -7, 100, 2**31, 2**32 + 5, 2**62, MAX, MIN]
t.comment('Every pair of integers: + - * intDiv %, as constants.')
for a in ints:
    for b in ints:
        cols = [f'{lit(a)} + {lit(b)}', f'{lit(a)} - {lit(b)}', f'{lit(a)} * {lit(b)}']
        vals = [wrap(a + b), wrap(a - b), wrap(a * b)]
        if b != 0:
            cols.append(f'{lit(a)} % {lit(b)}')
            vals.append(tmod(a, b))
            if not (a == MIN and b == -1):
                cols.append(f'intDiv({lit(a)}, {lit(b)})')
                vals.append(wrap(tdiv(a, b)))
        t.value('I' * len(cols), 'SELECT ' + ', '.join(cols), *vals)

t.comment('ClickHouse refuses intDiv(Int64 min, -1) ("Division of minimal signed number by minus one").')
t.error('SELECT intDiv((-9223372036854775807 - 1), -1)', 'intDiv')


t.comment('The same pairs read from a table (the kernels on columns, not constant folding).')
t.table('ar_pairs(a Int64, b Int64)')
pairs = [(a, b) for a in ints for b in ints if b != 0 and not (a == MIN and b == -1)]
t.rows('ar_pairs', pairs[: len(pairs) // 2])
t.rows('ar_pairs', pairs[len(pairs) // 2:])
t.query('IIIII', 'SELECT a, b, a + b, a - b, a * b FROM ar_pairs',
        [(a, b, wrap(a + b), wrap(a - b), wrap(a * b)) for a, b in pairs], rowsort=True)
t.query('IIII', 'SELECT a, b, intDiv(a, b), a % b FROM ar_pairs',
        [(a, b, tdiv(a, b), tmod(a, b)) for a, b in pairs], rowsort=True)
t.query('III', 'SELECT a, b, -a FROM ar_pairs WHERE b = 1',
        [(a, 1, wrap(-a)) for a in ints], rowsort=True)
t.query('IR', 'SELECT a, a / 4 FROM ar_pairs WHERE b = 1 AND abs_a < 1000'.replace(
    ' AND abs_a < 1000', ' AND a > -1000 AND a < 1000'),
        [(a, a / 4) for a in ints if -1000 < a < 1000], rowsort=True)

t.table('ar_pairs_min(a Int64, b Int64)')
t.rows('ar_pairs_min', [(7, -1), (MIN, -1)])
t.error('SELECT intDiv(a, b) FROM ar_pairs_min', 'intDiv')
t.query('I', 'SELECT a % b FROM ar_pairs_min', [0, 0])

t.comment('Division and modulo by zero: integer forms fail, `/` gives inf / -inf.')
for a in [0, 1, -5, MAX]:
    t.error(f'SELECT intDiv({lit(a)}, 0)', 'division by zero')
    t.error(f'SELECT {lit(a)} % 0', 'division by zero')
t.error('SELECT intDiv(a, b - b) FROM ar_pairs', 'division by zero')
t.error('SELECT a % (b - b) FROM ar_pairs', 'division by zero')
t.error('SELECT intDiv(1.5, 0)', 'division by zero')
t.value('RRR', 'SELECT 1 / 0, -1 / 0, 5.5 / 0', float('inf'), float('-inf'), float('inf'))
t.value('T', 'SELECT toString(0 / 0)', 'nan')
t.value('R', 'SELECT -3 / 0.0', float('-inf'))

t.comment('Floats: + - * / and %, with exact binary results; Int64 with Float64 gives Float64.')
floats = [0.5, -0.5, 1.25, -3.75, 2.0, 0.1, 1000000.5, -0.125]
for a in floats:
    for b in floats:
        t.value('RRRR', f'SELECT {a} + {b}, {a} - {b}, {a} * {b}, {a} / {b}',
                a + b, a - b, a * b, a / b)
import math
for a, b in [(7.5, 2), (-7.5, 2), (7.5, -2), (5.25, 0.5), (1, 0.3), (10, 2.5)]:
    t.value('R', f'SELECT {a} % {b}', math.fmod(a, b))
for a, b in [(7.5, 2), (-7.5, 2), (1, 0.5), (10, 2.5), (-10, 3.0), (9.99, 3.33)]:
    t.value('I', f'SELECT intDiv({a}, {b})', int(a / b))
for a in [1, -2, 3, 1000]:
    for b in [0.5, -0.25, 1.5]:
        t.value('RRRR', f'SELECT {a} + {b}, {a} - {b}, {a} * {b}, {a} / {b}', a + b, a - b, a * b, a / b)
for a, b in [(1, 2), (10, 4), (-9, 2), (7, -7), (1, 3), (2, 3), (1000000, 8), (MAX, MAX), (0, 5)]:
    t.value('R', f'SELECT {lit(a)} / {lit(b)}', a / b)
t.value('R', 'SELECT 0.1 + 0.2', 0.1 + 0.2)
t.value('R', 'SELECT 1 - 0.9', 1 - 0.9)
t.value('R', 'SELECT 9223372036854775807 + 0.0', float(MAX))
t.value('B', 'SELECT 9223372036854775807 + 1.0 = 9223372036854775807 + 0.0', True)

t.comment('Precedence and associativity.')
for expr, val in [('2 + 3 * 4', 14), ('(2 + 3) * 4', 20), ('2 - 3 - 4', -5), ('2 - (3 - 4)', 3),
                  ('-2 * 3', -6), ('- 2 - 3', -5), ('7 % 4 * 2', 6), ('7 * 4 % 5', 3),
                  ('100 - 10 * 2 + 3', 83), ('intDiv(100, 7) * 7 + 100 % 7', 100),
                  ('-(3 - 5)', 2), ('2 * -3', -6), ('1 + -1', 0), ('- -4', 4)]:
    t.value('I', 'SELECT ' + expr, val)
t.value('R', 'SELECT 100 / 10 / 4', 2.5)
t.value('R', 'SELECT 1 + 6 / 4', 2.5)

t.comment('NULL in, NULL out; Nullable columns.')
for op in ['+', '-', '*', '/', '%']:
    t.value('?', f'SELECT NULL {op} 1', None)
    t.value('?', f'SELECT 2 {op} NULL', None)
for fn in ['intDiv', 'plus', 'minus', 'multiply', 'divide', 'modulo']:
    t.value('?', f'SELECT {fn}(NULL, NULL)', None)
t.value('?', 'SELECT -NULL', None)
t.value('?', 'SELECT intDiv(NULL, 0)', None)
t.value('?', 'SELECT NULL % 0', None)

t.table('ar_nulls(k Int64, x Nullable(Int64), y Nullable(Float64))')
t.rows('ar_nulls', [(1, 10, 0.5), (2, None, 1.5), (3, -4, None), (4, None, None), (5, 0, -2.0)])
t.query('IIII', 'SELECT k, x + 1, x * k, -x FROM ar_nulls ORDER BY k',
        [(1, 11, 10, -10), (2, None, None, None), (3, -3, -12, 4), (4, None, None, None),
         (5, 1, 0, 0)])
t.query('IRR', 'SELECT k, x + y, y / 2 FROM ar_nulls ORDER BY k',
        [(1, 10.5, 0.25), (2, None, 0.75), (3, None, None), (4, None, None), (5, -2.0, -1.0)])
t.query('II', 'SELECT k, intDiv(x, 3) FROM ar_nulls ORDER BY k',
        [(1, 3), (2, None), (3, -1), (4, None), (5, 0)])
t.query('II', 'SELECT k, x % 3 FROM ar_nulls ORDER BY k',
        [(1, 1), (2, None), (3, -1), (4, None), (5, 0)])
t.query('I', 'SELECT k FROM ar_nulls WHERE x + 0 > 0', [1])
t.query('I', 'SELECT k FROM ar_nulls WHERE x * 2 <= 0 ORDER BY k', [3, 5])
t.query('IR', 'SELECT k, x / y FROM ar_nulls WHERE x IS NOT NULL AND y IS NOT NULL ORDER BY k',
        [(1, 20.0), (5, -0.0)])
t.error('SELECT intDiv(k, x) FROM ar_nulls', 'division by zero')
t.query('II', 'SELECT k, intDiv(k, x) FROM ar_nulls WHERE x != 0 ORDER BY k', [(1, 0), (3, 0)])

t.comment('Bool operands count as 0 and 1 (ClickHouse\'s UInt8).')
for expr, val in [('true + 1', 2), ('true + true', 2), ('false - 1', -1), ('true * 7', 7),
                  ('intDiv(7, true)', 7), ('-true', -1), ('false * 5', 0), ('10 % true', 0)]:
    t.value('I', 'SELECT ' + expr, val)
t.value('R', 'SELECT true / 4', 0.25)

t.comment('Errors: operands that are not numbers.')
for expr in ["'a' + 1", "1 - 'b'", "'2' * 3", "-'x'"]:
    t.error('SELECT ' + expr)
t.error("SELECT intDiv(8, '2')")
for expr in ["'a' / 2", "'6' / 2", "intDiv('8', 2)"]:
    t.error('SELECT ' + expr, 'String')
t.error("SELECT 'a' + 1", 'arithmetic needs numbers')
t.error("SELECT toDate('2024-01-01') * 2", 'cannot multiply')
t.error("SELECT toDate('2024-01-01') % 2")
t.error("SELECT [1, 2] + 1")
t.error('SELECT 9223372036854775808', 'does not fit in Int64')

t.comment('Decimal: exact, the wider scale for + and -, s1 + s2 for *. (toDecimal results have')
t.comment('scale S; toString drops the trailing zeros.)')
for expr, val in [("toDecimal64('1.25', 2) + toDecimal64('2.5', 2)", '3.75'),
                  ("toDecimal64('1.25', 2) - 3", '-1.75'),
                  ("toDecimal64('0.1', 2) + toDecimal64('0.2', 2)", '0.3'),
                  ("-toDecimal64('2.50', 2)", '-2.5'),
                  ("toDecimal64('7.5', 2) % 2", '1.5'),
                  ("toDecimal64('-7.5', 2) % 2", '-1.5'),
                  ("toDecimal64('2.5', 2) * 4", '10'),
                  ("toDecimal64('99999999.99', 2) + toDecimal64('0.01', 2)", '100000000'),
                  ("toDecimal128('12345678901234567890.12', 2) - 1", '12345678901234567889.12'),
                  ("toDecimal64('1.25', 2) + 1", '2.25')]:
    t.value('T', f'SELECT toString({expr})', val)
t.value('B', "SELECT toDecimal64('0.1', 2) + toDecimal64('0.2', 2) = toDecimal64('0.3', 2)", True)
t.value('B', "SELECT toDecimal64('0.1', 2) * 3 = toDecimal64('0.3', 2)", True)
t.comment('toDecimal*(x, S) has scale S; * adds the scales; / keeps the dividend\'s (the larger one).')
for function, expr, val in [
        ('toString', "toDecimal64('1.125', 3)", '1.125'),
        ('toTypeName', "toDecimal64('1.125', 3)", 'Decimal(38, 3)'),
        ('toTypeName', "toDecimal32OrNull('x', 0)", 'Nullable(Decimal(38, 0))'),
        ('toString', "toDecimal64('1.5', 2) * toDecimal64('2.25', 2)", '3.375'),
        ('toString', "toDecimal64('0.05', 2) * toDecimal64('0.05', 2)", '0.0025'),
        ('toTypeName', "toDecimal64('0.05', 2) * toDecimal64('0.05', 3)", 'Decimal(38, 5)'),
        ('toString', "toDecimal64('1', 2) / toDecimal64('3', 2)", '0.33'),
        ('toString', "toDecimal64('-1', 2) / toDecimal64('3', 2)", '-0.33'),
        ('toString', "toDecimal64('10', 4) / toDecimal64('4', 1)", '2.5'),
        ('toString', "toDecimal64('10', 2) / 4", '2.5'),
        ('toTypeName', "toDecimal64('10', 2) / 4", 'Decimal(38, 2)'),
        ('toTypeName', "toDecimal64('10', 2) / 4.0", 'Float64'),
        ('toString', "toDecimal64(NULL, 2) / toDecimal64('0', 2)", 'NULL')]:
    t.value('T', f'SELECT {function}({expr})', val)
t.error("SELECT toDecimal64('1', 2) / toDecimal64('0', 2)", 'division by zero')
t.error("SELECT toDecimal128('1', 20) * toDecimal128('1', 20)", 'scale of 40')
t.error("SELECT toDecimal128('10000000000000000000', 18) * toDecimal128('10000000000000000000', 1)",
        'overflows')
t.value('R', "SELECT toDecimal64('1.5', 2) * 0.5", 0.75)
t.write()
