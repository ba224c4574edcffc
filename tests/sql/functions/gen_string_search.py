#!/usr/bin/env python3
"""Writes string_search.test: position / positionCaseInsensitive (1-based byte positions, 0 when
absent; an empty needle is found at 1, or at start_pos when 1 <= start_pos <= length + 1),
startsWith, endsWith, LIKE / ILIKE / NOT LIKE / NOT ILIKE (% any bytes, _ one character, \\
escapes; ILIKE folds case) and match (re2, unanchored) — ClickHouse semantics, on constants and
a table with NULLs."""
import os, re, sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
from sqltest import TestFile, sql_str

t = TestFile('functions/string_search.test', __doc__)


def position(h, n, start=None):
    hb, nb = h.encode(), n.encode()
    if start is None:
        return hb.find(nb) + 1
    start = max(start, 1)
    if nb == b'':
        return start if start <= len(hb) + 1 else 0
    if start > len(hb) + 1:
        return 0
    return hb.find(nb, start - 1) + 1


t.comment('position and positionCaseInsensitive.')
HAY = ['Hello, hello', 'abcabc', '', 'héllo', 'aaa']
NEEDLES = ['l', 'Hello', 'hello', 'lo', '', 'z', 'abc', 'é', 'aa', 'LL']
for h in HAY:
    for n in NEEDLES:
        t.value('II', f'SELECT position({sql_str(h)}, {sql_str(n)}), positionCaseInsensitive({sql_str(h)}, {sql_str(n)})',
                position(h, n), position(h.lower() if h.isascii() else h, n.lower()))
for h, n, s in [('Hello, hello', 'l', 4), ('Hello, hello', 'l', 5), ('Hello, hello', 'l', 12), ('Hello, hello', 'l', 13),
                ('abcabc', 'abc', 2), ('abc', '', 3), ('abc', '', 4), ('abc', '', 5), ('abc', '', 0), ('abc', 'a', 0),
                ('', '', 1)]:
    t.value('I', f'SELECT position({sql_str(h)}, {sql_str(n)}, {s})', position(h, n, s))
t.value('I', "SELECT position(NULL, 'a')", None)
t.value('I', "SELECT position('abc', NULL)", None)

t.comment('startsWith and endsWith.')
for h in ['Hello', '', 'héllo']:
    for n in ['', 'H', 'He', 'Hello', 'Hello!', 'lo', 'o', 'h', 'llo']:
        t.value('BB', f'SELECT startsWith({sql_str(h)}, {sql_str(n)}), endsWith({sql_str(h)}, {sql_str(n)})',
                h.startswith(n), h.endswith(n))
t.value('BB', "SELECT startsWith(NULL, 'a'), endsWith('a', NULL)", None, None)


def like_regex(pattern, flags=0):
    out, i = '', 0
    while i < len(pattern):
        c = pattern[i]
        if c == '\\' and i + 1 < len(pattern):
            out += re.escape(pattern[i + 1]); i += 2; continue
        out += '.*' if c == '%' else '.' if c == '_' else re.escape(c)
        i += 1
    return re.compile(out, re.S | flags)


def like(s, p, ci=False):
    return like_regex(p, re.I if ci else 0).fullmatch(s) is not None


t.comment('LIKE, ILIKE and their negations.')
PAIRS = [('abc', 'abc'), ('abc', 'a%'), ('abc', '%c'), ('abc', '%b%'), ('abc', 'a_c'), ('abc', '_'), ('abc', '___'),
         ('abc', '____'), ('abc', 'A%'), ('ABC', 'a_c'), ('abc', ''), ('', ''), ('', '%'), ('', '_'), ('abc', '%'),
         ('a%b', 'a\\\\%b'), ('axb', 'a\\\\%b'), ('a_b', 'a\\\\_b'), ('axb', 'a\\\\_b'), ('a.c', 'a.c'), ('abc', 'a.c'),
         ('a*c', 'a*c'), ('héllo', 'h_llo'), ('héllo', 'h%o'), ('Straße', '%STRASSE%'), ('x(y)', 'x(%)'),
         ('line1\\nline2', 'line1%line2'), ('[a]', '[a]'), ('abcabc', '%bc%bc'), ('abcabc', 'abc')]
for s, p in PAIRS:
    py_s = s.replace('\\n', '\n')
    py_p = p.replace('\\\\', '\\')
    l, il = like(py_s, py_p), like(py_s, py_p, True)
    t.value('BBBB', f"SELECT '{s}' LIKE '{p}', '{s}' ILIKE '{p}', '{s}' NOT LIKE '{p}', '{s}' NOT ILIKE '{p}'",
            l, il, not l, not il)
t.value('BBBB', "SELECT like('abc', 'a%'), ilike('ABC', 'a%'), notLike('abc', 'a%'), notILike('ABC', 'x%')",
        True, True, False, True)
t.value('BB', "SELECT NULL LIKE 'a', 'a' LIKE NULL", None, None)

