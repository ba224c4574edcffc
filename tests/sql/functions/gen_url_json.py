#!/usr/bin/env python3
"""Writes url.test and json.test.

url.test: protocol, domain, domainWithoutWWW, topLevelDomain, path, pathFull, queryString,
fragment, extractURLParameter(s/Names), cutQueryString, cutFragment, decodeURLComponent and
encodeURLComponent on URLs with and without a scheme, ports, user info, empty parts and text
that is not a URL (ClickHouse's parsing rules; '' where there is nothing).

json.test: JSONHas, JSONLength, JSONType, JSONExtractString / Int / Float / Bool / Raw / Keys /
ArrayRaw with key and 1-based (negative from the end) index paths, invalid documents (read as
empty: the function's default), and HogQL's property access on JSON columns (`properties.a.b`:
strings unescaped, other values as raw JSON, NULL when missing or null)."""
import os, sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
from sqltest import TestFile, sql_str

u = TestFile('functions/url.test', __doc__.split('\n\n')[1])

# url, protocol, domain, domainWithoutWWW, topLevelDomain, path, pathFull, queryString, fragment
URLS = [
    ('https://www.example.com:8080/path/to?x=1&y=2#frag', 'https', 'www.example.com', 'example.com', 'com',
     '/path/to', '/path/to?x=1&y=2#frag', 'x=1&y=2', 'frag'),
    ('http://example.co.uk/', 'http', 'example.co.uk', 'example.co.uk', 'uk', '/', '/', '', ''),
    ('https://example.com', 'https', 'example.com', 'example.com', 'com', '', '', '', ''),
    ('www.posthog.com?ref=x', '', 'www.posthog.com', 'posthog.com', 'com', '', '', 'ref=x', ''),
    ('//cdn.example.com/lib.js', '', 'cdn.example.com', 'cdn.example.com', 'com', '/lib.js', '/lib.js', '', ''),
    ('ftp://files.example.org/pub/file.txt', 'ftp', 'files.example.org', 'files.example.org', 'org',
     '/pub/file.txt', '/pub/file.txt', '', ''),
    ('https://paul@www.host.io:80/p?q#h', 'https', 'www.host.io', 'host.io', 'io', '/p', '/p?q#h', 'q', 'h'),
    ('https://a.b.c.d.example.travel/x#', 'https', 'a.b.c.d.example.travel', 'a.b.c.d.example.travel', 'travel',
     '/x', '/x#', '', ''),
    ('http://localhost:3000/api?', 'http', '', '', '', '/api', '/api?', '', ''),
    ('https://www.example.com/#/route?x=1', 'https', 'www.example.com', 'example.com', 'com', '/', '/#/route?x=1', 'x=1',
     '/route?x=1'),
    ('', '', '', '', '', '', '', '', ''),
]
for url, proto, dom, dom_www, tld, path, full, query, frag in URLS:
    q = sql_str(url)
    u.value('TTTT', f'SELECT protocol({q}), domain({q}), domainWithoutWWW({q}), topLevelDomain({q})',
            proto, dom, dom_www, tld)
    u.value('TTTT', f'SELECT path({q}), pathFull({q}), queryString({q}), fragment({q})', path, full, query, frag)

u.comment("A host needs a dot (ClickHouse's getURLHost), so localhost has no domain.")
u.value('TT', "SELECT domain('http://localhost/'), domain('http://127.0.0.1:8080/')", '', '127.0.0.1')
# ClickHouse's getURLHost ends the host at the first ':' (user info with a password leaves
# "user", which has no dot: no host), and its path takes the first '/' when no '//' precedes it.
u.value('TTT', "SELECT domain('https://user:pass@host.io/p'), domainWithoutWWW('https://user:pw@www.host.io/'), "
        "topLevelDomain('ftp://me:secret@files.example.org/')", '', '', '')
u.value('TT', "SELECT domain('https://user@host.io/p'), domainWithoutWWW('//me@www.host.io/')",
        'host.io', 'host.io')
u.value('TT', "SELECT path('example.com/a/b'), pathFull('example.com/a/b?x=1')", '/a/b', '/a/b?x=1')

