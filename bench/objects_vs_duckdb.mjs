#!/usr/bin/env node
// Larder vs DuckDB loading files into a table: generates an events-shaped table with DuckDB,
// writes it once as `events.parquet` and `events.csv`, then times `larder import` of each file
// against DuckDB's `CREATE TABLE … AS SELECT * FROM read_parquet(…)` / `read_csv(…)` into a
// database file, checks that both engines loaded the same rows, and prints Larder time / DuckDB
// time per format against the target (≤ 1.0) with each side's peak memory.
// Run by hand (bench/run-objects); not a CI test. Both engines are measured warm (the files are
// in the page cache for both), one after the other, on the same machine, with every core.
//
// Every timed run starts from nothing in a fresh scratch folder: Larder's whole process
// (`larder --data DIR import events FILE`: start, catalog, read, convert, write and fsync the
// parts, commit) against a fresh Node process with DuckDB (this script with --duckdb-worker) that
// times ATTACH of a new database file, CREATE TABLE AS and CHECKPOINT. Flags: see USAGE below.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
// The query benchmark's users, time span and event names: the same shape of events.
import { DAYS, END_MICROS, EVENT_NAMES, USERS } from './query_data.mjs';

const USAGE = `usage: node objects_vs_duckdb.mjs [--larder PATH] [--rows N] [--data-dir DIR]
                                  [--row-group-size N] [--formats LIST] [--repeats N]
                                  [--out FILE] [--keep] [--queries-only | --no-queries]
  --larder          the larder binary (default /work/main/build/larder)
  --rows            rows to generate (default BENCH_ROWS, else 10000000)
  --data-dir        where the generated files are kept between runs (default
                    /tmp/larder-bench-objects-data/<rows>, or <rows>-rg<N> for another
                    --row-group-size)
  --row-group-size  rows per Parquet row group (default 1048576)
  --formats         which files to load: parquet, csv or both (default parquet,csv)
  --repeats         timed loads of each file by each engine; the best is kept (default 3)
  --out             also write every figure as JSON to this file
  --keep            keep the scratch folder (the last run's tables)
  --queries-only    skip the loads; only time queries over the Parquet file in place
                    (larder link vs DuckDB's read_parquet)
  --no-queries      only the loads`;

const TARGET = 1.0;  // Larder seconds / DuckDB seconds, per format.
const GENERATOR_VERSION = 1;  // Bump when the generator writes different rows.
const DEFAULT_ROW_GROUP_SIZE = 1048576;

function fail(message) {
  throw new Error(message);
}

