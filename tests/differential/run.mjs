#!/usr/bin/env node
// The differential test: the same data in Larder and in DuckDB (npm @duckdb/node-api, pinned in
// package.json), the same questions asked of both (queries.mjs by hand, generator.mjs at
// random), and the answers compared. Every difference is a Larder bug, a translation mistake or
// a dialect difference listed in dialect_differences.md; only the last may pass.
//
// Usage: node run.mjs --larder <larder binary> [--only NAME,…] [--generated N] [--seed N] [--keep]
// (--generated: how many random queries, default 300; --seed: the generator's seed, default 7)
// Prints `PASS name` or `FAIL name` and both results for every query, then
// `differential: …` and, last, `N passed, N failed`. Exit status: 0 all pass, 1 some query
// fails, 2 the test could not run (no binary, a failed import, DuckDB missing).
//
// Comparison: rows as a multiset unless the query orders them completely; NULL equals NULL;
// integers exactly; floats within a relative 1e-9 (or 1e-12 absolutely, for sums that cancel
// to about zero), NaN equal to NaN; Bool equals 1/0 (ClickHouse's comparisons are UInt8);
// DateTime text without trailing zeros of the fraction; JSON documents by value.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { generate, TABLES } from './data.mjs';
import { GENERATOR_SEED, generateQueries } from './generator.mjs';
import { HAND_WRITTEN } from './queries.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const USAGE = 'usage: node run.mjs --larder <larder binary> [--only NAME,…] [--generated N] [--seed N] [--keep]';
const DEFAULT_GENERATED = 300;
const SHOWN_ROWS = 12;

function fatal(message) {
  process.stdout.write(`run.mjs: ${message}\n`);
  process.exit(2);
}

function parseOptions() {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        larder: { type: 'string' },
        only: { type: 'string' },
        generated: { type: 'string', default: String(DEFAULT_GENERATED) },
        seed: { type: 'string', default: String(GENERATOR_SEED) },
        keep: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    fatal(`${e.message}\n${USAGE}`);
  }
  const { values } = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  if (!values.larder) fatal(`--larder is required\n${USAGE}`);
  if (!fs.existsSync(values.larder)) fatal(`no larder binary at ${values.larder}`);
  const generated = Number(values.generated);
  if (!Number.isSafeInteger(generated) || generated < 0) fatal('--generated wants a count');
  const seed = Number(values.seed);
  if (!Number.isSafeInteger(seed)) fatal('--seed wants an integer');
  return { ...values, generated, seed, only: values.only ? new Set(values.only.split(',')) : null };
}

// ---- Larder --------------------------------------------------------------------------------

function larder(options, dataDir, args, input) {
  return spawnSync(options.larder, ['--data', dataDir, ...args], {
    encoding: 'utf8', input, maxBuffer: 256 * 1024 * 1024, timeout: 60_000,
  });
}

function loadLarder(options, dataDir, files) {
  const init = larder(options, dataDir, ['init']);
  if (init.status !== 0) fatal(`larder init failed: ${init.stderr}${init.stdout}`);
  for (const [table, spec] of Object.entries(TABLES)) {
    const overrides = spec.columns.flatMap((c) => ['--column', `${c.name}:${c.larder}`]);
    const run = larder(options, dataDir, ['import', table, files[table], ...overrides]);
    if (run.status !== 0) fatal(`larder import ${table} failed: ${run.stderr}${run.stdout}`);
  }
}

// Larder's JSON output, read with every number kept as text (Int64 beyond 2^53) and the bare
// "inf" / "-inf" / "nan": how `query --format json` writes non-finite Float64 values.
function parseLarderJson(text) {
  let pos = 0;
  const fail = (what) => { throw new Error(`bad JSON from larder at ${pos}: ${what}: ${text.slice(pos, pos + 40)}`); };
  const ws = () => { while (pos < text.length && /\s/.test(text[pos])) ++pos; };
  const value = () => {
    ws();
    const c = text[pos];
    if (c === '{') {
      ++pos;
      const out = {};
      ws();
      if (text[pos] === '}') { ++pos; return out; }
      for (;;) {
        ws();
        const key = value();
        ws();
        if (text[pos++] !== ':') fail('expected :');
        out[key] = value();
        ws();
        if (text[pos] === ',') { ++pos; continue; }
        if (text[pos++] !== '}') fail('expected }');
        return out;
      }
    }
    if (c === '[') {
      ++pos;
      const out = [];
      ws();
      if (text[pos] === ']') { ++pos; return out; }
      for (;;) {
        out.push(value());
        ws();
        if (text[pos] === ',') { ++pos; continue; }
        if (text[pos++] !== ']') fail('expected ]');
        return out;
      }
    }
    if (c === '"') {
      const start = pos;
      ++pos;
      while (text[pos] !== '"') {
        if (pos >= text.length) fail('unterminated string');
        pos += text[pos] === '\\' ? 2 : 1;
      }
      ++pos;
      return JSON.parse(text.slice(start, pos));
    }
    const m = /^(?:-?(?:inf|nan)|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(pos, pos + 64));
    if (!m) fail('unexpected character');
    pos += m[0].length;
    if (m[0] === 'true') return true;
    if (m[0] === 'false') return false;
    if (m[0] === 'null') return null;
    return { number: m[0] };
  };
  const out = value();
  ws();
  if (pos !== text.length) fail('trailing text');
  return out;
}

