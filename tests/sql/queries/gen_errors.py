#!/usr/bin/env python3
"""Writes errors.test: queries that must fail — syntax errors, unknown tables, columns and
functions (with a suggestion when a name is close), wrong numbers and kinds of arguments,
aggregates and window functions where they cannot go, GROUP BY violations, bad LIMITs, bad
placeholders, values that do not convert, division by zero, unknown time zones, units and
format codes, scalar subqueries with several rows, set operations of unequal width — each with
the part of the message a user needs: what was wrong and the name or value at fault."""
import os, sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
from sqltest import TestFile

t = TestFile('queries/errors.test', __doc__)
t.table('er(id Int64, event String, ts DateTime, props JSON, amount Nullable(Float64))')
t.rows('er', [(1, 'signup', '2024-01-01 00:00:00', '{"a":1}', 1.5), (2, 'login', '2024-01-02 00:00:00', '{}', None)])

t.comment('Syntax.')
for sql, msg in [('SELECT', 'end of query'), ('SELECT 1 +', 'end of query'), ('SELECT * FROM', 'ended'),
                 ('SELECT id FROM er WHERE', 'end of query'), ("SELECT 'unterminated", "'"),
                 ('SELECT id FROM er ORDER', 'ORDER'), ('SELECT id FROM er GROUP id', 'GROUP'),
                 ('SELECT id FROM er WHERE id = 1 AND', 'end of query'), ('SELECT (1', None), ('SELECT 1)', ')'),
                 ('SELECT id FROM er LIMIT', None), ('SELEC 1', None), ('SELECT id id2 id3 FROM er', None),
                 ('SELECT [1, 2', None), ('SELECT id FROM er WHERE id IN (1, 2', None), ('SELECT CASE WHEN 1 THEN 2', None),
                 ('SELECT 1 FROM er JOIN', None)]:
    t.error(sql, msg)

t.comment('Names: tables, columns, functions, with suggestions.')
for sql, msg in [('SELECT id FROM err', 'Unknown table `err`'), ('SELECT id FROM er2', '`er2`'),
                 ('SELECT evnt FROM er', '`evnt`'), ('SELECT evnt FROM er', 'Did you mean `event`'),
                 ('SELECT er.nope FROM er', 'nope'), ('SELECT x.id FROM er', 'x'),
                 ('SELECT coutn() FROM er', 'Unknown function `coutn`'), ('SELECT coutn() FROM er', 'Did you mean `count`'),
                 ('SELECT toYeer(ts) FROM er', 'toYeer'), ('SELECT nosuchfunction(1)', 'nosuchfunction'),
                 ('SELECT id FROM er WHERE nope = 1', 'nope'), ('SELECT id FROM er ORDER BY nope', 'nope'),
                 ('SELECT id FROM er GROUP BY nope', 'nope'), ('SELECT sum(nope) FROM er', 'nope'),
                 ('SELECT a.id FROM er AS a JOIN er AS b ON a.id = b.nope', 'nope'),
                 ('SELECT 1 FROM er AS a JOIN er AS a ON a.id = a.id', 'appears twice'),
                 ('SELECT id FROM er AS a JOIN er AS b ON a.id = b.id', 'ambiguous'),
                 ('SELECT {missing}', '{missing}')]:
    t.error(sql, msg)

t.comment('Arguments: how many and of what kind.')
for sql, msg in [('SELECT toYear() FROM er', 'toYear'), ("SELECT substring('a', 1, 2, 3)", 'substring'),
                 ('SELECT sum(id, id) FROM er', 'sum'), ('SELECT count(id, id, id) FROM er', 'count'),
                 ('SELECT lower(id) FROM er', 'lower'), ('SELECT lower(id) FROM er', 'String'),
                 ("SELECT 'a' + 1", 'String'), ('SELECT 1 = [1]', 'Array'), ("SELECT if(1, 'a', 2)", 'if'),
                 ('SELECT length(1)', 'length'), ("SELECT toStartOfMonth('x' = 'y')", 'toStartOfMonth'),
                 ("SELECT has(1, 1)", 'has'), ("SELECT arraySum('a')", 'arraySum'), ("SELECT splitByChar(1, 'a')", 'splitByChar'),
                 ("SELECT dateDiff(1, ts, ts) FROM er", 'dateDiff'), ("SELECT JSONExtractInt(1, 'a')", 'JSONExtractInt'),
                 ('SELECT toDecimal64(1)', 'toDecimal64'), ('SELECT range()', 'range'), ('SELECT quantile(id) FROM er', 'quantile'),
                 ('SELECT topK(-1)(id) FROM er', None)]:
    t.error(sql, msg)

