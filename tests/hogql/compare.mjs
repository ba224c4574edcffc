#!/usr/bin/env node
// Compares Larder's HogQL parser with PostHog's own on every input of a corpus file.
// Usage: node compare.mjs --larder <path to larder binary> [--only <corpus line>] <corpus.txt>
//
// PostHog's side is npm @posthog/hogql-parser (pinned in package.json), called as
// parseSelect(q, true) / parseExpr(q, true). Larder's side is ONE `larder parse --batch` process:
// stdin gets one JSON line per input, {"kind":"select"|"expr","query":"..."}, and stdout must
// give back exactly one JSON line per input line: the AST in PostHog's JSON shape, or an error
// object {"error":true,"type":...,"message":...,"start":{"offset":N},"end":{"offset":M}}.
//
// Both outputs are normalised before comparing: keys whose value is null are dropped (null and
// absent are the same), position objects ({line,column,offset} under "start"/"end") are dropped,
// numbers are compared by value but an integer never equals a float (1 vs 1.0: PostHog's Python
// side turns them into int and float), and integers are compared exactly (no double rounding).
// For errors only "both are errors" is compared, never the type, message or offsets.
//
// Exit status: 0 all agree, 1 some input disagrees, 2 the comparison could not run (bad
// arguments, bad corpus line, npm package not installed, larder missing or `parse --batch` not
// working). Nothing is ever skipped silently.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

const LARDER_TIMEOUT_MS = 300_000;

function fail(message) {
  process.stderr.write(`compare.mjs: ${message}\n`);
  process.exit(2);
}

const USAGE = 'usage: node compare.mjs --larder <larder binary> [--only <corpus line>] <corpus.txt>';

function parseOptions(argv) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: { larder: { type: 'string' }, only: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
    });
  } catch (e) {
    fail(`${e.message}\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  if (values.larder === undefined) fail(`--larder <path to larder binary> is required\n${USAGE}`);
  if (positionals.length !== 1) fail(`exactly one corpus file is required\n${USAGE}`);
  if (values.only !== undefined && !/^[1-9][0-9]*$/.test(values.only)) fail(`--only takes a line number, got '${values.only}'`);
  return { larder: values.larder, only: values.only ?? null, corpus: positionals[0] };
}

// ---- corpus --------------------------------------------------------------------------------

// Turns the text of a `~` line into the real input: \n \t \r \\ and nothing else.
function unescapeTildeLine(text, lineNo) {
  const map = { n: '\n', t: '\t', r: '\r', '\\': '\\' };
  return text.replace(/\\(.?)/gs, (_, c) => {
    if (!(c in map)) fail(`corpus line ${lineNo}: unknown escape '\\${c}' (a ~ line knows \\n \\t \\r \\\\ only)`);
    return map[c];
  });
}

// Returns [{lineNo, kind, query, listed, reason, text}] for every input line. Lines are split on
// LF only (so U+2028 and friends stay inside a line); trailing spaces, tabs and CRs are dropped.
function readCorpus(file) {
  let content;
  try {
    content = fs.readFileSync(file, 'utf8');
  } catch (e) {
    fail(`cannot read corpus ${file}: ${e.message}`);
  }
  const entries = [];
  content.split('\n').forEach((raw, idx) => {
    const lineNo = idx + 1;
    const line = raw.replace(/[ \t\r]+$/, '');
    if (line === '' || line.startsWith('#')) return;
    const m = /^(select|expr)([~!]*):(.*)$/s.exec(line);
    if (!m) fail(`corpus line ${lineNo}: expected 'select: ...', 'expr: ...' or a # comment, got: ${line}`);
    const [, kind, mods] = m;
    if (new Set(mods).size !== mods.length) fail(`corpus line ${lineNo}: repeated modifier in '${mods}'`);
    let rest = m[3].startsWith(' ') ? m[3].slice(1) : m[3];
    const listed = mods.includes('!');
    let reason = null;
    if (listed) {
      const at = rest.lastIndexOf('  ## ');
      if (at < 0 || rest.slice(at + 5).trim() === '') {
        fail(`corpus line ${lineNo}: a listed difference (!) must end with '  ## <reason>'`);
      }
      reason = rest.slice(at + 5).trim();
      rest = rest.slice(0, at);
    }
    const query = mods.includes('~') ? unescapeTildeLine(rest, lineNo) : rest;
    entries.push({ lineNo, kind, query, listed, reason, text: line });
  });
  return entries;
}

// ---- JSON with exact numbers ---------------------------------------------------------------

class JsonInt {
  constructor(value) { this.value = value; }  // BigInt
  toString() { return this.value.toString(); }
}
class JsonFloat {
  constructor(value) { this.value = value; }  // Number
  toString() {
    if (Object.is(this.value, -0)) return '-0.0';
    const s = String(this.value);
    return /[.eE]|Infinity|NaN/.test(s) ? s : `${s}.0`;
  }
}

// A small JSON parser that keeps integers exact (BigInt) and remembers whether a number was
// written as an integer or as a float. Throws SyntaxError on malformed input.
const NUMBER_TOKEN = /-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/y;
const STRING_TOKEN = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;

