// Durability: a server of its own (fresh data directory) takes batches from several clients and
// is killed with SIGKILL in the middle of the load, twice; after each restart on the same data
// directory every event acknowledged with 200 must be there exactly once (by uuid). Then events
// acknowledged just before a SIGTERM must survive the graceful shutdown, which exits 0.
import { spawn, execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { Report, request, queryRows, pollRows, num, sleep, describe } from './lib.mjs';

const report = new Report('kill9');
const LARDER = process.env.LARDER;
const WORKERS = 4;
const BATCH = 50;
let child = null; // the server this suite started, if running
const ackedDistinctIds = new Set();

function init(dataDir) {
  const out = execFileSync(LARDER, ['--data', dataDir, 'init', '--api-key'], { encoding: 'utf8' });
  const token = /project token: (phc_\S+)/.exec(out)?.[1];
  const key = /personal API key \(shown once\): (phx_\S+)/.exec(out)?.[1];
  if (!token || !key) throw new Error(`could not read the token and key from init:\n${out}`);
  return { id: 1, token, key };
}

// Starts `larder serve` and resolves once it printed its address.
function startServer(dataDir, logFile) {
  return new Promise((resolve, reject) => {
    const log = fs.openSync(logFile, 'a');
    const proc = spawn(LARDER, ['--data', dataDir, 'serve', '--host', '127.0.0.1', '--port', '0', '--flush-interval-ms', '200'], { stdio: ['ignore', 'pipe', log] });
    child = proc;
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server printed no address in 60 s: ${out}`)), 60000);
    proc.stdout.on('data', (chunk) => {
      out += chunk;
      fs.appendFileSync(logFile, chunk);
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ proc, url: match[1] });
      }
    });
    proc.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code ?? signal}) before listening: ${out}`));
    });
  });
}

function waitExit(proc, timeoutMs) {
  if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve({ code: proc.exitCode, signal: proc.signalCode });
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve({ timeout: true }), timeoutMs);
    proc.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal });
    });
  });
}

// Several clients send batches in a loop until `stop.now`; every uuid of a batch answered 200 is
// recorded as acknowledged, every other one as maybe stored.
async function load(url, token, acked, maybe, stop, round) {
  const worker = async (index) => {
    let sequence = 0;
    while (!stop.now) {
      const batch = [];
      for (let i = 0; i < BATCH; i++) {
        batch.push({ event: 'load', distinct_id: `k9-user-${index}-${sequence % 7}`, uuid: crypto.randomUUID(), properties: { round, worker: index, sequence, i } });
      }
      sequence++;
      const body = JSON.stringify({ api_key: token, batch });
      const gzipped = sequence % 2 === 0;
      const response = await request(url, {
        method: 'POST',
        path: '/batch/',
        headers: { 'Content-Type': 'application/json', ...(gzipped ? { 'Content-Encoding': 'gzip' } : {}) },
        body: gzipped ? zlib.gzipSync(body) : body,
        timeoutMs: 10000,
      });
      const into = response.status === 200 ? acked : maybe;
      for (const event of batch) into.add(event.uuid);
      if (response.status === 200) for (const event of batch) ackedDistinctIds.add(event.distinct_id);
      if (response.status !== 200 && !stop.now) stop.errors.push(describe(response));
      if (response.status === undefined) return;
    }
  };
  await Promise.all(Array.from({ length: WORKERS }, (_, index) => worker(index)));
}

