#!/usr/bin/env python3
"""Writes syntax.test: how HogQL text reads — numeric literals (decimal, float, exponent, hex),
string literals and their escapes, identifiers quoted with backticks and double quotes,
comments, keywords in any case, operator precedence and associativity (arithmetic above
comparison above NOT above AND above OR; the ternary operator; unary minus), and aliases —
with the values ClickHouse gives for the same text."""
import os, sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
from sqltest import TestFile

t = TestFile('queries/syntax.test', __doc__)
t.table('sx(id Int64, weird_name String, quoted Int64, v Nullable(Int64))')
t.rows('sx', [(1, 'a', 10, None), (2, 'b', 20, 5)])

t.comment('Numeric literals.')
for expr, types, val in [('42', 'I', 42), ('-42', 'I', -42), ('0', 'I', 0), ('007', 'I', 7), ('1.5', 'R', 1.5), ('.5', 'R', 0.5),
                         ('1e3', 'R', 1000.0), ('1E-2', 'R', 0.01), ('2.5e+2', 'R', 250.0), ('0x10', 'I', 16), ('0xff', 'I', 255),
                         ('9223372036854775807', 'I', 9223372036854775807), ('1.0', 'R', 1.0), ('-0.25', 'R', -0.25),
                         ('inf', 'R', float('inf')), ('-inf', 'R', float('-inf'))]:
    t.value(types, 'SELECT ' + expr, val)
t.value('T', 'SELECT toString(nan)', 'nan')

t.comment('String literals and escapes.')
for expr, val in [("'plain'", 'plain'), ("'it''s'", "it's"), ("'it\\'s'", "it's"), ("'back\\\\slash'", 'back\\slash'),
                  ("''", ''), ("'é ü 漢字'", 'é ü 漢字')]:
    t.value('T', 'SELECT ' + expr, val)
t.value('I', "SELECT length('a\\tb')", 3)
t.value('I', "SELECT length('line\\nbreak')", 10)
t.value('B', "SELECT 'line\\nbreak' = concat('line', '\\n', 'break')", True)
t.value('I', "SELECT position('a\\\\b', '\\\\')", 2)

t.comment('Identifiers: plain, backticks, double quotes; keywords in any case; comments.')
t.query('IT', 'SELECT `id`, "weird_name" FROM sx ORDER BY id', [(1, 'a'), (2, 'b')])
t.query('I', 'select id from sx where id = 2', [2])
t.query('I', 'SeLeCt id FrOm sx WhErE id = 1', [1])
t.query('I', 'SELECT id FROM sx /* a comment */ WHERE id = 1', [1])
t.query('I', 'SELECT id FROM sx WHERE id = 1 -- a trailing comment', [1])
t.query('I', 'SELECT id /* one */ + /* two */ 1 FROM sx ORDER BY id', [2, 3])
t.query('I', 'SELECT 2--3', [2])
t.query('I', 'SELECT 2 - -3', [5])
t.query('I', 'SELECT id AS `the id` FROM sx ORDER BY `the id` DESC', [2, 1])
t.query('I', 'SELECT x.id FROM sx AS x WHERE x.id = 2', [2])
t.query('I', 'SELECT x.id FROM sx x WHERE x.id = 2', [2])
t.query('I', 'SELECT sx.quoted FROM sx ORDER BY 1 + sx.quoted', [10, 20])

t.comment('Precedence and associativity.')
for expr, types, val in [('1 + 2 = 3', 'B', True), ('2 * 3 > 5 AND 1 < 2', 'B', True), ('1 = 1 AND 2 = 3 OR 4 = 4', 'B', True),
                         ('1 = 1 AND (2 = 3 OR 4 = 5)', 'B', False), ('NOT 1 = 2 AND 3 = 3', 'B', True),
                         ('NOT (1 = 2 AND 3 = 3)', 'B', True), ('2 BETWEEN 1 AND 3 AND true', 'B', True),
                         ('-2 * -3', 'I', 6), ('-(2 + 3)', 'I', -5), ('10 - 4 - 3', 'I', 3), ('2 * 3 % 4', 'I', 2),
                         ('1 ? 2 : 3', 'I', 2), ('0 ? 2 : 1 ? 3 : 4', 'I', 3), ('1 > 2 ? 1 + 1 : 2 * 5', 'I', 10),
                         ('NULL IS NULL AND 1 IS NOT NULL', 'B', True), ("'a' || 'b' = 'ab'", 'B', True),
                         ("'abc' LIKE 'a%' AND 'abc' NOT LIKE 'b%'", 'B', True), ('1 IN (1, 2) AND 3 NOT IN (1, 2)', 'B', True),
                         ('[1, 2, 3][1 + 1]', 'I', 2), ('-[1, 2][2]', 'I', -2), ('1 < 2 = true', 'B', True)]:
    t.value(types, 'SELECT ' + expr, val)
