#!/usr/bin/env python3
"""Writes types.test: columns of every storage type — Bool, Int64, Float64, Decimal(38, 2),
String, Date, DateTime (with microseconds), UUID, JSON, each also Nullable — as GROUP BY keys,
ORDER BY keys, JOIN keys, DISTINCT, IN lists, min / max / uniqExact arguments, and query
parameters ({name} placeholders) of every kind; plus a join of two 2,500-row tables on a skewed
key. Expected values are computed here: strings order byte-wise, UUIDs by their text, NULLs
last, decimals exactly."""
import datetime as dt
import os, sys
from decimal import Decimal
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
from sqltest import TestFile

t = TestFile('queries/types.test', __doc__)
U = ['00000000-0000-0000-0000-000000000001', '61f0c404-5cb3-11e7-907b-a6006ad3dba0', 'ffffffff-ffff-ffff-ffff-ffffffffffff',
     '61f0c404-5cb3-11e7-907b-a6006ad3dba1']
ROWS = [(1, True, 5, 2.5, '10.25', 'b', '2024-02-29', '2024-02-29 12:00:00.250000', U[1], None),
        (2, False, -3, -0.5, '-1.50', 'a', '2023-12-31', '2024-01-01 00:00:00', U[0], 7),
        (3, True, 5, 2.5, '10.25', 'B', '2024-02-29', '2024-02-29 12:00:00.250000', U[1], 7),
        (4, None, None, None, None, None, None, None, None, None),
        (5, False, 100, 1e10, '0.01', '', '1970-01-01', '1970-01-01 00:00:00.000001', U[2], -1),
        (6, True, -3, 0.0, '10.25', 'é', '2100-01-01', '2099-12-31 23:59:59.999999', U[3], 7)]
t.table('ty(k Int64, b Nullable(Bool), i Nullable(Int64), f Nullable(Float64), dec Nullable(Decimal(38, 2)), s Nullable(String), d Nullable(Date), ts Nullable(DateTime), u Nullable(UUID), n Nullable(Int64))')
t.rows('ty', ROWS[:3])
t.rows('ty', ROWS[3:])
COLS = ['b', 'i', 'f', 'dec', 's', 'd', 'ts', 'u']
TYPES = {'b': 'B', 'i': 'I', 'f': 'R', 'dec': '?', 's': 'T', 'd': 'D', 'ts': 'D', 'u': '?'}


def key(col, v):
    if v is None:
        return (1, 0)
    if col == 'dec':
        return (0, Decimal(v))
    if col == 's':
        return (0, v.encode())
    return (0, v)


for ci, col in enumerate(COLS):
    vals = [(r[0], r[ci + 1]) for r in ROWS]
    ty = TYPES[col]
    t.query('I' + ty, f'SELECT k, {col} FROM ty ORDER BY {col}, k', [(k, v) for k, v in sorted(vals, key=lambda kv: (key(col, kv[1]), kv[0]))])
    nonnull = sorted([kv for kv in vals if kv[1] is not None], key=lambda kv: kv[0])
    desc = sorted(nonnull, key=lambda kv: key(col, kv[1]), reverse=True)  # Stable: ties keep k ascending.
    t.query('I' + ty, f'SELECT k, {col} FROM ty ORDER BY {col} DESC, k', desc + [kv for kv in vals if kv[1] is None])
    groups = {}
    for k, v in vals:
        groups.setdefault(v, []).append(k)
    t.query(ty + 'II', f'SELECT {col}, count(), min(k) FROM ty GROUP BY {col} ORDER BY {col}',
            [(v, len(ks), min(ks)) for v, ks in sorted(groups.items(), key=lambda kv: key(col, kv[0]))])
    t.query('I', f'SELECT uniqExact({col}) FROM ty', [len([v for v in groups if v is not None])])
    t.query('I', f'SELECT count() FROM (SELECT DISTINCT {col} FROM ty)', [len(groups)])
    t.query('II', f'SELECT a.k, b.k FROM ty AS a JOIN ty AS b ON a.{col} = b.{col} AND a.k < b.k ORDER BY a.k, b.k',
            [(a, b) for a, va in vals for b, vb in vals if va is not None and va == vb and a < b])
    present = [v for _, v in vals if v is not None]
    t.query(ty + ty, f'SELECT min({col}), max({col}) FROM ty',
            [(min(present, key=lambda v: key(col, v)), max(present, key=lambda v: key(col, v)))])

t.comment('IN lists and comparisons with literals of each type.')
t.query('I', "SELECT k FROM ty WHERE dec IN (toDecimal64('10.25', 2), toDecimal64('0.01', 2)) ORDER BY k", [1, 3, 5, 6])
t.query('I', f"SELECT k FROM ty WHERE u IN ('{U[0]}', '{U[2]}') ORDER BY k", [2, 5])
t.query('I', f"SELECT k FROM ty WHERE u = toUUID('{U[1]}') ORDER BY k", [1, 3])
t.query('I', "SELECT k FROM ty WHERE ts > '2024-02-29 12:00:00' ORDER BY k", [1, 3, 6])
t.query('I', "SELECT k FROM ty WHERE ts = '2024-02-29 12:00:00.25' ORDER BY k", [1, 3])
t.query('I', "SELECT k FROM ty WHERE ts < toDateTime('1970-01-01 00:00:01') ORDER BY k", [5])
t.query('I', "SELECT k FROM ty WHERE d IN ('2024-02-29', '1970-01-01') ORDER BY k", [1, 3, 5])
t.query('I', 'SELECT k FROM ty WHERE b IN (true) ORDER BY k', [1, 3, 6])
t.query('I', 'SELECT k FROM ty WHERE f IN (2.5, 0) ORDER BY k', [1, 3, 6])
t.query('I', "SELECT k FROM ty WHERE s IN ('', 'é') ORDER BY k", [5, 6])
t.query('T', 'SELECT toString(sum(dec)) FROM ty', ['29.26'])
t.query('T', "SELECT toString(sum(dec)) FROM ty WHERE dec > toDecimal64('0', 2)", ['30.76'])
t.query('T', "SELECT toString(ts) FROM ty WHERE k = 5", ['1970-01-01 00:00:00.000001'])
t.query('I', 'SELECT toUnixTimestamp(ts) FROM ty WHERE k = 6', [4102444799])
t.query('I', 'SELECT countIf(b) FROM ty', [3])

