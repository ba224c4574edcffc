#!/usr/bin/env python3
"""Writes string.test: length, lengthUTF8, empty, notEmpty, reverse, lower / upper (ASCII) and
their UTF8 forms, concat (NULL reads as '', as HogQL prints concat), format, repeat, leftPad,
rightPad, substring (1-based bytes, negative offsets from the end), trim, replace*, extract*,
splitBy*, base64, hex, MD5 and sipHash64 — as ClickHouse computes them, on constants, on a
table with NULLs and empty strings, and with the errors for arguments of the wrong kind."""
import base64
import hashlib
import os, struct, sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
from sqltest import TestFile, sql_str

t = TestFile('functions/string.test', __doc__)

WORDS = ['', 'a', 'Hello', 'héllo wörld', 'ÀÉÎ õü', '  padded  ', 'tab\there', 'MiXeD 123', 'x' * 40]


def lit(s):
    return sql_str(s)


t.comment('Lengths, emptiness, reversal and case, for every sample string.')
for w in WORDS:
    if '\t' in w:
        continue  # A tab in a result would split the runner's cell.
    b = w.encode()
    t.value('IIBB', f'SELECT length({lit(w)}), lengthUTF8({lit(w)}), empty({lit(w)}), notEmpty({lit(w)})',
            len(b), len(w), len(b) == 0, len(b) > 0)
    ascii_lower = ''.join(c.lower() if c.isascii() else c for c in w)
    ascii_upper = ''.join(c.upper() if c.isascii() else c for c in w)
    t.value('TTTT', f'SELECT lower({lit(w)}), upper({lit(w)}), lowerUTF8({lit(w)}), upperUTF8({lit(w)})',
            ascii_lower, ascii_upper, w.lower(), w.upper())
    if w.isascii():
        t.value('T', f'SELECT reverse({lit(w)})', w[::-1])
t.value('I', "SELECT length('tab\\there')", 8)
t.value('IIB', 'SELECT length(NULL), lengthUTF8(NULL), empty(NULL)', None, None, None)
t.value('I', 'SELECT length([1, 2, 3])', 3)
t.value('B', 'SELECT empty([])', True)
t.value('T', 'SELECT reverse([1, 2, 3])', '[3,2,1]')

t.comment('concat: any number of arguments, non-strings as toString writes them, NULL as \'\'.')
for expr, val in [("concat('a', 'b')", 'ab'), ("concat('a', 'b', 'c', 'd')", 'abcd'), ("concat('', '')", ''),
                  ("concat('n=', 42)", 'n=42'), ("concat('x', 1.5, true)", 'x1.5true'),
                  ("concat('d:', toDate('2024-02-29'))", 'd:2024-02-29'), ("concat('a', NULL, 'b')", 'ab'),
                  ("concat(NULL, NULL)", ''), ("'a' || 'b' || 'c'", 'abc'), ("concat('é', 'ü')", 'éü')]:
    t.value('T', 'SELECT ' + expr, val)

t.comment('format: {} in order, {n} by position, {{ and }} for braces.')
for expr, val in [("format('{} {}', 'a', 'b')", 'a b'), ("format('{1} {0}', 'a', 'b')", 'b a'),
                  ("format('{0}{0}', 'ab')", 'abab'), ("format('{} + {} = {}', 1, 2, 3)", '1 + 2 = 3'),
                  ("format('{{}}', 'x')", '{}'), ("format('no placeholders')", 'no placeholders')]:
    t.value('T', 'SELECT ' + expr, val)
t.error("SELECT format('{} {}', 'only one')")

t.comment('repeat, leftPad, rightPad (padding cuts a longer string to the length).')
for expr, val in [("repeat('ab', 3)", 'ababab'), ("repeat('ab', 0)", ''), ("repeat('', 5)", ''), ("repeat('é', 2)", 'éé'),
                  ("leftPad('abc', 6, '*')", '***abc'), ("leftPad('abc', 7, 'xy')", 'xyxyabc'),
                  ("leftPad('abc', 2)", 'ab'), ("leftPad('abc', 5)", '  abc'), ("rightPad('abc', 5)", 'abc  '),
                  ("rightPad('abc', 6, '.-')", 'abc.-.'), ("rightPad('abc', 3, '*')", 'abc'), ("leftPad('', 3, 'z')", 'zzz'),
                  ("rightPad('abcdef', 0)", '')]:
    t.value('T', 'SELECT ' + expr, val)