function stripNullable(type) {
  let t = type;
  for (;;) {
    const m = /^(?:Nullable|LowCardinality)\((.*)\)$/.exec(t);
    if (!m) return t;
    t = m[1];
  }
}

function larderNumber(text) {
  if (/^-?inf$/.test(text)) return text.startsWith('-') ? -Infinity : Infinity;
  if (/^-?nan$/.test(text)) return NaN;
  return Number(text);
}

// Canonical cells: null, bigint (integers), number (floats), string, or an array of cells.
function larderCell(type, value) {
  if (value === null) return null;
  const t = stripNullable(type);
  if (typeof value === 'string' && t === 'Float64') return larderNumber(value);
  if (t.startsWith('Array(')) return value.map((v) => larderCell(t.slice(6, -1), v));
  if (t === 'JSON') return canonicalJson(value);
  if (typeof value === 'boolean') return value ? 1n : 0n;
  if (typeof value === 'object' && 'number' in value) {
    if (t === 'Int64' || t === 'Interval' || /^U?Int\d+$/.test(t)) return BigInt(value.number);
    return larderNumber(value.number);
  }
  if (t === 'DateTime' || t.startsWith('DateTime')) return normalizeDateTime(value);
  return value;
}

function runLarder(options, dataDir, sql) {
  const start = performance.now();
  const run = larder(options, dataDir, ['query', '--format', 'json', '-'], sql);
  const ms = performance.now() - start;
  if (run.status !== 0 || run.error) {
    return { error: (run.stderr || run.stdout || String(run.error)).trim(), ms };
  }
  try {
    const parsed = parseLarderJson(run.stdout);
    const rows = parsed.results.map((row) => row.map((v, i) => larderCell(parsed.types[i], v)));
    return { columns: parsed.columns, types: parsed.types, rows, ms };
  } catch (e) {
    return { error: `${e.message}\n${run.stdout.slice(0, 2000)}`, ms };
  }
}

// ---- DuckDB --------------------------------------------------------------------------------

const sqlString = (text) => `'${text.replaceAll("'", "''")}'`;

async function openDuckDB(files) {
  let api;
  try {
    api = await import('@duckdb/node-api');
  } catch (e) {
    fatal(`cannot load @duckdb/node-api (npm ci in ${HERE}): ${e.message}`);
  }
  const instance = await api.DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  await connection.run("SET TimeZone = 'UTC'");
  for (const [table, spec] of Object.entries(TABLES)) {
    const columns = spec.columns.map((c) => `${c.name} ${c.duckdb}`).join(', ');
    const struct = spec.columns.map((c) => `${c.name}: '${c.duckdb}'`).join(', ');
    await connection.run(`CREATE TABLE ${table} (${columns})`);
    const reader = spec.file.endsWith('.csv')
      ? `read_csv(${sqlString(files[table])}, header = true, auto_detect = false, ` +
        `allow_quoted_nulls = false, columns = {${struct}})`
      : `read_json(${sqlString(files[table])}, format = 'newline_delimited', columns = {${struct}})`;
    await connection.run(`INSERT INTO ${table} SELECT * FROM ${reader}`);
  }
  return { instance, connection };
}

const UTF8 = new TextDecoder('utf-8');

