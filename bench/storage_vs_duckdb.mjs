#!/usr/bin/env node
// Larder vs DuckDB on an events-shaped table: runs bench/storage_bench.cpp (Larder's write, size
// and scans), loads the same rows into DuckDB, measures the same things there, checks that both
// engines computed the same answers and prints the ratios Larder/DuckDB against the targets.
// Run by hand (bench/run-storage); not a CI test. Both engines are measured warm, in one run,
// on the same machine, with every core.
// Flags: see USAGE below (or --help).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

import { DuckDBInstance } from '@duckdb/node-api';

const USAGE = `usage: node storage_vs_duckdb.mjs [--bench PATH] [--rows N] [--dir DIR] [--repeats N]
                                  [--out FILE] [--keep]
  --bench    larder_bench_storage binary (default /work/main/build/larder_bench_storage)
  --rows     rows to write and scan (default 10000000)
  --dir      scratch folder (default: a new one under the temp dir, removed at the end)
  --repeats  timed runs of each scan after one warm-up; the best is kept (default 5)
  --out      also write every figure as JSON to this file
  --keep     keep the scratch folder made when --dir is not given`;

const TARGETS = {
  write: 1.5,
  size: 1.0,
  sum: 1.0,
  count: 1.0,
};

// Stops the run: main() prints the message and exits non-zero after cleaning up.
function fail(message) {
  throw new Error(message);
}