// Waits until every acknowledged uuid is visible, then checks each is there exactly once.
async function verify(name, url, project, acked, maybe) {
  const settled = await pollRows(url, project, 'SELECT count() FROM events', (rows) => num(rows[0][0]) >= acked.size, 60000);
  const rows = await queryRows(url, project, 'SELECT uuid, count() FROM events GROUP BY uuid');
  const stored = new Map(rows.map(([uuid, count]) => [String(uuid).toLowerCase(), num(count)]));
  const missing = [...acked].filter((uuid) => !stored.has(uuid));
  const doubled = [...stored].filter(([, count]) => count !== 1);
  const unknown = [...stored.keys()].filter((uuid) => !acked.has(uuid) && !maybe.has(uuid));
  report.check(
    `${name}: all ${acked.size} acknowledged events present exactly once`,
    settled.settled && missing.length === 0 && doubled.length === 0 && unknown.length === 0,
    `stored ${stored.size} distinct uuids (${rows.reduce((sum, row) => sum + num(row[1]), 0)} rows); ${maybe.size} sent without acknowledgement`,
    `missing ${missing.length}: ${missing.slice(0, 5).join(' ')}`,
    `stored more than once ${doubled.length}: ${JSON.stringify(doubled.slice(0, 5))}`,
    `never sent ${unknown.length}: ${unknown.slice(0, 5).join(' ')}`,
    settled.error ?? '',
  );
  const sql = "SELECT distinct_id, count() FROM person_distinct_ids WHERE distinct_id LIKE 'k9-user-%' GROUP BY distinct_id";
  const ids = await queryRows(url, project, sql).catch((error) => error.message);
  const bad = Array.isArray(ids) ? ids.filter(([, count]) => num(count) !== 1) : [];
  report.check(`${name}: each distinct id still maps to one person`, Array.isArray(ids) && ids.length === ackedDistinctIds.size && bad.length === 0, `mapped more than once: ${JSON.stringify(bad.slice(0, 5))}`, `${Array.isArray(ids) ? ids.length : 0} distinct ids mapped, ${ackedDistinctIds.size} sent: ${String(JSON.stringify(ids)).slice(0, 300)}`);
}

async function killRound(round, dataDir, logFile, project, acked, maybe) {
  const server = await startServer(dataDir, logFile);
  if (round > 1) await verify(`restart ${round - 1}`, server.url, project, acked, maybe);
  const stop = { now: false, errors: [] };
  const before = acked.size;
  const running = load(server.url, project.token, acked, maybe, stop, round);
  const started = Date.now();
  while (acked.size - before < 3000 && Date.now() - started < 20000) await sleep(20);
  server.proc.kill('SIGKILL');
  stop.now = true;
  await running;
  await waitExit(server.proc, 10000);
  report.check(`round ${round}: load acknowledged before SIGKILL without errors`, acked.size - before >= 1000 && stop.errors.length === 0, `${acked.size - before} acknowledged in ${Date.now() - started} ms`, ...stop.errors.slice(0, 3));
}

async function gracefulRound(dataDir, logFile, project, acked, maybe) {
  const server = await startServer(dataDir, logFile);
  await verify('restart 2', server.url, project, acked, maybe);
  const stop = { now: false, errors: [] };
  const before = acked.size;
  const running = load(server.url, project.token, acked, maybe, stop, 3);
  const started = Date.now();
  while (acked.size - before < 1000 && Date.now() - started < 20000) await sleep(10);
  stop.now = true;
  await running;
  report.check('load before SIGTERM acknowledged without errors', acked.size - before >= 1000 && stop.errors.length === 0, `${acked.size - before} acknowledged`, ...stop.errors.slice(0, 3));
  server.proc.kill('SIGTERM');
  const exited = await waitExit(server.proc, 30000);
  report.check('SIGTERM: the server exits 0 within 30 s', exited.code === 0, JSON.stringify(exited));
  const again = await startServer(dataDir, logFile);
  await verify('after SIGTERM', again.url, project, acked, maybe);
  const health = await request(again.url, { path: '/_health' });
  report.check('restarted server is healthy', health.status === 200, describe(health));
  again.proc.kill('SIGINT');
  const stopped = await waitExit(again.proc, 30000);
  report.check('SIGINT: the server exits 0 within 30 s', stopped.code === 0, JSON.stringify(stopped));
}

async function main() {
  if (!LARDER) {
    console.error('LARDER (the binary) must be set');
    process.exit(2);
  }
  const scratch = fs.mkdtempSync(path.join(process.env.LARDER_SCRATCH || os.tmpdir(), 'kill9-'));
  const dataDir = path.join(scratch, 'data');
  const logFile = path.join(scratch, 'server.log');
  const project = init(dataDir);
  const acked = new Set();
  const maybe = new Set();
  try {
    await killRound(1, dataDir, logFile, project, acked, maybe);
    await killRound(2, dataDir, logFile, project, acked, maybe);
    await gracefulRound(dataDir, logFile, project, acked, maybe);
  } catch (error) {
    report.fail('suite ran to the end', error.stack ?? String(error), `server log tail:\n${fs.readFileSync(logFile, 'utf8').slice(-2000)}`);
  } finally {
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await waitExit(child, 5000);
    }
    if (report.failed === 0) fs.rmSync(scratch, { recursive: true, force: true });
    else console.log(`kill9: data directory and server log kept in ${scratch}`);
  }
  report.finish();
}

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    process.exit(1);
  });
}

main();