function parseJson(text) {
  let pos = 0;
  const ws = () => { while (pos < text.length && ' \t\n\r'.includes(text[pos])) pos++; };
  const fail = (what) => { throw new SyntaxError(`${what} at offset ${pos}`); };
  function value() {
    ws();
    const c = text[pos];
    if (c === '{') {
      pos++;
      const obj = {};
      ws();
      if (text[pos] === '}') { pos++; return obj; }
      for (;;) {
        ws();
        if (text[pos] !== '"') fail('expected a key');
        const key = string();
        ws();
        if (text[pos++] !== ':') fail("expected ':'");
        obj[key] = value();
        ws();
        if (text[pos] === ',') { pos++; continue; }
        if (text[pos] === '}') { pos++; return obj; }
        fail("expected ',' or '}'");
      }
    }
    if (c === '[') {
      pos++;
      const arr = [];
      ws();
      if (text[pos] === ']') { pos++; return arr; }
      for (;;) {
        arr.push(value());
        ws();
        if (text[pos] === ',') { pos++; continue; }
        if (text[pos] === ']') { pos++; return arr; }
        fail("expected ',' or ']'");
      }
    }
    if (c === '"') return string();
    for (const [word, v] of [['true', true], ['false', false], ['null', null]]) {
      if (text.startsWith(word, pos)) { pos += word.length; return v; }
    }
    NUMBER_TOKEN.lastIndex = pos;
    const m = NUMBER_TOKEN.exec(text);
    if (!m) fail('unexpected character');
    pos += m[0].length;
    return m[1] !== undefined || m[2] !== undefined ? new JsonFloat(Number(m[0])) : new JsonInt(BigInt(m[0]));
  }
  function string() {
    STRING_TOKEN.lastIndex = pos;
    const m = STRING_TOKEN.exec(text);
    if (!m) fail('bad string');
    pos += m[0].length;
    return JSON.parse(m[0]);
  }
  const result = value();
  ws();
  if (pos !== text.length) fail('trailing characters');
  return result;
}

// ---- normalisation and comparison ----------------------------------------------------------

const isPlainObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v) &&
  !(v instanceof JsonInt) && !(v instanceof JsonFloat);

// {"line":..,"column":..,"offset":..} (any non-empty subset) is a source position, not AST.
function isPosition(v) {
  if (!isPlainObject(v)) return false;
  const keys = Object.keys(v);
  return keys.length > 0 && keys.every((k) => ['line', 'column', 'offset'].includes(k) && v[k] instanceof JsonInt);
}

function normaliseAst(v) {
  if (Array.isArray(v)) return v.map(normaliseAst);
  if (!isPlainObject(v)) return v;
  const out = {};
  for (const key of Object.keys(v).sort()) {
    const x = v[key];
    if (x === null) continue;
    if ((key === 'start' || key === 'end') && isPosition(x)) continue;
    out[key] = normaliseAst(x);
  }
  return out;
}

// Returns {error:true,...} or {ast}. A PostHog error is whatever carries "error": true.
function normalise(parsed) {
  if (isPlainObject(parsed) && parsed.error === true) return { error: true, raw: parsed };
  return { error: false, ast: normaliseAst(parsed) };
}

function render(v, limit = 240) {
  const s = JSON.stringify(v, (_, x) => (x instanceof JsonInt || x instanceof JsonFloat ? `#num:${x}` : x))
    .replace(/"#num:([^"]*)"/g, '$1');
  return s.length > limit ? `${s.slice(0, limit)}…` : s;
}

function same(a, b) {
  if (a instanceof JsonInt) return b instanceof JsonInt && a.value === b.value;
  if (a instanceof JsonFloat) return b instanceof JsonFloat && Object.is(a.value, b.value);
  return a === b;
}

// First path at which two normalised ASTs differ, or null when equal.
function firstDifference(a, b, where = '$') {
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const d = firstDifference(a[i], b[i], `${where}[${i}]`);
      if (d) return d;
    }
    if (a.length !== b.length) {
      return { where, posthog: `${a.length} elements`, larder: `${b.length} elements` };
    }
    return null;
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const key of keys) {
      if (!(key in b)) return { where: `${where}.${key}`, posthog: render(a[key]), larder: '(absent)' };
      if (!(key in a)) return { where: `${where}.${key}`, posthog: '(absent)', larder: render(b[key]) };
      const d = firstDifference(a[key], b[key], `${where}.${key}`);
      if (d) return d;
    }
    return null;
  }
  if (same(a, b)) return null;
  return { where, posthog: render(a), larder: render(b) };
}

function describe(result) {
  if (result.error) {
    const r = result.raw;
    return `error ${typeof r.type === 'string' ? r.type : '?'}: ${render(r.message ?? '', 160)}`;
  }
  return render(result.ast);
}

// ---- the two parsers -----------------------------------------------------------------------

