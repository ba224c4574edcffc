#!/usr/bin/env python3
"""Writes conditional.test: if, the ternary operator, multiIf, CASE (both forms), coalesce,
ifNull, nullIf, assumeNotNull, toNullable, greatest and least, with ClickHouse semantics: a
NULL condition counts as false, branches are converted to their common supertype (Int64 with
Float64 gives Float64, Date with DateTime gives DateTime), a CASE without ELSE gives NULL,
greatest / least give NULL when an argument is NULL (ClickHouse before 24.12; Larder's
documented choice), and branches without a common type are an error."""
import os, sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
from sqltest import TestFile

t = TestFile('functions/conditional.test', __doc__)

t.comment('if and ?: with every kind of condition.')
for cond, truth in [('true', True), ('false', False), ('NULL', False), ('1', True), ('0', False),
                    ('7', True), ('-1', True), ('1 = 1', True), ('1 = NULL', False), ("'a' < 'b'", True)]:
    t.value('TT', f"SELECT if({cond}, 'yes', 'no'), {cond} ? 'yes' : 'no'",
            'yes' if truth else 'no', 'yes' if truth else 'no')

t.comment('Branch types: the common supertype; NULL branches make the result Nullable.')
for expr, types, val in [
        ('if(true, 1, 2)', 'I', 1), ('if(false, 1, 2.5)', 'R', 2.5), ('if(true, 1, 2.5)', 'R', 1.0),
        ("if(true, 'a', '')", 'T', 'a'), ("if(false, 'a', '')", 'T', ''),
        ('if(true, 1, NULL)', 'I', 1), ('if(false, 1, NULL)', 'I', None), ('if(NULL, NULL, 3)', 'I', 3),
        ("if(true, toDate('2024-01-01'), toDateTime('2024-01-02 03:04:05'))", 'D', '2024-01-01 00:00:00'),
        ("if(false, toDate('2024-01-01'), toDateTime('2024-01-02 03:04:05'))", 'D', '2024-01-02 03:04:05'),
        ('if(true, [1, 2], [])', '?', [1, 2]), ('if(false, [1, 2], [3.5])', '?', [3.5]),
        ('if(1 > 2, true, false)', 'B', False), ("if(true, toDecimal64('1.5', 2), 2)", '?', '1.50'),
        ('if(true, if(false, 1, 2), 3)', 'I', 2), ('if(false, 1, if(NULL, 2, 3))', 'I', 3)]:
    t.value(types, 'SELECT ' + expr, val)
t.error("SELECT if(true, 'a', 1)", 'no common type')
t.error("SELECT if(true, toDate('2024-01-01'), 1)")
t.error("SELECT if(true, [1], 'a')")
t.error("SELECT if('yes', 1, 2)")
t.error('SELECT if(true, 1)')

t.comment('multiIf: the first condition that holds; NULL conditions do not hold.')
for expr, val in [("multiIf(true, 'a', true, 'b', 'c')", 'a'), ("multiIf(false, 'a', true, 'b', 'c')", 'b'),
                  ("multiIf(false, 'a', false, 'b', 'c')", 'c'), ("multiIf(NULL, 'a', 'c')", 'c'),
                  ("multiIf(NULL, 'a', 1, 'b', 'c')", 'b'), ("multiIf(0, 'a', 0, 'b', 0, 'c', 'd')", 'd')]:
    t.value('T', 'SELECT ' + expr, val)
t.value('R', 'SELECT multiIf(false, 1, true, 2.5, 3)', 2.5)
t.value('I', 'SELECT multiIf(false, 1, false, 2, NULL)', None)
t.error("SELECT multiIf(true, 1, false, 'b', 3)")
t.error('SELECT multiIf(true, 1)')

t.comment('CASE WHEN … and CASE x WHEN …; without ELSE a miss is NULL.')
for expr, val in [("CASE WHEN 1 > 2 THEN 'a' WHEN 2 > 1 THEN 'b' ELSE 'c' END", 'b'),
                  ("CASE WHEN false THEN 'a' END", None), ("CASE WHEN NULL THEN 'a' ELSE 'z' END", 'z'),
                  ("CASE 2 WHEN 1 THEN 'one' WHEN 2 THEN 'two' ELSE 'many' END", 'two'),
                  ("CASE 5 WHEN 1 THEN 'one' WHEN 2 THEN 'two' ELSE 'many' END", 'many'),
                  ("CASE 5 WHEN 1 THEN 'one' END", None),
                  ("CASE 'b' WHEN 'a' THEN 'A' WHEN 'b' THEN 'B' END", 'B'),
                  ("CASE 2.0 WHEN 2 THEN 'two' ELSE 'other' END", 'two'),
                  ("CASE WHEN 1 = 1 THEN 'first' WHEN 1 = 1 THEN 'second' END", 'first')]:
    t.value('T', 'SELECT ' + expr, val)
t.value('R', 'SELECT CASE WHEN false THEN 1 ELSE 0.5 END', 0.5)

t.table('cond_t(k Int64, x Nullable(Int64), s Nullable(String))')
rows = [(1, 5, 'a'), (2, None, 'b'), (3, -3, None), (4, 0, ''), (5, None, None)]
t.rows('cond_t', rows)
t.query('IT', "SELECT k, if(x > 0, 'pos', 'not pos') FROM cond_t ORDER BY k",
        [(k, 'pos' if x is not None and x > 0 else 'not pos') for k, x, s in rows])
t.query('IT', "SELECT k, multiIf(x > 0, 'pos', x < 0, 'neg', x = 0, 'zero', 'null') FROM cond_t ORDER BY k",
        [(k, 'null' if x is None else 'pos' if x > 0 else 'neg' if x < 0 else 'zero') for k, x, s in rows])