t.comment('substring: 1-based bytes; negative offsets count from the end; a negative length')
t.comment('leaves that many bytes off the end; offset 0 or past the end gives \'\'.')
S = 'Hello'


def substring(s, offset, length=None):
    n = len(s)
    if offset == 0:
        return ''
    start = offset - 1 if offset > 0 else n + offset
    if length is None:
        end = n
    elif length >= 0:
        end = start + length
    else:
        end = n + length
    start, end = max(start, 0), min(end, n)
    return s[start:end] if start < end else ''


for args in [(1,), (2,), (5,), (6,), (10,), (-1,), (-3,), (-5,), (-6,), (-10,), (0,), (1, 0), (1, 1), (2, 3),
             (2, 10), (-3, 2), (-3, 5), (2, -1), (2, -4), (2, -10), (-10, 8), (-10, 3), (0, 3), (6, 1)]:
    sql_args = ', '.join(str(a) if a >= 0 else f'({a})' for a in args)
    t.value('T', f"SELECT substring('{S}', {sql_args})", substring(S, *args))
t.value('T', "SELECT substring('héllo', 2, 2)", 'é')
t.value('T', "SELECT substring(NULL, 1, 2)", None)
t.comment("HogQL's parser (like PostHog's) does not take substring(s FROM i FOR n).")
t.error("SELECT substring('abcdef' FROM 2 FOR 3)", 'ColumnExprSubstring')

t.comment('trim, trimLeft, trimRight: spaces, or the characters of the second argument.')
for w in ['  a b  ', 'a', '   ', '', ' \tx\t ']:
    t.value('TTT', f'SELECT trim({lit(w)}), trimLeft({lit(w)}), trimRight({lit(w)})',
            w.strip(' '), w.lstrip(' '), w.rstrip(' '))
t.value('TTT', "SELECT trim('xxaxbxx', 'x'), trimLeft('xyxaxy', 'xy'), trimRight('abcba', 'ab')", 'axb', 'axy', 'abc')
t.value('T', "SELECT trim(BOTH 'x' FROM 'xxaxx')", 'a')
t.value('T', "SELECT trim(LEADING 'x' FROM 'xxaxx')", 'axx')
t.value('T', "SELECT trim(TRAILING 'x' FROM 'xxaxx')", 'xxa')

t.comment('replaceAll / replaceOne (plain text), replaceRegexpAll / replaceRegexpOne (re2, \\\\1 groups).')
for expr, val in [("replaceAll('aaa', 'a', 'b')", 'bbb'), ("replaceOne('aaa', 'a', 'b')", 'baa'),
                  ("replaceAll('abcabc', 'bc', '')", 'aa'), ("replaceAll('abc', '', 'x')", 'abc'),
                  ("replaceAll('a.b.c', '.', '-')", 'a-b-c'), ("replaceOne('abc', 'z', 'y')", 'abc'),
                  ("replaceAll('aaaa', 'aa', 'a')", 'aa'), ("replaceAll('', 'a', 'b')", ''),
                  ("replaceRegexpAll('abc123def45', '[0-9]', '#')", 'abc###def##'),
                  ("replaceRegexpAll('abc123def45', '[0-9]+', '#')", 'abc#def#'),
                  ("replaceRegexpOne('abc123def45', '[0-9]+', '#')", 'abc#def45'),
                  ("replaceRegexpOne('Hello World', '(\\\\w+) (\\\\w+)', '\\\\2 \\\\1')", 'World Hello'),
                  ("replaceRegexpAll('a-b-c', '-', '\\\\0\\\\0')", 'a--b--c'),
                  ("replaceRegexpAll('  x  y ', '^\\\\s+|\\\\s+$', '')", 'x  y'),
                  ("replaceRegexpAll('abc', 'B', 'x')", 'abc'), ("replaceRegexpAll('abc', '(?i)B', 'x')", 'axc')]:
    t.value('T', 'SELECT ' + expr, val)