function duckCell(type, value, raw) {
  if (value === null || value === undefined) return null;
  const t = String(type);
  if (t === 'BLOB') return UTF8.decode(raw.bytes);
  if (/^(BIGINT|INTEGER|SMALLINT|TINYINT|HUGEINT|UBIGINT|UINTEGER|USMALLINT|UTINYINT|UHUGEINT)$/.test(t)) {
    return BigInt(value);
  }
  if (t === 'DOUBLE' || t === 'FLOAT' || t.startsWith('DECIMAL')) {
    if (value === 'NaN') return NaN;
    if (value === 'Infinity') return Infinity;
    if (value === '-Infinity') return -Infinity;
    return Number(value);
  }
  if (t === 'BOOLEAN') return value ? 1n : 0n;
  if (t === 'JSON') return canonicalJson(JSON.parse(value));
  if (t.startsWith('TIMESTAMP')) return normalizeDateTime(value);
  if (t.endsWith('[]') && Array.isArray(value)) {
    return value.map((v, i) => duckCell(t.slice(0, -2), v, raw?.items?.[i]));
  }
  return typeof value === 'string' ? value : JSON.stringify(value);
}

async function runDuckDB(duck, sql) {
  const start = performance.now();
  try {
    const reader = await duck.connection.runAndReadAll(sql);
    const ms = performance.now() - start;
    const types = reader.columnTypes();
    const json = reader.getRowsJson();
    const raw = reader.getRows();
    const rows = json.map((row, r) => row.map((v, i) => duckCell(types[i], v, raw[r][i])));
    return { columns: reader.columnNames(), types: types.map(String), rows, ms };
  } catch (e) {
    return { error: e.message, ms: performance.now() - start };
  }
}

// ---- comparison ----------------------------------------------------------------------------

function normalizeDateTime(text) {
  return text.replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
}

// A JSON value as text with sorted keys; numbers as JSON writes them.
function canonicalJson(value) {
  const sort = (v) => {
    if (Array.isArray(v)) return v.map(sort);
    if (v && typeof v === 'object') {
      if ('number' in v && Object.keys(v).length === 1) return Number(v.number);
      return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sort(v[k])]));
    }
    return v;
  };
  return `json:${JSON.stringify(sort(value))}`;
}

function sameFloat(a, b) {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
  if (a === b) return true;
  if (!Number.isFinite(a) || !Number.isFinite(b)) return false;
  const diff = Math.abs(a - b);
  return diff <= 1e-9 * Math.max(Math.abs(a), Math.abs(b)) || diff <= 1e-12;
}

function sameCell(a, b) {
  if (a === null || b === null) return a === b;
  if (typeof a === 'bigint' && typeof b === 'bigint') return a === b;
  const numeric = (v) => typeof v === 'bigint' || typeof v === 'number';
  if (numeric(a) && numeric(b)) return sameFloat(Number(a), Number(b));
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((v, i) => sameCell(v, b[i]));
  }
  return a === b;
}

function cellText(v) {
  if (v === null) return 'NULL';
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') return Number.isInteger(v) && Math.abs(v) < 1e21 ? `${v}.0` : String(v);
  if (Array.isArray(v)) return `[${v.map(cellText).join(',')}]`;
  return JSON.stringify(v);
}

// A sort key that puts rows equal within the float tolerance next to each other.
function sortKey(row) {
  return row.map((v) => {
    if (v === null) return '\u0000';
    if (typeof v === 'bigint') return `n${Number(v).toPrecision(17)}|${v}`;
    if (typeof v === 'number') return Number.isFinite(v) ? `n${v.toPrecision(8)}` : `n${v}`;
    return `s${cellText(v)}`;
  }).join('\u0001');
}

function compare(query, ours, theirs) {
  if (ours.error || theirs.error) return 'error';
  if (ours.rows.length !== theirs.rows.length) {
    return `row counts differ: larder ${ours.rows.length}, duckdb ${theirs.rows.length}`;
  }
  const width = (rows) => (rows.length ? rows[0].length : 0);
  if (ours.rows.length && width(ours.rows) !== width(theirs.rows)) {
    return `column counts differ: larder ${width(ours.rows)}, duckdb ${width(theirs.rows)}`;
  }
  let a = ours.rows;
  let b = theirs.rows;
  if (!query.ordered) {
    const sorted = (rows) => rows.map((r) => [sortKey(r), r]).sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0)).map((x) => x[1]);
    a = sorted(a);
    b = sorted(b);
  }
  for (let r = 0; r < a.length; ++r) {
    for (let c = 0; c < a[r].length; ++c) {
      if (!sameCell(a[r][c], b[r][c])) {
        return `first difference at ${query.ordered ? '' : 'sorted '}row ${r + 1}, column ${c + 1}: ` +
          `larder ${cellText(a[r][c])}, duckdb ${cellText(b[r][c])}`;
      }
    }
  }
  return null;
}