t.query('I', 'SELECT id FROM sx WHERE NOT v IS NULL', [2])
t.query('I', 'SELECT id FROM sx WHERE v IS NULL OR id = 2 AND v = 5 ORDER BY id', [1, 2])

t.comment('Aliases are visible to later expressions, WHERE, GROUP BY, HAVING and ORDER BY.')
t.query('III', 'SELECT id * 2 AS twice, twice + 1 AS more, more * 10 FROM sx ORDER BY id', [(2, 3, 30), (4, 5, 50)])
t.query('I', 'SELECT id * 10 AS big FROM sx WHERE big > 15', [20])
t.query('II', 'SELECT id % 2 AS parity, count() AS c FROM sx GROUP BY parity HAVING c = 1 ORDER BY parity', [(0, 1), (1, 1)])
t.query('I', 'SELECT -id AS neg FROM sx ORDER BY neg', [-2, -1])
t.comment('One alias for two different expressions is refused (ClickHouse and PostHog do too); the same expression twice is not.')
t.error('SELECT 1 AS a, 2 AS a', 'Cannot redefine an alias: `a` names two different expressions')
t.query('II', 'SELECT id AS a, id AS a FROM sx ORDER BY a', [(1, 1), (2, 2)])
t.error('SELECT a AS b, b AS a')

t.comment('PREWHERE filters like WHERE (before it); FILTER (WHERE …) after an aggregate is its -If form; numbers() makes rows.')
t.query('I', 'SELECT id FROM sx PREWHERE id > 1', [2])
t.query('I', 'SELECT id FROM sx PREWHERE id >= 1 WHERE v = 5', [2])
t.query('III', 'SELECT count() FILTER (WHERE number > 5), sum(number) FILTER (WHERE number % 2 = 0), count(*) FILTER (WHERE number < 3) FROM numbers(10)', [(4, 20, 3)])
t.query('R', 'SELECT avg(number) FILTER (WHERE number > 6) FROM numbers(10)', [8.0])
t.query('I', 'SELECT quantile(0.5)(number) FILTER (WHERE number > 4) FROM numbers(10)', [7])
t.error('SELECT upper(weird_name) FILTER (WHERE 1) FROM sx', 'only follows an aggregate function')
t.error('SELECT id FROM sx WHERE count() FILTER (WHERE id > 1) > 0', 'not allowed in WHERE')
t.query('I', 'SELECT number FROM numbers(3)', [0, 1, 2])
t.query('II', 'SELECT sum(number), count() FROM numbers(10, 5)', [(60, 5)])
t.query('I', 'SELECT count() FROM numbers(0)', [0])
t.query('II', 'SELECT n.number, sx.id FROM numbers(3) AS n JOIN sx ON n.number = sx.id ORDER BY n.number', [(1, 1), (2, 2)])
t.error('SELECT * FROM generate_series(1, 3)', 'the table function generate_series is not supported yet')
t.error('SELECT * FROM numbers()', 'numbers takes (count) or (start, count)')

t.comment("COLUMNS('regex') expands to the matching columns; COLUMNS(a, b) to its expressions.")
t.query('II', "SELECT COLUMNS('^id$'), COLUMNS('^v$') FROM sx ORDER BY id", [(1, None), (2, 5)])
t.query('II', 'SELECT COLUMNS(id, id * 10) FROM sx ORDER BY id', [(1, 10), (2, 20)])
t.error("SELECT COLUMNS('zzz') FROM sx", "COLUMNS('zzz') matches no column")
t.error("SELECT COLUMNS('(') FROM sx", 'is not a valid regular expression')
t.write()
