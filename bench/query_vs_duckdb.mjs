#!/usr/bin/env node
// Larder vs DuckDB on product-analytics queries: generates events and customers
// (bench/query_data.mjs), loads the same files into both engines, runs the queries of
// bench/queries.mjs in each (Larder through bench/query_bench.cpp, DuckDB through its Node
// client), checks that both returned the same rows, and prints Larder time / DuckDB time per
// query, their geometric mean and each engine's peak memory against the targets.
// Run by hand (bench/run-queries); not a CI test. Both engines are measured warm, in one run, on
// the same machine, with every core.
//
// Each engine's queries run in a fresh process of its own (`larder_bench_queries --serve`; this
// script started again with --duckdb-worker), so its peak RSS covers opening the stored tables
// and running the queries, not generating or loading the data. The driver asks both for one
// run at a time and interleaves them (a warm-up of each, then Larder, DuckDB, DuckDB, Larder,
// …), so that other load on the machine falls on both engines alike; the best run is kept.
// Flags: see USAGE below (or --help).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import readline from 'node:readline';
import { parseArgs } from 'node:util';

import { generate } from './query_data.mjs';
import { QUERIES, oneLine } from './queries.mjs';

const USAGE = `usage: node query_vs_duckdb.mjs [--larder PATH] [--bench PATH] [--events N]
                                [--data-dir DIR] [--dir DIR] [--repeats N] [--only NAME]
                                [--out FILE] [--keep]
  --larder    the larder binary, for \`larder import\` (default /work/main/build/larder)
  --bench     larder_bench_queries (default /work/main/build/larder_bench_queries)
  --events    events to generate (default BENCH_EVENTS, else 10000000)
  --data-dir  where the generated files are kept between runs
              (default /tmp/larder-bench-queries-data/<events>)
  --dir       scratch folder for the loaded tables (default: a new one under the temp dir,
              removed at the end)
  --repeats   timed runs of each query after one warm-up; the best is kept (default 5)
  --only      run only the named query (comma-separated names)
  --out       also write every figure as JSON to this file
  --keep      keep the scratch folder made when --dir is not given`;

const TARGETS = { geomean: 1.0, worst: 2.0, memory: 1.0 };
const GENERATOR_VERSION = 1;  // Bump when query_data.mjs writes different bytes.
const MAX_CHECKED_ROWS = 200;

function fail(message) {
  throw new Error(message);
}