function parseOptions() {
  const { values } = parseArgs({
    options: {
      bench: { type: 'string', default: '/work/main/build/larder_bench_storage' },
      rows: { type: 'string', default: '10000000' },
      dir: { type: 'string' },
      repeats: { type: 'string', default: '5' },
      out: { type: 'string' },
      keep: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const rows = Number(values.rows);
  const repeats = Number(values.repeats);
  if (!Number.isSafeInteger(rows) || rows <= 0) fail(`--rows wants a positive integer`);
  if (!Number.isSafeInteger(repeats) || repeats <= 0) fail(`--repeats wants a positive integer`);
  if (!fs.existsSync(values.bench)) {
    fail(`no benchmark binary at ${values.bench}; build it with scripts/build larder_bench_storage`);
  }
  return { ...values, rows, repeats };
}

// A SQL string literal.
function sqlString(text) {
  return `'${text.replaceAll("'", "''")}'`;
}

function nowSeconds() {
  return Number(process.hrtime.bigint()) / 1e9;
}

async function timed(fn) {
  const start = nowSeconds();
  const result = await fn();
  return { seconds: nowSeconds() - start, result };
}

// One warm-up run, then `repeats` timed ones; keeps the last result and every timing.
async function bestOf(repeats, fn) {
  let result = await fn();
  const runs = [];
  for (let run = 0; run < repeats; ++run) {
    const timing = await timed(fn);
    runs.push(timing.seconds);
    result = timing.result;
  }
  return { best: Math.min(...runs), runs, result };
}

function runLarder(options, scratch) {
  const json = path.join(scratch, 'larder.json');
  const csv = path.join(scratch, 'events.csv');
  const args = ['--rows', String(options.rows), '--dir', scratch, '--csv', csv, '--json', json,
    '--repeats', String(options.repeats)];
  console.log(`$ ${options.bench} ${args.join(' ')}`);
  const child = spawnSync(options.bench, args, { stdio: 'inherit' });
  if (child.error) fail(`could not run ${options.bench}: ${child.error.message}`);
  if (child.status !== 0) fail(`${options.bench} exited with status ${child.status}`);
  return { figures: JSON.parse(fs.readFileSync(json, 'utf8')), csv };
}

async function runDuckDB(options, scratch, csv) {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const query = async (sql) => (await connection.runAndReadAll(sql)).getRows();
  const [[version]] = await query('SELECT version()');
  const [[threads]] = await query("SELECT current_setting('threads')");
  console.log(`duckdb: version ${version}, ${threads} threads`);

  // Untimed: the rows into an in-memory table, with explicit types (JSON text as VARCHAR).
  const load = await timed(() => connection.run(`
    CREATE TABLE memory.events AS SELECT * FROM read_csv(${sqlString(csv)},
      header = true, delim = ',', quote = '"', escape = '"', auto_detect = false,
      columns = {'uuid': 'UUID', 'event': 'VARCHAR', 'distinct_id': 'VARCHAR',
                 'timestamp': 'TIMESTAMP', 'properties': 'VARCHAR'})`));
  const [[loaded]] = await query('SELECT count(*) FROM memory.events');
  if (Number(loaded) !== options.rows) fail(`DuckDB loaded ${loaded} rows, not ${options.rows}`);
  console.log(`duckdb: loaded ${loaded} rows from the CSV in ${load.seconds.toFixed(1)} s (untimed)`);

  // Timed: a fresh database file, the rows written sorted by timestamp, checkpointed (fsync).
  const file = path.join(scratch, 'events.duckdb');
  const cpuStart = process.cpuUsage();
  const write = await timed(async () => {
    await connection.run(`ATTACH ${sqlString(file)} AS disk`);
    await connection.run('CREATE TABLE disk.events AS SELECT * FROM memory.events ORDER BY timestamp');
    await connection.run('CHECKPOINT disk');
  });
  const cpu = process.cpuUsage(cpuStart);
  const writeCpuSeconds = (cpu.user + cpu.system) / 1e6;
  await connection.run('DROP TABLE memory.events');
  let sizeBytes = fs.statSync(file).size;
  const wal = `${file}.wal`;
  const walBytes = fs.existsSync(wal) ? fs.statSync(wal).size : 0;
  sizeBytes += walBytes;
  console.log(`duckdb: write ${write.seconds.toFixed(3)} s (${writeCpuSeconds.toFixed(2)} CPU-s), ${(sizeBytes / 1e6).toFixed(1)} MB` +
    ` (WAL ${walBytes} bytes)`);
  const [[blockSize, usedBlocks, freeBlocks]] = await query(`
    SELECT block_size, used_blocks, free_blocks FROM pragma_database_size()
    WHERE database_name = 'disk'`);
  const compression = await query(`
    SELECT column_name, string_agg(DISTINCT compression, ', ' ORDER BY compression)
    FROM pragma_storage_info('disk.events') WHERE segment_type <> 'VALIDITY'
    GROUP BY column_name, column_id ORDER BY column_id`);

  // Timed, warm: the same two scans against the on-disk table.
  const sum = await bestOf(options.repeats,
    () => query('SELECT sum(epoch_us(timestamp)) FROM disk.events'));
  const count = await bestOf(options.repeats,
    () => query('SELECT event, count(*) FROM disk.events GROUP BY event'));
  connection.closeSync();
  instance.closeSync();
  return {
    version,
    threads: Number(threads),
    load_seconds: load.seconds,
    write_seconds: write.seconds,
    write_cpu_seconds: writeCpuSeconds,
    size_bytes: sizeBytes,
    wal_bytes: walBytes,
    used_block_bytes: Number(blockSize) * Number(usedBlocks),
    free_block_bytes: Number(blockSize) * Number(freeBlocks),
    compression: Object.fromEntries(compression),
    sum_seconds: sum.best,
    sum_runs: sum.runs,
    count_seconds: count.best,
    count_runs: count.runs,
    timestamp_sum: sum.result[0][0],
    event_counts: Object.fromEntries(count.result.map(([event, n]) => [event, Number(n)])),
  };
}

// Fails unless both engines computed the same sum and the same counts.
function checkAnswers(larder, duck) {
  const exact = BigInt(larder.timestamp_sum_exact);
  const wrapped = BigInt(larder.timestamp_sum_wrapped);
  if (duck.timestamp_sum !== exact || BigInt.asIntN(64, duck.timestamp_sum) !== wrapped) {
    fail(`sum(timestamp) differs: DuckDB ${duck.timestamp_sum}, Larder ${wrapped} ` +
      `(wrapped to 64 bits; the generated rows add up to ${exact})`);
  }
  const events = new Set([...Object.keys(larder.event_counts), ...Object.keys(duck.event_counts)]);
  for (const event of events) {
    if (larder.event_counts[event] !== duck.event_counts[event]) {
      fail(`count for event ${JSON.stringify(event)} differs: Larder ` +
        `${larder.event_counts[event]}, DuckDB ${duck.event_counts[event]}`);
    }
  }
  console.log(`both engines: sum(epoch_us(timestamp)) = ${exact}; ` +
    `count per event = ${JSON.stringify(larder.event_counts)}`);
}

function printComparison(larder, duck) {
  const lines = [
    ['write (s)', 'write', larder.write_seconds, duck.write_seconds, (x) => x.toFixed(3)],
    ['size (MB)', 'size', larder.size_bytes, duck.size_bytes, (x) => (x / 1e6).toFixed(1)],
    ['sum(timestamp) (ms)', 'sum', larder.sum_seconds, duck.sum_seconds,
      (x) => (x * 1e3).toFixed(2)],
    ['count per event (ms)', 'count', larder.count_seconds, duck.count_seconds,
      (x) => (x * 1e3).toFixed(2)],
  ];
  const header = ['', 'Larder', 'DuckDB', 'Larder/DuckDB', 'target', ''];
  const rows = lines.map(([label, key, ours, theirs, format]) => {
    const ratio = ours / theirs;
    return [label, format(ours), format(theirs), ratio.toFixed(2), `<= ${TARGETS[key].toFixed(1)}`,
      ratio <= TARGETS[key] ? 'PASS' : 'MISS'];
  });
  const widths = header.map((_, i) => Math.max(...[header, ...rows].map((row) => row[i].length)));
  const format = (row) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i])
    : cell.padStart(widths[i]))).join('  ').trimEnd();
  console.log('');
  console.log(format(header));
  for (const row of rows) console.log(format(row));
  return Object.fromEntries(lines.map(([, key, ours, theirs]) => [key, ours / theirs]));
}