t.comment('match: re2, unanchored, . matches a line break and a whole UTF-8 character; (?i) folds case.')
for s, p in [('abc', 'b'), ('abc', '^b'), ('abc', '^a.c$'), ('ABC', 'abc'), ('ABC', '(?i)abc'), ('a.c', 'a\\\\.c'),
             ('abc', 'a\\\\.c'), ('', ''), ('', '^$'), ('abc', ''), ('foo123', '\\\\d{3}'), ('foo12', '\\\\d{3}'),
             ('x\\ny', 'x.y'), ('x\\ny', '(?s)x.y'), ('hello world', 'o w'), ('x\\ny', '(?-s)x.y')]:
    py_s = s.replace('\\n', '\n')
    py_p = p.replace('\\\\', '\\')
    if py_p.startswith('(?-s)'):
        m = re.search(py_p[5:], py_s)
    elif py_p.startswith('(?i)'):
        m = re.search(py_p[4:], py_s, re.I)
    elif py_p.startswith('(?s)'):
        m = re.search(py_p[4:], py_s, re.S)
    else:
        m = re.search(py_p, py_s, re.S)
    t.value('B', f"SELECT match('{s}', '{p}')", m is not None)
t.comment("'.' and negated classes match one code point of UTF-8 text, as in re2.")
for subject, pattern, expected in [('héllo', 'h.llo', True), ('héllo', '^h.{4}$', True), ('héllo', '^h.{5}$', False),
                                   ('日本語', '^...$', True), ('日本語', '^.{9}$', False), ('héllo', '^h[^x]llo$', True),
                                   ('héllo', '^h[^é]llo$', False), ('a€b', '^a.b$', True), ('😀x', '^.x$', True),
                                   ('héllo', 'h(?:.)llo', True)]:
    t.value('B', f"SELECT match('{subject}', '{pattern}')", expected)
t.value('T', "SELECT extract('prix: 12€ ou 13€', '(\\\\d+).')", '12')
t.value('T', "SELECT replaceRegexpAll('héllo wörld', '[^ ]', '*')", '***** *****')
t.value('T', "SELECT replaceRegexpOne('ñandú', '^.', 'N')", 'Nandú')
t.error("SELECT match('abc', '(')")
t.value('B', "SELECT match(NULL, 'a')", None)

t.comment('On a table.')
t.table('srch_t(k Int64, s Nullable(String))')
rows = [(1, 'apple pie'), (2, 'Banana'), (3, None), (4, ''), (5, 'cherry_pie'), (6, 'APPLE')]
t.rows('srch_t', rows)
t.query('I', "SELECT k FROM srch_t WHERE s LIKE '%pie' ORDER BY k", [1, 5])
t.query('I', "SELECT k FROM srch_t WHERE s ILIKE 'apple%' ORDER BY k", [1, 6])
t.query('I', "SELECT k FROM srch_t WHERE s NOT LIKE '%pie' ORDER BY k", [2, 4, 6])
t.query('I', "SELECT k FROM srch_t WHERE s LIKE '%\\\\_%' ORDER BY k", [5])
t.query('I', "SELECT k FROM srch_t WHERE s LIKE '%_%' ORDER BY k", [1, 2, 5, 6])
t.query('I', "SELECT k FROM srch_t WHERE match(s, '^[A-Z]') ORDER BY k", [2, 6])
t.query('I', "SELECT k FROM srch_t WHERE startsWith(s, 'a') OR endsWith(s, 'a') ORDER BY k", [1, 2])
t.query('II', "SELECT k, position(s, 'p') FROM srch_t ORDER BY k",
        [(k, None if s is None else position(s, 'p')) for k, s in rows])
t.query('II', "SELECT k, positionCaseInsensitive(s, 'A') FROM srch_t ORDER BY k",
        [(k, None if s is None else position(s.lower(), 'a')) for k, s in rows])
t.query('IB', "SELECT k, s LIKE '' FROM srch_t ORDER BY k", [(k, None if s is None else s == '') for k, s in rows])

t.comment('Patterns that are columns, and arguments of the wrong kind.')
t.table('srch_p(s String, p String)')
t.rows('srch_p', [('abc', 'a%'), ('abc', '%d'), ('xyz', '_y_')])
t.query('TTB', 'SELECT s, p, s LIKE p FROM srch_p ORDER BY p', [('abc', '%d', False), ('xyz', '_y_', True), ('abc', 'a%', True)])
t.query('TTB', 'SELECT s, p, match(s, p) FROM srch_p ORDER BY p', [('abc', '%d', False), ('xyz', '_y_', False), ('abc', 'a%', False)])
for expr in ["position(1, 'a')", "startsWith('a', 1)", "1 LIKE 'a'", "match('a', 1)", "endsWith(toDate('2024-01-01'), '1')"]:
    t.error('SELECT ' + expr)
t.write()