function showResult(label, result, sql) {
  const lines = [`  ${label}: ${sql}`];
  if (result.error) {
    lines.push(`    error: ${result.error.split('\n').join('\n    ')}`);
    return lines;
  }
  lines.push(`    ${result.rows.length} row(s); columns ${result.columns.join(' | ')} :: ${result.types.join(', ')}`);
  for (const row of result.rows.slice(0, SHOWN_ROWS)) lines.push(`    ${row.map(cellText).join(' | ')}`);
  if (result.rows.length > SHOWN_ROWS) lines.push(`    … ${result.rows.length - SHOWN_ROWS} more`);
  return lines;
}

function documentedIds() {
  const text = fs.readFileSync(path.join(HERE, 'dialect_differences.md'), 'utf8');
  return new Set([...text.matchAll(/^### ([DG]\d+)\b/gm)].map((m) => m[1]));
}

// ---- main ----------------------------------------------------------------------------------

async function main() {
  const options = parseOptions();
  const started = performance.now();
  const documented = documentedIds();
  const queries = [...HAND_WRITTEN, ...generateQueries(options.generated, options.seed)];
  const names = new Set();
  for (const query of queries) {
    if (names.has(query.name)) fatal(`two queries are named ${query.name}`);
    names.add(query.name);
    if (query.gap && !documented.has(query.gap)) {
      fatal(`${query.name} names ${query.gap}, which dialect_differences.md does not list`);
    }
    if (query.documented && !documented.has(query.documented)) {
      fatal(`${query.name} names ${query.documented}, which dialect_differences.md does not list`);
    }
  }
  const selected = options.only ? queries.filter((q) => options.only.has(q.name)) : queries;
  if (options.only && selected.length !== options.only.size) {
    fatal(`--only names unknown queries: ${[...options.only].filter((n) => !names.has(n)).join(', ')}`);
  }

  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'larder-differential.'));
  try {
    const files = generate(path.join(scratch, 'files'));
    const dataDir = path.join(scratch, 'larder-data');
    loadLarder(options, dataDir, files);
    const duck = await openDuckDB(files);
    let passed = 0;
    let failed = 0;
    let documentedSeen = 0;
    let knownGaps = 0;
    const counts = { hand: [0, 0], generated: [0, 0] };
    let larderMs = 0;
    let duckMs = 0;
    for (const query of selected) {
      const ours = runLarder(options, dataDir, query.larder);
      const theirs = await runDuckDB(duck, query.duckdb);
      larderMs += ours.ms;
      duckMs += theirs.ms;
      const difference = compare(query, ours, theirs);
      const group = counts[query.generated ? 'generated' : 'hand'];
      if (difference === null) {
        console.log(`PASS ${query.name}`);
        passed++;
        group[0]++;
      } else if (query.gap) {
        // A listed gap: something Larder does not do yet. Shown, not counted; once it passes,
        // the first branch counts it and the tag should go.
        console.log(`KNOWN ${query.name} (gap ${query.gap} in dialect_differences.md)`);
        knownGaps++;
      } else if (query.documented && !ours.error) {
        console.log(`PASS ${query.name} (differs as documented in dialect_differences.md ${query.documented})`);
        for (const line of [...showResult('larder', ours, query.larder), ...showResult('duckdb', theirs, query.duckdb)]) {
          console.log(line);
        }
        passed++;
        documentedSeen++;
        group[0]++;
      } else {
        console.log(`FAIL ${query.name}`);
        console.log(`  ${difference === 'error' ? 'an engine failed' : difference}`);
        for (const line of [...showResult('larder', ours, query.larder), ...showResult('duckdb', theirs, query.duckdb)]) {
          console.log(line);
        }
        failed++;
        group[1]++;
      }
    }
    duck.connection.closeSync();
    duck.instance.closeSync();
    const seconds = (performance.now() - started) / 1000;
    console.log(`differential: ${selected.length} queries (hand-written ${counts.hand[0] + counts.hand[1]}: ` +
      `${counts.hand[0]} passed, ${counts.hand[1]} failed; generated ${counts.generated[0] + counts.generated[1]}: ` +
      `${counts.generated[0]} passed, ${counts.generated[1]} failed); ${documentedSeen} documented ` +
      `differences shown; ${knownGaps} known gaps; larder ${(larderMs / 1000).toFixed(1)} s, duckdb ${(duckMs / 1000).toFixed(1)} s, ` +
      `total ${seconds.toFixed(1)} s`);
    console.log(`${passed} passed, ${failed} failed`);
    return failed === 0 ? 0 : 1;
  } finally {
    if (options.keep) console.log(`kept ${scratch}`);
    else fs.rmSync(scratch, { recursive: true, force: true });
  }
}

main().then((code) => process.exit(code), (e) => fatal(e.stack));