t.error("SELECT replaceRegexpAll('abc', '(', 'x')")

t.comment('extract (the first group, else the whole match) and extractAll.')
for expr, val in [("extract('abc123def', '[0-9]+')", '123'), ("extract('key=val; k2=v2', 'k2=(\\\\w+)')", 'v2'),
                  ("extract('abc', 'x')", ''), ("extract('', '.*')", ''), ("extract('aXbXc', 'X(.)X')", 'b')]:
    t.value('T', 'SELECT ' + expr, val)
for expr, val in [("extractAll('a1b22c333', '[0-9]+')", "['1','22','333']"), ("extractAll('abc', '[0-9]')", '[]'),
                  ("extractAll('k1=v1,k2=v2', 'k\\\\d=(\\\\w+)')", "['v1','v2']")]:
    t.value('T', f'SELECT toString({expr})', val)

t.comment('splitByChar, splitByString (an empty separator splits into bytes); max_substrings keeps')
t.comment('at most that many pieces.')
for expr, val in [("splitByChar(',', 'a,b,,c')", ['a', 'b', '', 'c']), ("splitByChar(',', '')", ['']),
                  ("splitByChar(',', ',')", ['', '']), ("splitByChar(' ', 'one')", ['one']),
                  ("splitByString(', ', 'a, b, c')", ['a', 'b', 'c']), ("splitByString('', 'abc')", ['a', 'b', 'c']),
                  ("splitByString('ab', 'xabyabz')", ['x', 'y', 'z']), ("splitByString('--', '--a--')", ['', 'a', '']),
                  ("splitByChar(',', 'a,b,c,d', 2)", ['a', 'b']), ("splitByString(',', 'a,b,c', 5)", ['a', 'b', 'c'])]:
    t.value('T', f'SELECT toString({expr})', '[' + ','.join("'" + v + "'" for v in val) + ']')
t.value('I', "SELECT length(splitByChar(',', 'a,b,,c'))", 4)
t.error("SELECT splitByChar('ab', 'xaby')")

t.comment('base64, hex, MD5.')
for w in ['', 'f', 'fo', 'foo', 'hello world', 'héllo', 'a\\0b']:
    raw = w.replace('\\0', '').encode()  # HogQL drops \0 from string literals, as PostHog's parser does.
    t.value('T', f"SELECT base64Encode('{w}')", base64.b64encode(raw).decode())
    t.value('T', f"SELECT hex('{w}')", raw.hex().upper())
    t.value('T', f"SELECT hex(MD5('{w}'))", hashlib.md5(raw).hexdigest().upper())
for enc, dec in [('aGVsbG8=', 'hello'), ('', ''), ('YQ==', 'a'), ('YWI=', 'ab')]:
    t.value('TT', f"SELECT base64Decode('{enc}'), tryBase64Decode('{enc}')", dec, dec)
t.error("SELECT base64Decode('!!not base64!!')")
t.value('T', "SELECT tryBase64Decode('!!not base64!!')", '')
for n, h in [(0, '00'), (1, '01'), (255, 'FF'), (256, '0100'), (65535, 'FFFF'), (1234567890, '499602D2'),
             (-1, 'FFFFFFFFFFFFFFFF')]:
    t.value('T', f'SELECT hex({n if n >= 0 else "(" + str(n) + ")"})', h)
t.value('I', "SELECT length(MD5('anything'))", 16)