u.comment('URL parameters.')
P = 'https://shop.example.com/item?id=42&ref=mail&empty=&flag&id=43#top'
for name, val in [('id', '42'), ('ref', 'mail'), ('empty', ''), ('flag', ''), ('missing', ''), ('top', '')]:
    u.value('T', f"SELECT extractURLParameter('{P}', '{name}')", val)
u.value('T', f"SELECT toString(extractURLParameters('{P}'))", "['id=42','ref=mail','empty=','flag','id=43']")
u.value('T', f"SELECT toString(extractURLParameterNames('{P}'))", "['id','ref','empty','flag','id']")
u.value('T', "SELECT toString(extractURLParameters('https://example.com/'))", '[]')
u.value('T', "SELECT extractURLParameter('https://example.com/?a=1%202', 'a')", '1%202')
u.value('T', "SELECT extractURLParameter('https://example.com/?a=b=c', 'a')", 'b=c')

u.comment('cutQueryString, cutFragment.')
for url, cq, cf in [('https://e.com/p?a=1#f', 'https://e.com/p#f', 'https://e.com/p?a=1'),
                    ('https://e.com/p', 'https://e.com/p', 'https://e.com/p'),
                    ('https://e.com/p?a=1', 'https://e.com/p', 'https://e.com/p?a=1'),
                    ('https://e.com/p#f', 'https://e.com/p#f', 'https://e.com/p')]:
    u.value('TT', f"SELECT cutQueryString('{url}'), cutFragment('{url}')", cq, cf)

u.comment('decodeURLComponent and encodeURLComponent.')
for enc, dec in [('a%20b%2Fc', 'a b/c'), ('a+b', 'a+b'), ('%C3%A9t%C3%A9', 'été'), ('100%25', '100%'), ('plain', 'plain'),
                 ('', ''), ('%41%42%43', 'ABC')]:
    u.value('T', f"SELECT decodeURLComponent('{enc}')", dec)
for dec, enc in [('a b/c', 'a%20b%2Fc'), ('été', '%C3%A9t%C3%A9'), ('a-b_c.d~e', 'a-b_c.d~e'), ('?&=#', '%3F%26%3D%23'),
                 ('', '')]:
    u.value('T', f"SELECT encodeURLComponent('{dec}')", enc)
u.value('T', "SELECT decodeURLComponent(encodeURLComponent('a b&c=d/é'))", 'a b&c=d/é')

u.comment('On a table with NULLs.')
u.table('url_t(k Int64, u Nullable(String))')
rows = [(1, 'https://www.a.com/x?utm=1'), (2, None), (3, 'b.org'), (4, 'not a url'), (5, 'https://c.net/')]
u.rows('url_t', rows)
u.query('ITT', 'SELECT k, domain(u), path(u) FROM url_t ORDER BY k',
        [(1, 'www.a.com', '/x'), (2, None, None), (3, 'b.org', ''), (4, '', ''), (5, 'c.net', '/')])
u.query('TI', 'SELECT domainWithoutWWW(u) AS d, count() FROM url_t WHERE u IS NOT NULL GROUP BY d ORDER BY d',
        [('', 1), ('a.com', 1), ('b.org', 1), ('c.net', 1)])
u.query('IT', "SELECT k, extractURLParameter(u, 'utm') FROM url_t ORDER BY k",
        [(1, '1'), (2, None), (3, ''), (4, ''), (5, '')])
for expr in ['domain(1)', "extractURLParameter('https://a.com', 1)", 'path([1])']:
    u.error('SELECT ' + expr)
u.write()

j = TestFile('functions/json.test', __doc__.split('\n\n')[2])
DOC = '{"s":"text","i":42,"n":-7,"f":1.5,"b":true,"z":null,"a":[10,20,30],"o":{"k":"v","deep":{"x":1}},"e":"","u":"\\u00e9"}'
D = sql_str(DOC)
j.comment('JSONHas, JSONType, JSONLength for every kind of value.')
for key, has, typ, length in [('s', True, 'String', 0), ('i', True, 'Int64', 0), ('f', True, 'Double', 0),
                              ('b', True, 'Bool', 0), ('z', True, 'Null', 0), ('a', True, 'Array', 3),
                              ('o', True, 'Object', 2), ('missing', False, None, 0)]:
    j.value('B', f"SELECT JSONHas({D}, '{key}')", has)
    if typ:
        j.value('T', f"SELECT JSONType({D}, '{key}')", typ)
    j.value('I', f"SELECT JSONLength({D}, '{key}')", length)