t.comment('Query parameters of every kind.')
t.raw('parameter p_int = 5')
t.raw('parameter p_float = 2.5')
t.raw("parameter p_text = 'b'")
t.raw('parameter p_true = true')
t.raw('parameter p_null = null')
t.raw("parameter p_date = '2024-02-29'")
t.query('I', 'SELECT k FROM ty WHERE i = {p_int} ORDER BY k', [1, 3])
t.query('I', 'SELECT k FROM ty WHERE f = {p_float} ORDER BY k', [1, 3])
t.query('I', 'SELECT k FROM ty WHERE s = {p_text}', [1])
t.query('I', 'SELECT k FROM ty WHERE b = {p_true} ORDER BY k', [1, 3, 6])
t.query('I', 'SELECT count() FROM ty WHERE i = {p_null}', [0])
t.query('I', 'SELECT k FROM ty WHERE d = {p_date} ORDER BY k', [1, 3])
t.query('I', 'SELECT {p_int} + 1', [6])
t.query('T', "SELECT concat({p_text}, '!')", ['b!'])
t.query('I', 'SELECT k FROM ty ORDER BY k LIMIT {p_int}', [1, 2, 3, 4, 5])
t.query('I', 'SELECT k FROM ty ORDER BY k LIMIT 2 OFFSET {p_int}', [6])
t.error("SELECT k FROM ty LIMIT {p_text}", 'LIMIT needs a whole number of rows')

t.comment('A join of two 2,500-row tables on a skewed key.')
seed = 99


def rnd():
    global seed
    seed = (seed * 1103515245 + 12345) % 2 ** 31
    return seed >> 8


A = [(i, (rnd() % 50) if i % 7 else 0, rnd() % 1000) for i in range(2500)]
B = [(i, (rnd() % 60) if i % 5 else 0, rnd() % 1000) for i in range(2500)]
t.table('big_a(id Int64, key Int64, val Int64)')
t.table('big_b(id Int64, key Int64, val Int64)')
for start in range(0, 2500, 800):
    t.rows('big_a', A[start:start + 800])
    t.rows('big_b', B[start:start + 800])
from collections import Counter, defaultdict
cb = Counter(k for _, k, _ in B)
sb = defaultdict(int)
for _, k, v in B:
    sb[k] += v
t.query('I', 'SELECT count() FROM big_a JOIN big_b ON big_a.key = big_b.key', [sum(cb[k] for _, k, _ in A)])
t.query('II', 'SELECT sum(big_a.val), sum(big_b.val) FROM big_a JOIN big_b ON big_a.key = big_b.key',
        [(sum(v * cb[k] for _, k, v in A), sum(sb[k] for _, k, _ in A))])
t.query('I', 'SELECT count() FROM big_a LEFT JOIN big_b ON big_a.key = big_b.key', [sum(max(cb[k], 1) for _, k, _ in A)])
t.query('I', 'SELECT count() FROM big_a LEFT ANTI JOIN big_b ON big_a.key = big_b.key', [sum(1 for _, k, _ in A if cb[k] == 0)])
t.query('I', 'SELECT count() FROM big_a LEFT SEMI JOIN big_b ON big_a.key = big_b.key', [sum(1 for _, k, _ in A if cb[k] > 0)])
ca = Counter(k for _, k, _ in A)
t.query('I', 'SELECT count() FROM big_a RIGHT JOIN big_b ON big_a.key = big_b.key', [sum(max(ca[k], 1) for _, k, _ in B)])
t.query('I', 'SELECT count() FROM big_a FULL JOIN big_b ON big_a.key = big_b.key',
        [sum(max(cb[k], 1) for _, k, _ in A) + sum(1 for _, k, _ in B if ca[k] == 0)])
top = sorted(((k, ca[k] * cb[k]) for k in ca), key=lambda kv: (-kv[1], kv[0]))[:5]
t.query('II', 'SELECT big_a.key, count() AS c FROM big_a JOIN big_b ON big_a.key = big_b.key GROUP BY big_a.key ORDER BY c DESC, big_a.key LIMIT 5',
        top)
t.query('I', 'SELECT count() FROM big_a JOIN big_b ON big_a.id = big_b.id AND big_a.key = big_b.key',
        [sum(1 for a, b in zip(A, B) if a[1] == b[1])])
t.query('I', 'SELECT count() FROM big_a JOIN big_b ON big_a.id = big_b.id WHERE big_a.val > big_b.val',
        [sum(1 for a, b in zip(A, B) if a[2] > b[2])])
t.write()