def siphash24(data, k0=0, k1=0):
    M = 2 ** 64 - 1

    def rotl(x, b):
        return ((x << b) | (x >> (64 - b))) & M

    v0, v1, v2, v3 = k0 ^ 0x736f6d6570736575, k1 ^ 0x646f72616e646f6d, k0 ^ 0x6c7967656e657261, k1 ^ 0x7465646279746573

    def rnd():
        nonlocal v0, v1, v2, v3
        v0 = (v0 + v1) & M; v1 = rotl(v1, 13); v1 ^= v0; v0 = rotl(v0, 32)
        v2 = (v2 + v3) & M; v3 = rotl(v3, 16); v3 ^= v2
        v0 = (v0 + v3) & M; v3 = rotl(v3, 21); v3 ^= v0
        v2 = (v2 + v1) & M; v1 = rotl(v1, 17); v1 ^= v2; v2 = rotl(v2, 32)
    n = len(data)
    for i in range(0, n - n % 8, 8):
        m = struct.unpack('<Q', data[i:i + 8])[0]
        v3 ^= m; rnd(); rnd(); v0 ^= m
    tail = data[n - n % 8:] + b'\x00' * (7 - n % 8)
    m = struct.unpack('<Q', tail + bytes([n & 0xff]))[0]
    v3 ^= m; rnd(); rnd(); v0 ^= m
    v2 ^= 0xff
    for _ in range(4):
        rnd()
    h = v0 ^ v1 ^ v2 ^ v3
    return h - 2 ** 64 if h >= 2 ** 63 else h


t.comment('sipHash64 of one string: SipHash-2-4 with a zero key (UInt64 bits read as Int64).')
for w in ['', 'a', 'abc', 'hello world', 'exactly8', 'fifteen chars!!', 'x' * 33]:
    t.value('I', f"SELECT sipHash64('{w}')", siphash24(w.encode()))
t.value('BB', "SELECT cityHash64('abc') = cityHash64('abc'), cityHash64('abc') != cityHash64('abd')", True, True)

t.comment('On a table: NULL in, NULL out (concat excepted), empty strings stay empty.')
t.table('str_t(k Int64, s Nullable(String))')
rows = [(1, 'Alpha'), (2, None), (3, ''), (4, 'béta'), (5, 'a,b')]
t.rows('str_t', rows)
t.query('IIITT', 'SELECT k, length(s), lengthUTF8(s), upper(s), substring(s, 2, 2) FROM str_t ORDER BY k',
        [(k, None, None, None, None) if s is None else
         (k, len(s.encode()), len(s), ''.join(c.upper() if c.isascii() else c for c in s),
          s.encode()[1:3].decode('utf-8', 'replace') if k != 4 else 'é') for k, s in rows])
t.query('IT', "SELECT k, concat('<', s, '>') FROM str_t ORDER BY k",
        [(k, '<' + (s or '') + '>') for k, s in rows])
t.query('IT', "SELECT k, replaceAll(s, 'a', '@') FROM str_t ORDER BY k",
        [(k, None if s is None else s.replace('a', '@')) for k, s in rows])
t.query('IB', 'SELECT k, empty(s) FROM str_t ORDER BY k', [(k, None if s is None else s == '') for k, s in rows])
t.query('IT', "SELECT k, leftPad(s, 6, '.') FROM str_t WHERE k != 4 ORDER BY k",
        [(k, None if s is None else ('.' * 6 + s)[-6:] if len(s) < 6 else s[:6]) for k, s in rows if k != 4])
t.query('IT', "SELECT k, toString(splitByChar(',', s)) FROM str_t WHERE s IS NOT NULL ORDER BY k",
        [(k, '[' + ','.join("'" + p + "'" for p in s.split(',')) + ']') for k, s in rows if s is not None])
t.query('IT', 'SELECT k, lower(s) FROM str_t WHERE s IS NOT NULL ORDER BY lower(s), k',
        sorted([(k, ''.join(c.lower() if c.isascii() else c for c in s)) for k, s in rows if s is not None],
               key=lambda r: (r[1].encode(), r[0])))

t.comment('Arguments of the wrong kind.')
for expr in ['length(5)', 'lower(1)', "substring('abc', 'x')", "repeat('a', 'b')", "replaceAll('a', 1, 'b')",
             'upper(true)', "concat()", "leftPad('a')", "splitByChar(',', 5)", "trim(5)"]:
    t.error('SELECT ' + expr)
t.write()