j.value('I', f'SELECT JSONLength({D})', 10)
j.value('T', f'SELECT JSONType({D})', 'Object')
j.value('I', "SELECT JSONLength('[1, 2, 3, 4]')", 4)
j.value('T', "SELECT JSONType('[1]')", 'Array')
j.value('B', f"SELECT JSONHas({D}, 'o', 'deep', 'x')", True)
j.value('B', f"SELECT JSONHas({D}, 'o', 'deep', 'y')", False)
j.value('B', f"SELECT JSONHas({D}, 'a', 3)", True)
j.value('B', f"SELECT JSONHas({D}, 'a', 4)", False)

j.comment('Extraction by type.')
for expr, types, val in [
        (f"JSONExtractString({D}, 's')", 'T', 'text'), (f"JSONExtractString({D}, 'e')", 'T', ''),
        (f"JSONExtractString({D}, 'u')", 'T', 'é'), (f"JSONExtractString({D}, 'missing')", 'T', ''),
        (f"JSONExtractString({D}, 'o', 'k')", 'T', 'v'), (f"JSONExtractInt({D}, 'i')", 'I', 42),
        (f"JSONExtractInt({D}, 'n')", 'I', -7), (f"JSONExtractInt({D}, 'missing')", 'I', 0),
        (f"JSONExtractInt({D}, 's')", 'I', 0), (f"JSONExtractInt({D}, 'o', 'deep', 'x')", 'I', 1),
        (f"JSONExtractFloat({D}, 'f')", 'R', 1.5), (f"JSONExtractFloat({D}, 'i')", 'R', 42.0),
        (f"JSONExtractFloat({D}, 'missing')", 'R', 0.0), (f"JSONExtractBool({D}, 'b')", 'B', True),
        (f"JSONExtractBool({D}, 'missing')", 'B', False), (f"JSONExtractInt({D}, 'a', 1)", 'I', 10),
        (f"JSONExtractInt({D}, 'a', 3)", 'I', 30), (f"JSONExtractInt({D}, 'a', -1)", 'I', 30),
        (f"JSONExtractInt({D}, 'a', -3)", 'I', 10), (f"JSONExtractInt({D}, 'a', 4)", 'I', 0),
        (f"JSONExtractInt({D}, 'a', 0)", 'I', 0), (f"JSONExtractRaw({D}, 'a')", 'T', '[10,20,30]'),
        (f"JSONExtractRaw({D}, 'o', 'deep')", 'T', '{"x":1}'), (f"JSONExtractRaw({D}, 's')", 'T', '"text"'),
        (f"JSONExtractRaw({D}, 'i')", 'T', '42'), (f"JSONExtractRaw({D}, 'z')", 'T', 'null'),
        (f"JSONExtractRaw({D}, 'missing')", 'T', ''),
        (f"toString(JSONExtractKeys({D}, 'o'))", 'T', "['k','deep']"),
        (f"toString(JSONExtractArrayRaw({D}, 'a'))", 'T', "['10','20','30']"),
        (f"""toString(JSONExtractArrayRaw('{{"a":[1,"x",{{"b":2}}]}}', 'a'))""", 'T', """['1','"x"','{"b":2}']"""),
        (f"toString(JSONExtractArrayRaw({D}, 's'))", 'T', '[]'),
        ("JSONExtractString('[\"a\",\"b\"]', 2)", 'T', 'b'), ("JSONExtractInt('[1, [2, 3]]', 2, 1)", 'I', 2),
        ("JSONExtractString('{\"a\":\"x\\\\\"y\"}', 'a')", 'T', 'x"y')]:
    j.value(types, 'SELECT ' + expr, val)