function printDiagnostics(larder, duck) {
  const mb = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;
  console.log('');
  console.log(`Larder write: append ${larder.write_append_seconds.toFixed(3)} s, commit ` +
    `${larder.write_commit_seconds.toFixed(3)} s; write() ${larder.write_io_write_seconds.toFixed(3)}` +
    ` s, fsync ${larder.write_io_sync_seconds.toFixed(3)} s (${larder.write_syncs} syncs), ` +
    `${larder.parts} parts`);
  const busy = (figures) => (figures.write_cpu_seconds / figures.write_seconds).toFixed(2);
  console.log(`CPU time of the write (all threads): Larder ${larder.write_cpu_seconds.toFixed(2)} s ` +
    `(${busy(larder)} cores busy on average), DuckDB ${duck.write_cpu_seconds.toFixed(2)} s ` +
    `(${busy(duck)} cores)`);
  console.log(`Larder scans on one thread: sum ${(larder.sum_single_thread_seconds * 1e3).toFixed(2)}` +
    ` ms, count per event ${(larder.count_single_thread_seconds * 1e3).toFixed(2)} ms`);
  console.log('Larder column sizes (stored / encoded before zstd, blocks compressed):');
  for (const [name, column] of Object.entries(larder.columns)) {
    console.log(`  ${name.padEnd(12)} ${mb(column.stored_bytes).padStart(10)} / ` +
      `${mb(column.encoded_bytes).padStart(10)}  ` +
      `${(column.stored_bytes / larder.rows).toFixed(2).padStart(6)} B/row  ` +
      `${column.compressed_blocks}/${column.blocks}`);
  }
  console.log(`DuckDB file: ${mb(duck.size_bytes)}, of which used blocks ` +
    `${mb(duck.used_block_bytes)}, free blocks ${mb(duck.free_block_bytes)}`);
  console.log('DuckDB compression per column:');
  for (const [name, methods] of Object.entries(duck.compression)) {
    console.log(`  ${name.padEnd(12)} ${methods}`);
  }
}

async function main() {
  const options = parseOptions();
  const ownScratch = options.dir === undefined;
  const scratch = ownScratch ? fs.mkdtempSync(path.join(os.tmpdir(), 'larder-bench-'))
    : options.dir;
  fs.mkdirSync(scratch, { recursive: true });
  try {
    console.log(`machine: ${os.cpus().length} cores (${os.cpus()[0].model}), ` +
      `${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, node ${process.version}; ` +
      'caches warm for both engines');
    const { figures: larder, csv } = runLarder(options, scratch);
    const duck = await runDuckDB(options, scratch, csv);
    checkAnswers(larder, duck);
    const ratios = printComparison(larder, duck);
    printDiagnostics(larder, duck);
    if (options.out) {
      fs.mkdirSync(path.dirname(options.out), { recursive: true });
      const report = { rows: options.rows, ratios, targets: TARGETS, larder, duckdb: duck };
      fs.writeFileSync(options.out, JSON.stringify(report, (_, v) =>
        (typeof v === 'bigint' ? v.toString() : v), 2) + '\n');
      console.log(`\nfigures written to ${options.out}`);
    }
  } finally {
    if (ownScratch && !options.keep) fs.rmSync(scratch, { recursive: true, force: true });
  }
}

try {
  await main();
} catch (error) {
  console.error(`storage_vs_duckdb: ${error.message}`);
  process.exitCode = 1;
}