function parseOptions() {
  const { values } = parseArgs({
    options: {
      larder: { type: 'string', default: '/work/main/build/larder' },
      rows: { type: 'string', default: process.env.BENCH_ROWS ?? '10000000' },
      'data-dir': { type: 'string' },
      'row-group-size': { type: 'string', default: String(DEFAULT_ROW_GROUP_SIZE) },
      formats: { type: 'string', default: 'parquet,csv' },
      repeats: { type: 'string', default: '3' },
      out: { type: 'string' },
      keep: { type: 'boolean', default: false },
      'queries-only': { type: 'boolean', default: false },
      'no-queries': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const rows = Number(values.rows);
  const repeats = Number(values.repeats);
  const rowGroupSize = Number(values['row-group-size']);
  if (!Number.isSafeInteger(rows) || rows <= 0) fail('--rows wants a positive integer');
  if (!Number.isSafeInteger(repeats) || repeats <= 0) fail('--repeats wants a positive integer');
  if (!Number.isSafeInteger(rowGroupSize) || rowGroupSize <= 0) {
    fail('--row-group-size wants a positive integer');
  }
  const formats = values.formats.split(',');
  for (const format of formats) {
    if (format !== 'parquet' && format !== 'csv') fail(`--formats: unknown format ${format}`);
  }
  if (!fs.existsSync(values.larder)) {
    fail(`no binary at ${values.larder}; build it with scripts/build larder`);
  }
  const suffix = rowGroupSize === DEFAULT_ROW_GROUP_SIZE ? '' : `-rg${rowGroupSize}`;
  const dataDir = values['data-dir'] ??
    path.join(os.tmpdir(), 'larder-bench-objects-data', `${rows}${suffix}`);
  return { ...values, rows, repeats, rowGroupSize, formats, dataDir,
    queriesOnly: values['queries-only'], skipInPlace: values['no-queries'] };
}

function sqlString(text) {
  return `'${text.replaceAll("'", "''")}'`;
}

function nowSeconds() {
  return Number(process.hrtime.bigint()) / 1e9;
}

function mib(bytes) {
  return bytes == null ? 'n/a' : `${(bytes / 2 ** 20).toFixed(0)} MiB`;
}

function directoryBytes(dir) {
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += fs.statSync(path.join(entry.path, entry.name)).size;
  }
  return total;
}

// An in-memory DuckDB with its default settings (threads: one per core).
async function openDuckDB() {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const query = async (sql) => (await connection.runAndReadAll(sql)).getRowsJson();
  const [[version]] = await query('SELECT version()');
  const [[threads]] = await query("SELECT current_setting('threads')");
  const close = () => {
    connection.closeSync();
    instance.closeSync();
  };
  return { connection, query, close, version, threads: Number(threads) };
}

// ---- The data ----

// A SQL list literal in which each value appears in proportion to its weight (out of `slots`),
// so that `list[(1 + h % len(list))::BIGINT]` picks values with those weights.
function weightedList(pairs, slots = 1000) {
  const total = pairs.reduce((sum, [, weight]) => sum + weight, 0);
  const items = [];
  for (const [value, weight] of pairs) {
    const count = Math.max(1, Math.round((weight / total) * slots));
    for (let i = 0; i < count; ++i) items.push(sqlString(value));
  }
  return `[${items.join(', ')}]`;
}

function plainList(values) {
  return `[${values.map(sqlString).join(', ')}]`;
}

const DOCS = ['getting-started', 'sdks/js', 'sdks/python', 'sdks/ios', 'api/events', 'api/query',
  'hogql', 'hogql/functions', 'data-warehouse', 'feature-flags', 'experiments', 'self-host'];
const BLOG = ['how-we-built-larder', 'columnar-storage', 'product-analytics-101', 'funnels',
  'retention-curves', 'why-hogql', 'zone-maps', 'sql-for-pms', 'release-notes-0-1'];
const UTM = ['google', 'newsletter', 'twitter', 'hn', 'linkedin'];

// `hash(i, salt)` as a uniform double in [0, 1).
function uniform(salt) {
  return `((hash(i, ${salt}) % 1000000000)::DOUBLE / 1e9)`;
}

// 32 lower-case hex digits from two hashes of `key`.
function hexDigits(key, salt) {
  return `(lpad(lower(hex(hash(${key}, ${salt}))), 16, '0') || ` +
    `lpad(lower(hex(hash(${key}, ${salt + 1}))), 16, '0'))`;
}

// One row per user: a UUID-shaped id and the attributes fixed per user (device, OS, browser,
// screen width, SDK).
function usersSql() {
  const device = weightedList([['Desktop', 62], ['Mobile', 33], ['Tablet', 5]]);
  const desktopOs = weightedList([['Windows', 50], ['Mac OS X', 40], ['Linux', 10]]);
  const mobileOs = weightedList([['iOS', 55], ['Android', 45]]);
  const desktopBrowser = weightedList([['Chrome', 62], ['Safari', 14], ['Firefox', 11],
    ['Edge', 10], ['Opera', 3]]);
  const mobileBrowser = weightedList([['Chrome', 45], ['Mobile Safari', 45],
    ['Samsung Internet', 7], ['Firefox', 3]]);
  return `CREATE TEMP TABLE users AS
    WITH base AS (
      SELECT k, ${hexDigits('k', 100)} AS h,
        ${device}[(1 + hash(k, 102) % len(${device}))::BIGINT] AS device,
        hash(k, 103) AS h3, hash(k, 104) AS h4, hash(k, 105) AS h5
      FROM range(${USERS}) t(k)),
    picked AS (
      SELECT *,
        CASE WHEN device = 'Desktop'
          THEN ${desktopOs}[(1 + h3 % len(${desktopOs}))::BIGINT]
          ELSE ${mobileOs}[(1 + h3 % len(${mobileOs}))::BIGINT] END AS os,
        CASE WHEN device = 'Desktop'
          THEN ${desktopBrowser}[(1 + h4 % len(${desktopBrowser}))::BIGINT]
          ELSE ${mobileBrowser}[(1 + h4 % len(${mobileBrowser}))::BIGINT] END AS browser0
      FROM base)
    SELECT k,
      substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 13, 3) || '-' ||
        ['8', '9', 'a', 'b'][(1 + h5 % 4)::BIGINT] || substr(h, 16, 3) || '-' ||
        substr(h, 19, 12) AS distinct_id,
      device, os,
      CASE WHEN browser0 = 'Safari' AND os <> 'Mac OS X' THEN 'Chrome'
           WHEN browser0 = 'Mobile Safari' AND os <> 'iOS' THEN 'Chrome'
           ELSE browser0 END AS browser,
      CASE device
        WHEN 'Desktop' THEN [1280, 1366, 1440, 1536, 1680, 1920, 2560][(1 + h5 % 7)::BIGINT]
        WHEN 'Mobile' THEN [360, 375, 390, 393, 412, 414, 428][(1 + h5 % 7)::BIGINT]
        ELSE [768, 810, 820, 1024][(1 + h5 % 4)::BIGINT] END AS width,
      CASE WHEN device = 'Desktop' THEN 'web' WHEN os = 'iOS' THEN 'posthog-ios'
           ELSE 'posthog-android' END AS lib
    FROM picked`;
}

// The events, in timestamp order: `rows` rows over the 90 days before END_MICROS.
function eventsSql(rows) {
  const span = DAYS * 86400e6;
  const start = END_MICROS - span;
  const referrer = weightedList([['$direct', 45], ['www.google.com', 30], ['github.com', 8],
    ['news.ycombinator.com', 5], ['twitter.com', 5], ['www.linkedin.com', 4],
    ['duckduckgo.com', 3]]);
  const paidPlan = weightedList([['pro', 25], ['team', 10], ['enterprise', 5]]);
  const events = weightedList(EVENT_NAMES, 2000);
  return `
    WITH drawn AS (
      SELECT i,
        (${start} + floor((i + ${uniform(1)}) * ${span / rows}))::BIGINT AS micros,
        floor(${USERS} * ${uniform(2)} * ${uniform(2)})::BIGINT AS k,
        ${events}[(1 + hash(i, 3) % len(${events}))::BIGINT] AS event,
        ${hexDigits('i', 4)} AS r,
        hash(i, 6) % 1000 AS url_kind, hash(i, 7) AS h7,
        round(-ln(1 - ${uniform(8)}) * 30000) / 1000 AS duration,
        ${referrer}[(1 + hash(i, 9) % len(${referrer}))::BIGINT] AS referrer,
        ${paidPlan}[(1 + hash(i, 10) % len(${paidPlan}))::BIGINT] AS plan, ${uniform(11)} AS u11
      FROM range(${rows}) t(i)),
    shaped AS (
      SELECT i, micros, k, event, referrer, plan, u11, duration,
        lpad(lower(hex(micros // 1000)), 12, '0') AS ms, r,
        CASE WHEN url_kind < 200 THEN 'https://example.com/'
             WHEN url_kind < 350 THEN 'https://example.com/pricing?utm_source=' ||
               ${plainList(UTM)}[(1 + h7 % ${UTM.length})::BIGINT]
             WHEN url_kind < 600 THEN 'https://example.com/docs/' ||
               ${plainList(DOCS)}[(1 + h7 % ${DOCS.length})::BIGINT]
             WHEN url_kind < 750 THEN 'https://example.com/blog/' ||
               ${plainList(BLOG)}[(1 + h7 % ${BLOG.length})::BIGINT]
             WHEN url_kind < 800 THEN 'https://example.com/signup'
             ELSE 'https://example.com/app/dashboard/' || (h7 % 5000) END AS url
      FROM drawn)
    SELECT
      (substr(ms, 1, 8) || '-' || substr(ms, 9, 4) || '-7' || substr(r, 1, 3) || '-' ||
        ['8', '9', 'a', 'b'][(1 + hash(i, 12) % 4)::BIGINT] || substr(r, 4, 3) || '-' ||
        substr(r, 7, 12))::UUID AS uuid,
      event,
      u.distinct_id,
      make_timestamp(micros) AS timestamp,
      '{"$browser":"' || u.browser || '","$os":"' || u.os || '","$device_type":"' || u.device ||
        '","$current_url":"' || url || '","$screen_width":' || u.width || ',"$duration":' ||
        duration || ',"$lib":"' || u.lib || '","$referring_domain":"' || referrer || '"' ||
        CASE WHEN event = 'purchase' THEN ',"plan":"' || plan || '","revenue":' ||
          printf('%.2f', CASE plan WHEN 'pro' THEN 29 WHEN 'team' THEN 99 ELSE 499 END *
            (0.5 + u11))
        ELSE '' END || '}' AS properties
    FROM shaped JOIN users u USING (k)
    ORDER BY i`;
}

// What both engines must find in the loaded table, computed by DuckDB over a file.
const CHECK_SQL = (source) => `SELECT count(*) AS rows,
    count(DISTINCT distinct_id) AS users,
    sum(length(properties))::BIGINT AS properties_chars,
    count(DISTINCT event) AS event_names
  FROM ${source}`;

async function generateData(options, log) {
  fs.mkdirSync(options.dataDir, { recursive: true });
  const parquet = path.join(options.dataDir, 'events.parquet');
  const csv = path.join(options.dataDir, 'events.csv');
  const db = await openDuckDB();
  try {
    let start = nowSeconds();
    await db.connection.run(usersSql());
    await db.connection.run(`COPY (${eventsSql(options.rows)}) TO ${sqlString(`${parquet}.tmp`)}
      (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE ${options.rowGroupSize})`);
    fs.renameSync(`${parquet}.tmp`, parquet);
    log(`data: wrote events.parquet in ${(nowSeconds() - start).toFixed(1)} s`);
    start = nowSeconds();
    await db.connection.run(`COPY (SELECT * FROM read_parquet(${sqlString(parquet)}))
      TO ${sqlString(`${csv}.tmp`)} (FORMAT csv, HEADER true)`);
    fs.renameSync(`${csv}.tmp`, csv);
    log(`data: wrote events.csv in ${(nowSeconds() - start).toFixed(1)} s`);
    const [fromParquet] = await db.query(CHECK_SQL(`read_parquet(${sqlString(parquet)})`));
    const [fromCsv] = await db.query(CHECK_SQL(`read_csv(${sqlString(csv)}, header = true)`));
    const expected = fromParquet.map(Number);
    if (JSON.stringify(fromCsv.map(Number)) !== JSON.stringify(expected)) {
      fail(`events.csv and events.parquet differ: ${fromCsv} vs ${fromParquet}`);
    }
    if (expected[0] !== options.rows) fail(`events.parquet has ${expected[0]} rows`);
    const [[rowGroups]] = await db.query(`SELECT count(DISTINCT row_group_id)
      FROM parquet_metadata(${sqlString(parquet)})`);
    return { rows: expected[0], users: expected[1], properties_chars: expected[2],
      event_names: expected[3], row_groups: Number(rowGroups), duckdb_version: db.version };
  } finally {
    db.close();
  }
}

// The generated files, made when missing or written by another size or generator version.
async function ensureData(options) {
  const marker = path.join(options.dataDir, 'generated.json');
  const want = { rows: options.rows, row_group_size: options.rowGroupSize,
    version: GENERATOR_VERSION };
  let expected = null;
  if (fs.existsSync(marker)) {
    const found = JSON.parse(fs.readFileSync(marker, 'utf8'));
    if (JSON.stringify(found.want) === JSON.stringify(want)) expected = found.expected;
  }
  if (expected) {
    console.log(`data: reusing ${options.dataDir}`);
  } else {
    console.log(`data: generating ${options.rows} rows into ${options.dataDir}`);
    fs.rmSync(marker, { force: true });
    expected = await generateData(options, (line) => console.log(line));
    fs.writeFileSync(marker, JSON.stringify({ want, expected }, null, 2) + '\n');
  }
  const files = {
    parquet: path.join(options.dataDir, 'events.parquet'),
    csv: path.join(options.dataDir, 'events.csv'),
  };
  console.log(`data: ${expected.rows} rows, ${expected.users} users, ${expected.event_names} ` +
    `event names; events.parquet ${mib(fs.statSync(files.parquet).size)} ` +
    `(${expected.row_groups} row groups, zstd), events.csv ${mib(fs.statSync(files.csv).size)}`);
  return { files, expected };
}

// Reads every byte of the file once, so both engines find it in the page cache.
function warmPageCache(file) {
  const fd = fs.openSync(file, 'r');
  const buffer = Buffer.allocUnsafe(16 << 20);
  try {
    while (fs.readSync(fd, buffer, 0, buffer.length, null) > 0) { /* read on */ }
  } finally {
    fs.closeSync(fd);
  }
}

// ---- Running and measuring processes ----

// The value in bytes of a "Name:   123 kB" line of /proc/PID/status, or 0.
function statusBytes(status, name) {
  const match = status.match(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm'));
  return match ? Number(match[1]) * 1024 : 0;
}

// Raises `peaks` to what /proc/PID/status shows now: RssAnon (heap and other private memory),
// RssFile (mapped files: the binary, its libraries and, for larder, the input file it maps) and
// VmHWM (the peak of their sum, exact).
function sampleMemory(pid, peaks) {
  let status;
  try {
    status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return;  // It has just exited.
  }
  peaks.anon = Math.max(peaks.anon, statusBytes(status, 'RssAnon'));
  peaks.file = Math.max(peaks.file, statusBytes(status, 'RssFile'));
  peaks.hwm = Math.max(peaks.hwm, statusBytes(status, 'VmHWM'));
}

function childrenOf(pid) {
  try {
    return fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/)
      .filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

const SAMPLE_MS = 50;

// Runs a command, failing on a non-zero exit. Returns its output, wall time, and its peak RSS
// and CPU time from GNU time (%M, %U, %S) when /usr/bin/time exists (else the sampled VmHWM and
// no CPU time), with the peaks of RssAnon and RssFile sampled every SAMPLE_MS.
async function run(command, args) {
  const timeFile = path.join(os.tmpdir(), `larder-bench-objects-time-${process.pid}`);
  const useTime = fs.existsSync('/usr/bin/time');
  const [program, programArgs] = useTime
    ? ['/usr/bin/time', ['-f', '%M %U %S', '-o', timeFile, command, ...args]]
    : [command, args];
  const start = nowSeconds();
  const child = spawn(program, programArgs, { stdio: ['ignore', 'pipe', 'pipe'] });
  const output = { stdout: [], stderr: [] };
  child.stdout.on('data', (data) => output.stdout.push(data));
  child.stderr.on('data', (data) => output.stderr.push(data));
  const peaks = { anon: 0, file: 0, hwm: 0 };
  const timer = setInterval(() => {
    for (const pid of useTime ? childrenOf(child.pid) : [child.pid]) sampleMemory(pid, peaks);
  }, SAMPLE_MS);
  const [status, error] = await new Promise((resolve) => {
    child.on('error', (err) => resolve([null, err]));
    child.on('close', (code) => resolve([code, null]));
  });
  const seconds = nowSeconds() - start;
  clearInterval(timer);
  const stdout = Buffer.concat(output.stdout).toString('utf8');
  const stderr = Buffer.concat(output.stderr).toString('utf8');
  if (error) fail(`could not run ${command}: ${error.message}`);
  if (status !== 0) fail(`${command} ${args.join(' ')} exited with status ${status}: ${stderr}`);
  let peakBytes = peaks.hwm || null;
  let cpuSeconds = null;
  if (useTime) {
    const [kb, user, system] = fs.readFileSync(timeFile, 'utf8').trim().split('\n').pop()
      .split(' ').map(Number);
    peakBytes = kb * 1024;
    cpuSeconds = user + system;
    fs.rmSync(timeFile, { force: true });
  }
  return { stdout, stderr, seconds, peakBytes, cpuSeconds, anonPeakBytes: peaks.anon || null,
    filePeakBytes: peaks.file || null };
}

// ---- Larder ----

// The seconds each phase of `larder import` took, from its last progress line per phase
// ("inferring column types: … 3.1 s elapsed", "importing into events: … 9.8 s elapsed"). A
// phase's clock starts when its first chunk is done.
function importPhases(stderr) {
  const phases = {};
  for (const line of stderr.split(/[\r\n]+/)) {
    const match = line.match(/^(inferring column types|importing into \S+): .* ([\d.]+) s elapsed/);
    if (match) phases[match[1].startsWith('inferring') ? 'infer' : 'load'] = Number(match[2]);
  }
  return phases;
}

async function larderLoad(options, file, dir) {
  const dataDir = path.join(dir, 'larder');
  const result = await run(options.larder, ['--data', dataDir, 'import', 'events', file]);
  return { seconds: result.seconds, cpu_seconds: result.cpuSeconds,
    peak_rss_bytes: result.peakBytes, anon_peak_bytes: result.anonPeakBytes,
    file_peak_bytes: result.filePeakBytes, phases: importPhases(result.stderr),
    size_bytes: directoryBytes(dataDir), dataDir };
}

async function larderCheck(options, dataDir) {
  const query = await run(options.larder, ['--data', dataDir, 'query', '--format', 'json',
    `SELECT count(), uniqExact(distinct_id), sum(length(properties)), uniqExact(event)
     FROM events`]);
  const [row] = JSON.parse(query.stdout).results;
  // `describe` prints a line per column ("  name   Type") before the sort key.
  const describe = (await run(options.larder, ['--data', dataDir, 'describe', 'events'])).stdout;
  const columns = describe.split('\n').filter((line) => /^\s+\S+\s+\S/.test(line) &&
    !line.includes(' = ')).map((line) => line.trim().replace(/\s+/, ' '));
  return { found: row.map(Number), describe: columns.join(', ') };
}

// ---- DuckDB ----

function duckdbReader(format, file) {
  return format === 'parquet' ? `read_parquet(${sqlString(file)})`
    : `read_csv(${sqlString(file)}, header = true)`;
}

// In the worker: ATTACH a new database file, CREATE TABLE AS from the file, CHECKPOINT (timed,
// with the process's CPU time and its memory sampled meanwhile); then the checks (untimed).
async function workerLoad([format, file, databaseFile]) {
  const db = await openDuckDB();
  const baseline = statusBytes(fs.readFileSync('/proc/self/status', 'utf8'), 'VmRSS');
  const peaks = { anon: 0, file: 0, hwm: 0 };
  const timer = setInterval(() => sampleMemory(process.pid, peaks), SAMPLE_MS);
  const cpuBefore = process.cpuUsage();
  const start = nowSeconds();
  await db.connection.run(`ATTACH ${sqlString(databaseFile)} AS disk`);
  await db.connection.run(
    `CREATE TABLE disk.events AS SELECT * FROM ${duckdbReader(format, file)}`);
  await db.connection.run('CHECKPOINT disk');
  const seconds = nowSeconds() - start;
  const cpu = process.cpuUsage(cpuBefore);
  clearInterval(timer);
  sampleMemory(process.pid, peaks);
  const [found] = await db.query(CHECK_SQL('disk.events'));
  const types = await db.query(`SELECT column_name, data_type FROM duckdb_columns()
    WHERE database_name = 'disk' AND table_name = 'events'`);
  await db.connection.run('DETACH disk');
  db.close();
  return { version: db.version, threads: db.threads, seconds,
    cpu_seconds: (cpu.user + cpu.system) / 1e6, baseline_rss_bytes: baseline,
    peak_rss_bytes: peaks.hwm, peak_growth_bytes: peaks.hwm - baseline,
    anon_peak_bytes: peaks.anon, file_peak_bytes: peaks.file, found: found.map(Number),
    describe: types.map(([name, type]) => `${name} ${type}`).join(', ') };
}

// Runs this script again as a DuckDB worker, a fresh process per load.
async function duckdbLoad(format, file, dir) {
  const databaseFile = path.join(dir, 'events.duckdb');
  const script = fileURLToPath(import.meta.url);
  const result = await run(process.execPath,
    [script, '--duckdb-worker', 'load', format, file, databaseFile]);
  let size = fs.statSync(databaseFile).size;
  if (fs.existsSync(`${databaseFile}.wal`)) size += fs.statSync(`${databaseFile}.wal`).size;
  return { ...JSON.parse(result.stdout), process_seconds: result.seconds, size_bytes: size };
}

// ---- The driver ----

function checkFound(engine, format, found, expected) {
  const want = [expected.rows, expected.users, expected.properties_chars, expected.event_names];
  if (JSON.stringify(found) !== JSON.stringify(want)) {
    fail(`${engine} loaded events.${format} wrongly: count, distinct users, sum of ` +
      `length(properties), event names = ${found.join(', ')}; want ${want.join(', ')}`);
  }
}

function cores(figures) {
  return figures.cpu_seconds == null ? 'n/a' : (figures.cpu_seconds / figures.seconds).toFixed(2);
}

function describeRun(figures) {
  const phases = Object.entries(figures.phases ?? {})
    .map(([phase, seconds]) => `${phase} ${seconds.toFixed(1)} s`).join(', ');
  const cpu = figures.cpu_seconds == null ? '' : `, CPU ${figures.cpu_seconds.toFixed(1)} s ` +
    `(${cores(figures)} cores busy)`;
  return `${figures.seconds.toFixed(2)} s${phases ? ` (${phases})` : ''}${cpu}, peak RSS ` +
    `${mib(figures.peak_rss_bytes)} (anon ${mib(figures.anon_peak_bytes)}, files ` +
    `${mib(figures.file_peak_bytes)}), stored ${mib(figures.size_bytes)}`;
}

// Loads one file `repeats` times with each engine, alternating which goes first, each run in an
// empty scratch folder; checks every run's rows. Keeps every run, the best time of each engine
// and the highest memory peaks of any run.
async function measureFormat(options, format, file, expected, scratch) {
  warmPageCache(file);
  const runs = { larder: [], duckdb: [] };
  for (let repeat = 0; repeat < options.repeats; ++repeat) {
    for (const engine of repeat % 2 ? ['duckdb', 'larder'] : ['larder', 'duckdb']) {
      const dir = path.join(scratch, `${format}-${engine}`);
      fs.rmSync(dir, { recursive: true, force: true });
      fs.mkdirSync(dir, { recursive: true });
      let figures;
      if (engine === 'larder') {
        figures = await larderLoad(options, file, dir);
        figures = { ...figures, ...await larderCheck(options, figures.dataDir) };
      } else {
        figures = await duckdbLoad(format, file, dir);
      }
      checkFound(engine, format, figures.found, expected);
      console.log(`${format} ${engine} run ${repeat + 1}: ${describeRun(figures)}`);
      runs[engine].push(figures);
      if (!options.keep || repeat + 1 < options.repeats) {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }
  }
  const best = (list) => list.reduce((a, b) => (b.seconds < a.seconds ? b : a));
  const highest = (list, key) => Math.max(...list.map((r) => r[key] ?? 0)) || null;
  const larder = best(runs.larder);
  const duckdb = best(runs.duckdb);
  console.log(`${format}: larder's columns: ${larder.describe}`);
  console.log(`${format}: duckdb's columns: ${duckdb.describe}`);
  return {
    format,
    file_bytes: fs.statSync(file).size,
    rows: larder.found[0],
    larder_seconds: larder.seconds,
    duckdb_seconds: duckdb.seconds,
    ratio: larder.seconds / duckdb.seconds,
    larder_cpu_seconds: larder.cpu_seconds,
    duckdb_cpu_seconds: duckdb.cpu_seconds,
    larder_phases: larder.phases,
    larder_peak_rss_bytes: highest(runs.larder, 'peak_rss_bytes'),
    larder_anon_peak_bytes: highest(runs.larder, 'anon_peak_bytes'),
    larder_file_peak_bytes: highest(runs.larder, 'file_peak_bytes'),
    duckdb_peak_rss_bytes: highest(runs.duckdb, 'peak_rss_bytes'),
    duckdb_anon_peak_bytes: highest(runs.duckdb, 'anon_peak_bytes'),
    duckdb_peak_growth_bytes: highest(runs.duckdb, 'peak_growth_bytes'),
    larder_stored_bytes: larder.size_bytes,
    duckdb_stored_bytes: duckdb.size_bytes,
    runs: {
      larder: runs.larder.map(({ dataDir, describe, ...rest }) => rest),
      duckdb: runs.duckdb.map(({ describe, ...rest }) => rest),
    },
  };
}

// ---- Queries over the Parquet file in place ----

// Each query as Larder (over the linked table `events_file`) and DuckDB (over read_parquet) say
// it, with the same answer expected from both.
function inPlaceQueries(file) {
  const source = `read_parquet(${sqlString(file)})`;
  return [
    { name: 'count_by_event',
      larder: 'SELECT event, count() AS c FROM events_file GROUP BY event ORDER BY c DESC, event LIMIT 10',
      duckdb: `SELECT event, count(*) AS c FROM ${source} GROUP BY event ORDER BY c DESC, event LIMIT 10` },
    // The file is in time order: row-group statistics leave out all but the last week's.
    { name: 'last_week',
      larder: "SELECT count(), uniqExact(distinct_id) FROM events_file WHERE timestamp >= toDateTime('2024-06-24 00:00:00')",
      duckdb: `SELECT count(*), count(DISTINCT distinct_id) FROM ${source} WHERE timestamp >= TIMESTAMP '2024-06-24 00:00:00'` },
    { name: 'users_per_event',
      larder: 'SELECT event, uniqExact(distinct_id) AS u FROM events_file GROUP BY event ORDER BY u DESC, event LIMIT 5',
      duckdb: `SELECT event, count(DISTINCT distinct_id) AS u FROM ${source} GROUP BY event ORDER BY u DESC, event LIMIT 5` },
  ];
}

// Links the Parquet file into a fresh Larder data directory and times each query on both
// engines (best of --repeats after one warm-up). Larder's time is the whole `larder query`
// process, start-up included; DuckDB's the query in this process.
async function measureInPlace(options, file, scratch) {
  const dataDir = path.join(scratch, 'in-place');
  fs.rmSync(dataDir, { recursive: true, force: true });
  await run(options.larder, ['--data', dataDir, 'link', 'events_file', `file://${file}`]);
  const db = await openDuckDB();
  const results = [];
  try {
    for (const query of inPlaceQueries(file)) {
      const larderTimes = [], duckdbTimes = [];
      let larderRows = null, duckdbRows = null;
      for (let repeat = 0; repeat <= options.repeats; ++repeat) {
        const result = await run(options.larder,
          ['--data', dataDir, 'query', '--format', 'json', query.larder]);
        larderRows = JSON.parse(result.stdout).results;
        const start = nowSeconds();
        duckdbRows = await db.query(query.duckdb);
        const seconds = nowSeconds() - start;
        if (repeat > 0) {
          larderTimes.push(result.seconds);
          duckdbTimes.push(seconds);
        }
      }
      const same = JSON.stringify(larderRows.map((row) => row.map(String))) ===
        JSON.stringify(duckdbRows.map((row) => row.map(String)));
      if (!same) {
        fail(`${query.name}: larder ${JSON.stringify(larderRows)} but duckdb ` +
          `${JSON.stringify(duckdbRows)}`);
      }
      const larder = Math.min(...larderTimes), duckdb = Math.min(...duckdbTimes);
      results.push({ name: query.name, larder_seconds: larder, duckdb_seconds: duckdb,
        ratio: larder / duckdb });
      console.log(`in place ${query.name}: larder ${(larder * 1000).toFixed(0)} ms, duckdb ` +
        `${(duckdb * 1000).toFixed(0)} ms`);
    }
  } finally {
    db.close();
  }
  return results;
}

function printInPlace(results) {
  console.log('\nQueries over the Parquet file in place (larder link vs read_parquet):');
  for (const r of results) {
    console.log(`${r.name.padEnd(16)} larder ${(r.larder_seconds * 1000).toFixed(0).padStart(6)} ms` +
      `  duckdb ${(r.duckdb_seconds * 1000).toFixed(0).padStart(6)} ms  ` +
      `larder/duckdb ${r.ratio.toFixed(2)} ${r.ratio <= TARGET ? 'PASS' : 'MISS'}`);
  }
  const geomean = Math.exp(results.reduce((sum, r) => sum + Math.log(r.ratio), 0) / results.length);
  console.log(`geometric mean larder/duckdb ${geomean.toFixed(2)} (target ≤ ${TARGET.toFixed(1)})`);
  return geomean;
}

function printTable(options, results) {
  const header = ['format', 'larder s', 'duckdb s', 'larder/duckdb', '', 'CPU s ratio', 'rows',
    'larder peak RSS (anon)', 'duckdb peak RSS (anon)'];
  const cpuRatio = (r) => (r.larder_cpu_seconds == null ? 'n/a'
    : (r.larder_cpu_seconds / r.duckdb_cpu_seconds).toFixed(2));
  const lines = results.map((r) => [r.format, r.larder_seconds.toFixed(2),
    r.duckdb_seconds.toFixed(2), r.ratio.toFixed(2), r.ratio <= TARGET ? 'PASS' : 'MISS',
    cpuRatio(r), String(r.rows),
    `${mib(r.larder_peak_rss_bytes)} (${mib(r.larder_anon_peak_bytes)})`,
    `${mib(r.duckdb_peak_rss_bytes)} (${mib(r.duckdb_anon_peak_bytes)})`]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const format = (cells) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  console.log(`\nLoading ${options.rows} rows, best of ${options.repeats} (target ` +
    `larder/duckdb ≤ ${TARGET.toFixed(1)}):`);
  console.log(format(header));
  console.log(format(widths.map((w) => '-'.repeat(w))));
  for (const line of lines) console.log(format(line));
  console.log('(CPU s ratio: CPU seconds of the best runs, larder / duckdb. Peak RSS: the ' +
    'highest of any run, whole process; anon: without mapped files. Larder maps its input ' +
    'file, which RssFile counts as it is read; DuckDB\'s includes the Node runtime.)');
  for (const r of results) {
    const [ours, theirs] = [r.larder_cpu_seconds / r.larder_seconds,
      r.duckdb_cpu_seconds / r.duckdb_seconds];
    // Runs of a second or less are mostly start-up and fsync waits; their cores busy say little.
    if (Math.min(r.larder_seconds, r.duckdb_seconds) >= 2 &&
        Math.max(ours, theirs) > 1.3 * Math.min(ours, theirs)) {
      console.log(`${r.format}: NOTE: the best runs kept different numbers of cores busy ` +
        `(larder ${ours.toFixed(2)}, duckdb ${theirs.toFixed(2)}): one engine parallelises ` +
        'less, or other work left it fewer cores; if the machine was busy, trust the CPU ratio ' +
        'and run again');
    }
    const cpu = (seconds, wall) => (seconds == null ? 'n/a'
      : `${seconds.toFixed(1)} s (${(seconds / wall).toFixed(2)} cores busy)`);
    const phases = Object.entries(r.larder_phases)
      .map(([phase, seconds]) => `${phase} ${seconds.toFixed(1)} s`).join(', ');
    console.log(`${r.format}: larder ${phases}; CPU larder ` +
      `${cpu(r.larder_cpu_seconds, r.larder_seconds)}, duckdb ` +
      `${cpu(r.duckdb_cpu_seconds, r.duckdb_seconds)}; larder's mapped files up to ` +
      `${mib(r.larder_file_peak_bytes)}, duckdb's growth ${mib(r.duckdb_peak_growth_bytes)}`);
    console.log(`${r.format}: file ${mib(r.file_bytes)}; stored larder ` +
      `${mib(r.larder_stored_bytes)}, duckdb ${mib(r.duckdb_stored_bytes)}`);
  }
}

async function main() {
  const options = parseOptions();
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'larder-bench-objects-'));
  try {
    console.log(`machine: ${os.cpus().length} cores (${os.cpus()[0].model}), ` +
      `${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, node ${process.version}; ` +
      'page cache warm for both engines');
    const { files, expected } = await ensureData(options);
    const results = [];
    let duckdbInfo = null;
    for (const format of options.queriesOnly ? [] : options.formats) {
      const result = await measureFormat(options, format, files[format], expected, scratch);
      const { version, threads } = result.runs.duckdb[0];
      duckdbInfo = { version, threads };
      results.push(result);
    }
    const inPlace = options.formats.includes('parquet') && !options.skipInPlace
      ? await measureInPlace(options, files.parquet, scratch) : [];
    if (duckdbInfo) console.log(`duckdb ${duckdbInfo.version}, ${duckdbInfo.threads} threads`);
    if (results.length) printTable(options, results);
    const inPlaceGeomean = inPlace.length ? printInPlace(inPlace) : null;
    if (options.keep) console.log(`tables kept in ${scratch}`);
    if (options.out) {
      fs.mkdirSync(path.dirname(options.out), { recursive: true });
      const figures = { rows: options.rows, repeats: options.repeats, target: TARGET,
        row_group_size: options.rowGroupSize, data: expected, duckdb: duckdbInfo, results,
        in_place: inPlace, in_place_geomean: inPlaceGeomean };
      fs.writeFileSync(options.out, JSON.stringify(figures, null, 2) + '\n');
      console.log(`\nfigures written to ${options.out}`);
    }
  } finally {
    if (!options.keep) fs.rmSync(scratch, { recursive: true, force: true });
  }
}

try {
  if (process.argv[2] === '--duckdb-worker') {
    const [mode, ...rest] = process.argv.slice(3);
    if (mode !== 'load') fail(`unknown worker mode ${mode}`);
    process.stdout.write(JSON.stringify(await workerLoad(rest)) + '\n');
  } else {
    await main();
  }
} catch (error) {
  console.error(`objects_vs_duckdb: ${error.message}`);
  process.exitCode = 1;
}