j.comment('A document that is not valid JSON reads as empty.')
for bad in ['not json', '', '{"a":', '{a:1}']:
    q = sql_str(bad)
    j.value('BITIR', f"SELECT JSONHas({q}, 'a'), JSONLength({q}), JSONExtractString({q}, 'a'), "
            f"JSONExtractInt({q}, 'a'), JSONExtractFloat({q}, 'a')", False, 0, '', 0, 0.0)
j.value('I', "SELECT JSONExtractInt(NULL, 'a')", None)

j.comment('JSONExtract with its result type as the last argument.')
for expr, types, values in [
        ("JSONExtract('{\"a\":5}', 'a', 'Int64')", 'I', [5]),
        ("JSONExtract('{\"a\":\"x\"}', 'a', 'String'), JSONExtract('{\"a\":1.5}', 'a', 'Float64')", 'TR', ['x', 1.5]),
        ("JSONExtract('{\"a\":true}', 'a', 'Bool'), JSONExtract('{\"a\":{\"b\":7}}', 'a', 'b', 'UInt32')", 'BI', [True, 7]),
        ("JSONExtract('{}', 'a', 'Int64'), JSONExtract('{}', 'a', 'Nullable(Int64)')", 'II', [0, None]),
        ("toTypeName(JSONExtract('{}', 'a', 'Nullable(String)'))", 'T', ['Nullable(String)'])]:
    j.value(types, 'SELECT ' + expr, *values)
j.error("SELECT JSONExtract('{}', 'a', 'Tuple(Int64)')", 'cannot extract')
j.error("SELECT JSONExtract('{}', 'a', concat('Int', '64'))", 'constant String')

j.comment('HogQL property access on a JSON column: properties.key and properties.a.b.')
j.table('js_events(k Int64, properties JSON)')
EVENTS = [(1, '{"$browser":"Chrome","plan":"pro","n":3,"nested":{"x":"y"},"flag":false}'),
          (2, '{"$browser":"Firefox","n":4.5,"plan":null}'),
          (3, '{}'),
          (4, 'not json'),
          (5, '{"$browser":"Chrome","plan":"free","tags":["a","b"]}')]
j.rows('js_events', EVENTS)
j.query('IT', 'SELECT k, properties.$browser FROM js_events ORDER BY k',
        [(1, 'Chrome'), (2, 'Firefox'), (3, None), (4, None), (5, 'Chrome')])
j.query('IT', 'SELECT k, properties.plan FROM js_events ORDER BY k',
        [(1, 'pro'), (2, None), (3, None), (4, None), (5, 'free')])
j.query('IT', 'SELECT k, properties.n FROM js_events ORDER BY k',
        [(1, '3'), (2, '4.5'), (3, None), (4, None), (5, None)])
j.query('IT', 'SELECT k, properties.nested.x FROM js_events ORDER BY k',
        [(1, 'y'), (2, None), (3, None), (4, None), (5, None)])
j.query('IT', 'SELECT k, properties.flag FROM js_events ORDER BY k',
        [(1, 'false'), (2, None), (3, None), (4, None), (5, None)])
j.query('IT', 'SELECT k, properties.tags FROM js_events WHERE k = 5', [(5, '["a","b"]')])
j.query('TI', 'SELECT properties.$browser AS b, count() FROM js_events GROUP BY b ORDER BY b',
        [('Chrome', 2), ('Firefox', 1), (None, 2)])
j.query('I', "SELECT k FROM js_events WHERE properties.plan = 'pro'", [1])
j.query('I', 'SELECT k FROM js_events WHERE properties.plan IS NULL ORDER BY k', [2, 3, 4])
j.query('II', "SELECT k, JSONExtractInt(properties, 'n') FROM js_events ORDER BY k",
        [(1, 3), (2, 4), (3, 0), (4, 0), (5, 0)])
j.query('IB', "SELECT k, JSONHas(properties, 'plan') FROM js_events ORDER BY k",
        [(1, True), (2, True), (3, False), (4, False), (5, True)])
j.query('II', 'SELECT k, JSONLength(properties) FROM js_events ORDER BY k',
        [(1, 5), (2, 3), (3, 0), (4, 0), (5, 3)])
for expr in ["JSONExtractInt(1, 'a')", "JSONHas('{}', [1])", 'JSONLength(true)']:
    j.error('SELECT ' + expr)
j.write()