async function loadPostHog() {
  try {
    const mod = await import('@posthog/hogql-parser');
    return { mod, parser: await mod.default() };
  } catch (e) {
    fail(`cannot load @posthog/hogql-parser (${e.message}); run 'npm ci' in ${path.dirname(new URL(import.meta.url).pathname)}`);
  }
}

// PostHog's parser returns JSON strings; a few inputs make its WebAssembly trap instead (a JS
// exception). Those count as errors, and the module is instantiated afresh afterwards.
async function runPostHog(entries) {
  let { mod, parser } = await loadPostHog();
  const results = [];
  for (const entry of entries) {
    let text;
    try {
      text = entry.kind === 'select' ? parser.parseSelect(entry.query, true) : parser.parseExpr(entry.query, true);
    } catch (e) {
      results.push({ error: true, raw: { error: true, type: 'Crash', message: String(e) } });
      parser = await mod.default();
      continue;
    }
    results.push(normalise(parseJson(text)));
  }
  return results;
}

function runLarder(larder, entries) {
  let stat;
  try {
    stat = fs.statSync(larder);
  } catch {
    fail(`larder binary not found at ${larder}; build it first (scripts/build)`);
  }
  if (!stat.isFile()) fail(`${larder} is not a file`);
  try {
    fs.accessSync(larder, fs.constants.X_OK);
  } catch {
    fail(`${larder} is not executable`);
  }
  const input = entries.map((e) => JSON.stringify({ kind: e.kind, query: e.query }) + '\n').join('');
  const run = spawnSync(larder, ['parse', '--batch'], {
    input,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    timeout: LARDER_TIMEOUT_MS,
  });
  const stderr = (run.stderr || '').trim().split('\n').slice(-15).join('\n');
  if (run.error) fail(`running '${larder} parse --batch' failed: ${run.error.message}\n${stderr}`);
  const lines = run.stdout.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  if (run.status !== 0 || run.signal) {
    const how = run.signal ? `was killed by ${run.signal}` : `exited with status ${run.status}`;
    let blame = '';
    if (lines.length < entries.length) {
      const e = entries[lines.length];
      blame = `\nit answered ${lines.length} of ${entries.length} inputs; the next one is corpus line ${e.lineNo}: ${e.text}`;
    }
    const hint = lines.length === 0 && !run.signal ? " (is 'parse --batch' implemented?)" : '';
    fail(`'${larder} parse --batch' ${how}${hint}${blame}\nstderr:\n${stderr}`);
  }
  if (lines.length !== entries.length) {
    fail(`'${larder} parse --batch' wrote ${lines.length} lines for ${entries.length} inputs (it must write exactly one line per input)\nstderr:\n${stderr}`);
  }
  return lines.map((line) => {
    try {
      return normalise(parseJson(line));
    } catch (e) {
      return { invalid: `Larder wrote a line that is not JSON (${e.message}): ${line.slice(0, 200)}` };
    }
  });
}

// ---- main ----------------------------------------------------------------------------------

async function main() {
  const args = parseOptions(process.argv.slice(2));
  let entries = readCorpus(args.corpus);
  if (args.only !== null) {
    entries = entries.filter((e) => e.lineNo === Number(args.only));
    if (entries.length === 0) fail(`corpus line ${args.only} is not an input line`);
  }
  if (entries.length === 0) fail('the corpus has no inputs');

  const posthog = await runPostHog(entries);
  const larder = runLarder(args.larder, entries);

  let valid = 0;
  let invalid = 0;
  let agree = 0;
  let listed = 0;
  let disagree = 0;
  const listedReport = [];
  entries.forEach((entry, i) => {
    const ph = posthog[i];
    const ld = larder[i];
    if (ph.error) invalid++; else valid++;
    if (entry.listed) {
      listed++;
      listedReport.push(`line ${entry.lineNo}: ${entry.text}\n  PostHog: ${describe(ph)}\n  Larder:  ${ld.invalid ?? describe(ld)}`);
      return;
    }
    let problem = null;
    if (ld.invalid) {
      problem = `  ${ld.invalid}`;
    } else if (ph.error !== ld.error) {
      problem = `  PostHog: ${describe(ph)}\n  Larder:  ${describe(ld)}`;
    } else if (!ph.error) {
      const d = firstDifference(ph.ast, ld.ast);
      if (d) problem = `  at ${d.where}: PostHog ${d.posthog}  Larder ${d.larder}`;
    }
    if (problem === null) {
      agree++;
      if (args.only !== null) {
        process.stdout.write(`line ${entry.lineNo}: ${entry.text}\n  both: ${describe(ph)}\n`);
      }
      return;
    }
    disagree++;
    process.stdout.write(`MISMATCH line ${entry.lineNo}: ${entry.text}\n${problem}\n`);
  });

  if (listedReport.length > 0) {
    process.stdout.write(`listed differences (not compared; see the ## reason on each line):\n${listedReport.join('\n')}\n`);
  }
  const n = entries.length;
  process.stdout.write(`corpus: ${n} inputs (${valid} valid, ${invalid} invalid), agree ${agree}/${n - listed}, listed differences ${listed}\n`);
  process.exit(disagree === 0 ? 0 : 1);
}

await main();