function parseOptions() {
  const { values } = parseArgs({
    options: {
      larder: { type: 'string', default: '/work/main/build/larder' },
      bench: { type: 'string', default: '/work/main/build/larder_bench_queries' },
      events: { type: 'string', default: process.env.BENCH_EVENTS ?? '10000000' },
      'data-dir': { type: 'string' },
      dir: { type: 'string' },
      repeats: { type: 'string', default: '5' },
      only: { type: 'string' },
      out: { type: 'string' },
      keep: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const events = Number(values.events);
  const repeats = Number(values.repeats);
  if (!Number.isSafeInteger(events) || events <= 0) fail('--events wants a positive integer');
  if (!Number.isSafeInteger(repeats) || repeats <= 0) fail('--repeats wants a positive integer');
  for (const binary of [values.larder, values.bench]) {
    if (!fs.existsSync(binary)) {
      fail(`no binary at ${binary}; build it with scripts/build larder larder_bench_queries`);
    }
  }
  let queries = QUERIES;
  if (values.only) {
    const names = new Set(values.only.split(','));
    queries = QUERIES.filter((query) => names.has(query.name));
    if (queries.length !== names.size) fail(`--only names an unknown query: ${values.only}`);
  }
  const dataDir = values['data-dir'] ??
    path.join(os.tmpdir(), 'larder-bench-queries-data', String(events));
  return { ...values, events, repeats, dataDir, queries };
}

function sqlString(text) {
  return `'${text.replaceAll("'", "''")}'`;
}

function nowSeconds() {
  return Number(process.hrtime.bigint()) / 1e9;
}

// The process's peak and current resident set, from /proc/self/status, in bytes.
function residentBytes() {
  const status = fs.readFileSync('/proc/self/status', 'utf8');
  const field = (name) => Number(status.match(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm'))[1]) * 1024;
  return { peak: field('VmHWM'), current: field('VmRSS') };
}

// The generated files, made when missing or written by another size or generator version.
function ensureData(options) {
  const marker = path.join(options.dataDir, 'generated.json');
  const want = { events: options.events, version: GENERATOR_VERSION };
  const files = {
    events: path.join(options.dataDir, 'events.jsonl'),
    customers: path.join(options.dataDir, 'customers.csv'),
  };
  if (fs.existsSync(marker) && JSON.stringify(JSON.parse(fs.readFileSync(marker, 'utf8'))) ===
      JSON.stringify(want)) {
    console.log(`data: reusing ${options.dataDir}`);
  } else {
    console.log(`data: generating ${options.events} events into ${options.dataDir}`);
    const start = nowSeconds();
    fs.rmSync(marker, { force: true });
    generate(options.dataDir, options.events, (line) => console.log(line));
    fs.writeFileSync(marker, JSON.stringify(want) + '\n');
    console.log(`data: generated in ${(nowSeconds() - start).toFixed(1)} s`);
  }
  const mb = (file) => (fs.statSync(file).size / 1e6).toFixed(0);
  console.log(`data: events.jsonl ${mb(files.events)} MB, customers.csv ${mb(files.customers)} MB`);
  return files;
}

// Runs a command, failing on a non-zero exit; returns its stdout, wall time and peak RSS
// (measured by GNU time when it is installed).
function run(command, args, { capture = false } = {}) {
  console.log(`$ ${command} ${args.join(' ')}`);
  const timeFile = path.join(os.tmpdir(), `larder-bench-time-${process.pid}`);
  const useTime = fs.existsSync('/usr/bin/time');
  const [program, programArgs] = useTime
    ? ['/usr/bin/time', ['-f', '%M', '-o', timeFile, command, ...args]]
    : [command, args];
  const start = nowSeconds();
  const child = spawnSync(program, programArgs, {
    stdio: ['ignore', capture ? 'pipe' : 'inherit', 'inherit'],
    maxBuffer: 1 << 30,
    encoding: 'utf8',
  });
  const seconds = nowSeconds() - start;
  if (child.error) fail(`could not run ${command}: ${child.error.message}`);
  if (child.status !== 0) fail(`${command} exited with status ${child.status}`);
  let peakBytes = null;
  if (useTime) {
    peakBytes = Number(fs.readFileSync(timeFile, 'utf8').trim().split('\n').pop()) * 1024;
    fs.rmSync(timeFile, { force: true });
  }
  return { stdout: child.stdout, seconds, peakBytes };
}

function loadLarder(options, files, scratch) {
  const dataDir = path.join(scratch, 'larder');
  const events = run(options.larder, ['--data', dataDir, 'import', 'events', files.events,
    '--column', 'uuid:UUID']);
  const customers = run(options.larder, ['--data', dataDir, 'import', 'customers',
    files.customers]);
  const describe = run(options.larder, ['--data', dataDir, 'tables'], { capture: true });
  console.log(describe.stdout.trimEnd());
  return {
    dataDir,
    events_seconds: events.seconds,
    events_peak_bytes: events.peakBytes,
    customers_seconds: customers.seconds,
    customers_peak_bytes: customers.peakBytes,
    size_bytes: directoryBytes(dataDir),
  };
}

function directoryBytes(dir) {
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += fs.statSync(path.join(entry.path, entry.name)).size;
  }
  return total;
}

// Runs this script again as a DuckDB worker; returns the JSON it prints.
function duckdbWorker(options, args) {
  const script = fileURLToPath(import.meta.url);
  const result = run(process.execPath, [script, '--duckdb-worker', ...args], { capture: true });
  return { ...JSON.parse(result.stdout), seconds: result.seconds, peakBytes: result.peakBytes };
}

function loadDuckDB(options, files, scratch) {
  const file = path.join(scratch, 'events.duckdb');
  const loaded = duckdbWorker(options, ['load', file, files.events, files.customers]);
  console.log(`duckdb: version ${loaded.version}, ${loaded.threads} threads; events ` +
    `${loaded.events_seconds.toFixed(1)} s, customers ${loaded.customers_seconds.toFixed(1)} s`);
  return { file, ...loaded, size_bytes: fs.statSync(file).size };
}

// A long-lived worker process that answers one JSON line per command line.
class Worker {
  constructor(name, command, args) {
    console.log(`$ ${command} ${args.join(' ')}`);
    this.name = name;
    this.child = spawn(command, args, { stdio: ['pipe', 'pipe', 'inherit'] });
    this.pending = [];
    this.exit = new Promise((resolve) => this.child.on('exit', (code) => {
      for (const { reject } of this.pending) reject(new Error(`${name} exited with ${code}`));
      this.pending = [];
      resolve(code);
    }));
    readline.createInterface({ input: this.child.stdout }).on('line', (line) => {
      const waiter = this.pending.shift();
      if (waiter) waiter.resolve(JSON.parse(line));
    });
  }

  request(line) {
    return new Promise((resolve, reject) => {
      this.pending.push({ resolve, reject });
      this.child.stdin.write(`${line}\n`);
    });
  }

  async close() {
    this.child.stdin.end();
    const code = await this.exit;
    if (code !== 0) fail(`${this.name} exited with status ${code}`);
  }
}

// Runs every query in both engines, interleaved: a checked warm-up of each, then `repeats`
// timed runs of each, alternating which engine goes first.
async function runQueries(options, larder, duck) {
  const script = fileURLToPath(import.meta.url);
  const engines = {
    larder: new Worker('larder_bench_queries', options.bench,
      ['--data', larder.dataDir, '--serve', '--max-rows', String(MAX_CHECKED_ROWS)]),
    duckdb: new Worker('duckdb worker', process.execPath,
      [script, '--duckdb-worker', 'serve', duck.file]),
  };
  const figures = { larder: { queries: {} }, duckdb: { queries: {} } };
  for (const query of options.queries) {
    console.log(`query ${query.name}`);
    const texts = { larder: oneLine(query.larder), duckdb: oneLine(query.duckdb) };
    for (const engine of ['larder', 'duckdb']) {
      const result = await engines[engine].request(`check\t${query.name}\t${texts[engine]}`);
      result.warm_up_ms = result.ms;
      result.runs_ms = [];
      figures[engine].queries[query.name] = result;
    }
    for (let run = 0; run < options.repeats; ++run) {
      for (const engine of run % 2 ? ['duckdb', 'larder'] : ['larder', 'duckdb']) {
        const result = figures[engine].queries[query.name];
        if (result.error) continue;
        const timed = await engines[engine].request(`run\t${query.name}\t${texts[engine]}`);
        if (timed.error) fail(`${engine}: ${query.name} failed after its warm-up: ${timed.error}`);
        result.runs_ms.push(timed.ms);
        result.ms = Math.min(...result.runs_ms);
        result.max_rss_bytes = timed.max_rss_bytes;
        if (timed.peak_operator_bytes !== undefined) {
          result.peak_operator_bytes = Math.max(result.peak_operator_bytes,
            timed.peak_operator_bytes);
        }
      }
    }
  }
  for (const engine of ['larder', 'duckdb']) {
    figures[engine].summary = await engines[engine].request('summary');
    await engines[engine].close();
  }
  return figures;
}

// A value as both engines' results are compared: numbers as numbers; dates and times as
// "YYYY-MM-DD[ HH:MM:SS.ffffff]"; other text as is.
function normalize(value) {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'bigint') return Number(value);
  const text = String(value);
  if (/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(text)) return Number(text);
  const time = text.match(/^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(?:\.(\d{1,6}))?Z?$/);
  if (time) return `${time[1]} ${time[2]}.${(time[3] ?? '').padEnd(6, '0')}`;
  return text;
}

// Compares the rows both engines returned: the count, then up to MAX_CHECKED_ROWS rows value by
// value. Returns 'ok' or what differs first.
function compareResults(query, ours, theirs) {
  if (ours.rows !== theirs.rows) return `rows differ: larder ${ours.rows}, duckdb ${theirs.rows}`;
  const checked = Math.min(ours.values.length, theirs.values.length);
  for (let row = 0; row < checked; ++row) {
    for (let column = 0; column < theirs.columns.length; ++column) {
      const a = normalize(ours.values[row][column]);
      const b = normalize(theirs.values[row][column]);
      const name = theirs.columns[column];
      if (typeof a === 'number' && typeof b === 'number') {
        const tolerance = query.approx?.[name] ?? 1e-6;
        const scale = Math.max(Math.abs(a), Math.abs(b), 1e-12);
        if (Math.abs(a - b) / scale <= tolerance || (Number.isNaN(a) && Number.isNaN(b))) continue;
      } else if (a === b) {
        continue;
      }
      return `row ${row + 1} ${name}: larder ${JSON.stringify(ours.values[row][column])}, ` +
        `duckdb ${JSON.stringify(theirs.values[row][column])}`;
    }
  }
  return 'ok';
}

function geometricMean(values) {
  return Math.exp(values.reduce((sum, v) => sum + Math.log(v), 0) / values.length);
}

function formatTable(header, rows, leftColumns = 1) {
  const widths = header.map((_, i) => Math.max(...[header, ...rows].map((row) => row[i].length)));
  const format = (row) => row.map((cell, i) => (i < leftColumns ? cell.padEnd(widths[i])
    : cell.padStart(widths[i]))).join('  ').trimEnd();
  return [format(header), ...rows.map(format)].join('\n');
}

function report(options, larder, duck, larderRuns, duckRuns) {
  const mib = (bytes) => (bytes === null || bytes === undefined ? '-'
    : `${(bytes / 2 ** 20).toFixed(0)} MiB`);
  const results = [];
  for (const query of options.queries) {
    const ours = larderRuns.queries[query.name];
    const theirs = duckRuns.queries[query.name];
    const ok = ours && !ours.error && theirs && !theirs.error;
    results.push({
      name: query.name,
      larder_ms: ours?.ms ?? null,
      duckdb_ms: theirs?.ms ?? null,
      ratio: ok ? ours.ms / theirs.ms : null,
      larder_rows: ours?.rows ?? null,
      duckdb_rows: theirs?.rows ?? null,
      check: ok ? compareResults(query, ours, theirs)
        : `failed: ${ours?.error ? `larder: ${ours.error}` : ''}` +
          `${theirs?.error ? ` duckdb: ${theirs.error}` : ''}`.trim(),
      larder_peak_operator_bytes: ours?.peak_operator_bytes ?? null,
      larder_rss_after_bytes: ours?.max_rss_bytes ?? null,
      duckdb_rss_after_bytes: theirs?.max_rss_bytes ?? null,
    });
  }
  const rows = results.map((r) => [
    r.name,
    r.larder_ms === null ? 'error' : r.larder_ms.toFixed(1),
    r.duckdb_ms === null ? 'error' : r.duckdb_ms.toFixed(1),
    r.ratio === null ? '-' : r.ratio.toFixed(2),
    `${r.larder_rows ?? '-'}/${r.duckdb_rows ?? '-'}`,
    mib(r.larder_peak_operator_bytes),
    r.check === 'ok' ? 'ok' : r.check.startsWith('failed') ? 'FAILED' : 'MISMATCH',
  ]);
  console.log('');
  console.log(formatTable(['query', 'larder ms', 'duckdb ms', 'larder/duckdb', 'rows L/D',
    'larder op mem', 'check'], rows));

  const ratios = results.filter((r) => r.ratio !== null).map((r) => r.ratio);
  const geomean = ratios.length ? geometricMean(ratios) : null;
  const worst = ratios.length ? Math.max(...ratios) : null;
  const memory = larderRuns.summary.peak_rss_bytes / duckRuns.summary.peak_rss_bytes;
  const verdict = (value, target) => (value !== null && value <= target ? 'PASS' : 'MISS');
  console.log('');
  console.log(formatTable(['', 'value', 'target', ''], [
    [`geometric mean of larder/duckdb (${ratios.length} of ${results.length} queries)`,
      geomean === null ? '-' : geomean.toFixed(2), `<= ${TARGETS.geomean.toFixed(1)}`,
      verdict(geomean, TARGETS.geomean)],
    ['worst larder/duckdb', worst === null ? '-' : worst.toFixed(2),
      `<= ${TARGETS.worst.toFixed(1)}`, verdict(worst, TARGETS.worst)],
    [`peak RSS larder ${mib(larderRuns.summary.peak_rss_bytes)} / duckdb ` +
      `${mib(duckRuns.summary.peak_rss_bytes)}`, memory.toFixed(2), `<= ${TARGETS.memory.toFixed(1)}`,
    verdict(memory, TARGETS.memory)],
  ]));
  const problems = results.filter((r) => r.check !== 'ok');
  if (problems.length) {
    console.log('\nfailures and mismatches:');
    for (const r of problems) console.log(`  ${r.name}: ${r.check}`);
  }
  console.log('');
  const net = (summary) => summary.peak_rss_bytes - summary.baseline_rss_bytes;
  const [ours, theirs] = [larderRuns.summary, duckRuns.summary];
  console.log(`peak RSS before opening the tables: larder ${mib(ours.baseline_rss_bytes)}, ` +
    `duckdb ${mib(theirs.baseline_rss_bytes)} (node alone); growth from there: larder ` +
    `${mib(net(ours))}, duckdb ${mib(net(theirs))} (ratio ${(net(ours) / net(theirs)).toFixed(2)})`);
  console.log(`opening the tables: larder ${ours.open_ms.toFixed(1)} ms, duckdb ` +
    `${theirs.open_ms.toFixed(1)} ms`);
  console.log(`load: larder events ${larder.events_seconds.toFixed(1)} s (peak RSS ` +
    `${mib(larder.events_peak_bytes)}), customers ${larder.customers_seconds.toFixed(1)} s; ` +
    `duckdb events ${duck.events_seconds.toFixed(1)} s, customers ` +
    `${duck.customers_seconds.toFixed(1)} s (worker peak RSS ${mib(duck.peakBytes)})`);
  console.log(`stored size: larder ${mib(larder.size_bytes)}, duckdb ${mib(duck.size_bytes)}`);
  console.log('peak RSS after each query (the query that raised it is where memory went): ' +
    results.map((r) => `${r.name} ${mib(r.larder_rss_after_bytes)}/` +
      `${mib(r.duckdb_rss_after_bytes)}`).join(', '));
  return { results, geomean, worst, memory_ratio: memory };
}

// ---- The DuckDB worker: a fresh process per phase, so its peak RSS is that phase's. ----

async function openDuckDB(file, readOnly) {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(file, readOnly ? { access_mode: 'READ_ONLY' } : {});
  const connection = await instance.connect();
  const query = async (sql) => (await connection.runAndReadAll(sql)).getRowsJson();
  const [[version]] = await query('SELECT version()');
  const [[threads]] = await query("SELECT current_setting('threads')");
  return { instance, connection, query, version, threads: Number(threads) };
}

async function workerLoad([file, eventsPath, customersPath]) {
  fs.rmSync(file, { force: true });
  fs.rmSync(`${file}.wal`, { force: true });
  const db = await openDuckDB(file, false);
  let start = nowSeconds();
  await db.connection.run(`CREATE TABLE events AS SELECT * FROM read_json(${sqlString(eventsPath)},
    format = 'newline_delimited', columns = {uuid: 'UUID', event: 'VARCHAR',
    distinct_id: 'VARCHAR', timestamp: 'TIMESTAMP', properties: 'JSON'})`);
  await db.connection.run('CHECKPOINT');
  const eventsSeconds = nowSeconds() - start;
  start = nowSeconds();
  await db.connection.run(`CREATE TABLE customers AS SELECT * FROM read_csv(
    ${sqlString(customersPath)}, header = true, auto_detect = false,
    columns = {distinct_id: 'VARCHAR', plan: 'VARCHAR', revenue: 'DOUBLE',
               signup_date: 'DATE', country: 'VARCHAR'})`);
  await db.connection.run('CHECKPOINT');
  const customersSeconds = nowSeconds() - start;
  const [[rows]] = await db.query('SELECT count(*) FROM events');
  db.connection.closeSync();
  db.instance.closeSync();
  return { version: db.version, threads: db.threads, events_rows: Number(rows),
    events_seconds: eventsSeconds, customers_seconds: customersSeconds };
}

// Answers the driver's commands on stdin like `larder_bench_queries --serve`.
async function workerServe([file]) {
  const baseline = residentBytes().peak;  // Node alone: DuckDB is not loaded yet.
  let start = nowSeconds();
  const db = await openDuckDB(file, true);
  const openMs = (nowSeconds() - start) * 1e3;
  const reply = (object) => process.stdout.write(JSON.stringify(object) + '\n');
  for await (const line of readline.createInterface({ input: process.stdin })) {
    if (line === 'summary') {
      reply({ summary: true, version: db.version, threads: db.threads, open_ms: openMs,
        baseline_rss_bytes: baseline, peak_rss_bytes: residentBytes().peak });
      continue;
    }
    const [command, name, sql] = line.split('\t');
    try {
      start = nowSeconds();
      const reader = await db.connection.runAndReadAll(sql);
      const ms = (nowSeconds() - start) * 1e3;
      const result = { name, ms, rows: reader.currentRowCount, error: null };
      if (command === 'check') {
        result.columns = reader.columnNames();
        result.values = reader.getRowsJson().slice(0, MAX_CHECKED_ROWS);
      }
      reply({ ...result, max_rss_bytes: residentBytes().peak });
    } catch (error) {
      reply({ name, ms: null, error: error.message, max_rss_bytes: residentBytes().peak });
    }
  }
  db.connection.closeSync();
  db.instance.closeSync();
}

async function worker(args) {
  const [mode, ...rest] = args;
  if (mode === 'load') process.stdout.write(JSON.stringify(await workerLoad(rest)) + '\n');
  else await workerServe(rest);
}

async function main() {
  const options = parseOptions();
  const ownScratch = options.dir === undefined;
  const scratch = ownScratch ? fs.mkdtempSync(path.join(os.tmpdir(), 'larder-bench-queries-'))
    : options.dir;
  fs.mkdirSync(scratch, { recursive: true });
  try {
    console.log(`machine: ${os.cpus().length} cores (${os.cpus()[0].model}), ` +
      `${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, node ${process.version}; ` +
      'caches warm for both engines');
    const files = ensureData(options);
    const larder = loadLarder(options, files, scratch);
    const duck = loadDuckDB(options, files, scratch);
    if (duck.events_rows !== options.events) {
      fail(`DuckDB loaded ${duck.events_rows} events, not ${options.events}`);
    }
    const { larder: larderRuns, duckdb: duckRuns } = await runQueries(options, larder, duck);
    const summary = report(options, larder, duck, larderRuns, duckRuns);
    if (options.out) {
      fs.mkdirSync(path.dirname(options.out), { recursive: true });
      const figures = { events: options.events, repeats: options.repeats, targets: TARGETS,
        ...summary, load: { larder, duckdb: duck }, larder: larderRuns, duckdb: duckRuns };
      fs.writeFileSync(options.out, JSON.stringify(figures, null, 2) + '\n');
      console.log(`\nfigures written to ${options.out}`);
    }
  } finally {
    if (ownScratch && !options.keep) fs.rmSync(scratch, { recursive: true, force: true });
  }
}

try {
  if (process.argv[2] === '--duckdb-worker') await worker(process.argv.slice(3));
  else await main();
} catch (error) {
  console.error(`query_vs_duckdb: ${error.message}`);
  process.exitCode = 1;
}