t.query('IT', "SELECT k, CASE s WHEN 'a' THEN 'A' WHEN '' THEN 'empty' ELSE 'other' END FROM cond_t ORDER BY k",
        [(1, 'A'), (2, 'other'), (3, 'other'), (4, 'empty'), (5, 'other')])
t.query('II', 'SELECT k, if(x IS NULL, -1, x) FROM cond_t ORDER BY k',
        [(k, -1 if x is None else x) for k, x, s in rows])
t.query('II', 'SELECT k, CASE WHEN x > 0 THEN x END FROM cond_t ORDER BY k',
        [(k, x if x is not None and x > 0 else None) for k, x, s in rows])
t.query('IT', "SELECT k, if(k % 2 = 0, s, 'odd') FROM cond_t ORDER BY k",
        [(1, 'odd'), (2, 'b'), (3, 'odd'), (4, ''), (5, 'odd')])
t.query('I', 'SELECT sum(if(x > 0, x, 0)) FROM cond_t', [5])
t.query('I', "SELECT count() FROM cond_t WHERE if(s = '', true, x IS NULL)", [3])

t.comment('coalesce and ifNull: the first argument that is not NULL.')
for expr, types, val in [('coalesce(NULL, NULL, 3)', 'I', 3), ("coalesce(NULL, 'a', 'b')", 'T', 'a'),
                         ('coalesce(NULL, NULL)', '?', None), ('coalesce(1, 2)', 'I', 1),
                         ('coalesce(NULL, 2.5, 1)', 'R', 2.5), ('ifNull(NULL, 5)', 'I', 5),
                         ('ifNull(4, 5)', 'I', 4), ("ifNull(NULL, 'x')", 'T', 'x'),
                         ('ifNull(NULL, NULL)', '?', None), ("coalesce(NULL, toDate('2024-05-06'))", 'D', '2024-05-06')]:
    t.value(types, 'SELECT ' + expr, val)
t.query('II', 'SELECT k, coalesce(x, k * 10) FROM cond_t ORDER BY k',
        [(k, x if x is not None else k * 10) for k, x, s in rows])
t.query('IT', "SELECT k, ifNull(s, '?') FROM cond_t ORDER BY k",
        [(k, '?' if s is None else s) for k, x, s in rows])
t.query('IT', "SELECT k, coalesce(s, toString(x), 'none') FROM cond_t ORDER BY k",
        [(1, 'a'), (2, 'b'), (3, '-3'), (4, ''), (5, 'none')])
t.query('II', 'SELECT k, coalesce(x, NULL) FROM cond_t ORDER BY k', [(k, x) for k, x, s in rows])
t.value('I', "SELECT coalesce(NULL, 1, 'a')", 1)
t.error("SELECT coalesce(toNullable(1), 'a')")

t.comment('nullIf, assumeNotNull, toNullable.')
for expr, types, val in [('nullIf(1, 1)', 'I', None), ('nullIf(1, 2)', 'I', 1), ("nullIf('a', '')", 'T', 'a'),
                         ("nullIf('', '')", 'T', None), ('nullIf(NULL, 1)', '?', None),
                         ('nullIf(2, 2.0)', 'I', None), ('assumeNotNull(3)', 'I', 3), ('toNullable(3)', 'I', 3),
                         ("toNullable('z')", 'T', 'z'), ('isNull(toNullable(1))', 'B', False)]:
    t.value(types, 'SELECT ' + expr, val)
t.query('IT', "SELECT k, nullIf(s, '') FROM cond_t ORDER BY k",
        [(k, None if s == '' else s) for k, x, s in rows])
t.query('II', 'SELECT k, nullIf(x, 0) FROM cond_t ORDER BY k',
        [(k, None if x == 0 else x) for k, x, s in rows])
t.query('II', 'SELECT k, assumeNotNull(x) FROM cond_t WHERE x IS NOT NULL ORDER BY k',
        [(k, x) for k, x, s in rows if x is not None])

t.comment('greatest and least over the common supertype; NULL in any argument gives NULL.')
for expr, types, val in [('greatest(1, 2, 3)', 'I', 3), ('least(1, 2, 3)', 'I', 1), ('greatest(-1, -2)', 'I', -1),
                         ('greatest(1, 2.5)', 'R', 2.5), ('least(1, 2.5)', 'R', 1.0),
                         ("greatest('apple', 'banana', 'cherry')", 'T', 'cherry'),
                         ("least('apple', 'Banana')", 'T', 'Banana'), ("greatest('', 'a')", 'T', 'a'),
                         ("greatest(toDate('2024-01-01'), toDate('2023-12-31'))", 'D', '2024-01-01'),
                         ("least(toDate('2024-01-01'), toDateTime('2024-01-01 10:00:00'))", 'D', '2024-01-01 00:00:00'),
                         ("greatest(toDate('2024-01-01'), toDateTime('2024-01-01 10:00:00'))", 'D', '2024-01-01 10:00:00'),
                         ('greatest(1, NULL)', '?', None), ('least(NULL, 1, 2)', '?', None),
                         ('greatest(7)', 'I', 7), ('least(9223372036854775807, -9223372036854775807)', 'I', -9223372036854775807),
                         ('greatest(true, false)', 'B', True)]:
    t.value(types, 'SELECT ' + expr, val)
t.query('II', 'SELECT k, greatest(x, 0) FROM cond_t ORDER BY k',
        [(k, None if x is None else max(x, 0)) for k, x, s in rows])
t.query('II', 'SELECT k, least(x, k) FROM cond_t ORDER BY k',
        [(k, None if x is None else min(x, k)) for k, x, s in rows])
t.error("SELECT greatest(1, 'a')")
t.error("SELECT least(toDate('2024-01-01'), 5)")
t.write()