t.comment('Aggregates and window functions out of place; GROUP BY and HAVING.')
for sql, msg in [('SELECT id FROM er WHERE sum(id) > 1', 'WHERE'), ('SELECT id FROM er GROUP BY event', 'GROUP BY'),
                 ('SELECT id FROM er GROUP BY event', '`id`'), ('SELECT sum(sum(id)) FROM er', 'inside another aggregate'),
                 ('SELECT count(max(id)) FROM er', 'inside another aggregate'), ('SELECT id FROM er HAVING id > 1', 'HAVING'),
                 ('SELECT row_number() FROM er', 'OVER'), ('SELECT id FROM er WHERE row_number() OVER () = 1', None),
                 ('SELECT event FROM er GROUP BY event HAVING id > 1', 'id'), ('SELECT sum(id) OVER (ORDER BY nope) FROM er', 'nope'),
                 ('SELECT id FROM er GROUP BY sum(id)', None), ('SELECT event, count() FROM er GROUP BY event ORDER BY id', 'id')]:
    t.error(sql, msg)

t.comment('LIMIT, placeholders, subqueries, set operations.')
for sql, msg in [("SELECT id FROM er LIMIT 'x'", 'LIMIT'), ('SELECT id FROM er LIMIT -1', 'LIMIT'),
                 ('SELECT id FROM er LIMIT 1.5', 'LIMIT'), ('SELECT id FROM er LIMIT 1 OFFSET -2', 'OFFSET'),
                 ('SELECT id FROM er WHERE id IN (SELECT id, event FROM er)', 'one column'),
                 ('SELECT (SELECT id FROM er)', 'one'), ('SELECT 1, 2 UNION ALL SELECT 1', 'same number of columns'),
                 ('SELECT id FROM (SELECT event FROM er)', 'id')]:
    t.error(sql, msg)

t.comment('Values that fail at run time, naming the value.')
for sql, msg in [('SELECT intDiv(id, 0) FROM er', 'division by zero'), ('SELECT id % 0 FROM er', 'division by zero'),
                 ('SELECT intDiv(1, 0)', 'division by zero'), ("SELECT toInt64('abc')", 'abc'), ("SELECT toInt64(event) FROM er", 'signup'),
                 ("SELECT toFloat64('1,5')", '1,5'), ("SELECT toDate('2024-13-45')", '2024-13-45'),
                 ("SELECT toDateTime('not a time')", 'not a time'), ("SELECT toUUID('xyz')", 'xyz'), ("SELECT toBool('maybe')", 'maybe'),
                 ("SELECT toDecimal64('1e', 2)", '1e'), ("SELECT base64Decode('!!')", None),
                 ("SELECT toHour(ts, 'Mars/Base') FROM er", 'Mars/Base'), ("SELECT toTimeZone(ts, 'Mars/Base') FROM er", 'Mars/Base'),
                 ("SELECT formatDateTime(ts, '%K') FROM er", '%K'), ("SELECT dateDiff('eon', ts, ts) FROM er", 'eon'),
                 ("SELECT dateTrunc('eon', ts) FROM er", 'eon'), ("SELECT dateAdd('eon', 1, ts) FROM er", 'eon'),
                 ('SELECT quantile(1.5)(id) FROM er', None), ("SELECT match(event, '(') FROM er", None),
                 ("SELECT replaceRegexpAll(event, '[', '') FROM er", None), ("SELECT ts < 'tomorrow' FROM er", 'tomorrow'),
                 ("SELECT toDecimal32(1, 20)", 'scale'), ("SELECT repeat('a', 1000000000000)", None),
                 ("SELECT range(1000000000000)", None), ("SELECT format('{} {}', 'a')", None),
                 ("SELECT leftPad('a', 1000000000000)", None)]:
    t.error(sql, msg)
t.comment('An error in a row that a filter removes is not raised; empty tables raise nothing.')
t.query('I', 'SELECT intDiv(10, id - 1) FROM er WHERE id > 1', [10])
t.query('I', "SELECT toInt64(event) FROM er WHERE event = '5'", [])
t.write()
