// The linked-sources HTTP API end to end against the PostgreSQL that run.sh started: credentials
// checked before linking, tables listed, a source linked, the scheduler's first sync, schema
// updates, reload, the source dying mid-sync (job Failed, old data kept, webhook called, next
// run recovers), kill -9 of Larder mid-sync then resume (nothing lost or doubled), delete_data,
// delete, and --deny-private-networks. Needs LARDER, PG_PORT and PG_PASSWORD; prints PASS/FAIL.
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import { Report, sleep } from '../capture/lib.mjs';

const { LARDER, PG_PORT, PG_PASSWORD } = process.env;
if (!LARDER || !PG_PORT || !PG_PASSWORD) {
  console.error('api.test.mjs needs LARDER, PG_PORT and PG_PASSWORD (run it through tests/sources/run.sh)');
  process.exit(2);
}
const report = new Report('sources-api');
const scratch = fs.mkdtempSync('/tmp/larder-sources-api.');
const BIG_ROWS = 600000;
const children = new Set();

function psql(sql, extra = []) {
  return execFileSync('psql', ['-q', '-v', 'ON_ERROR_STOP=1', '-h', '127.0.0.1', '-p', PG_PORT, '-U', 'larder', '-d', 'larder_test', ...extra, '-c', sql], {
    env: { ...process.env, PGPASSWORD: PG_PASSWORD },
    encoding: 'utf8',
  }).trim();
}
const pgValue = (sql) => psql(sql, ['-At']);

function init(dataDir) {
  const out = execFileSync(LARDER, ['--data', dataDir, 'init', '--api-key'], { encoding: 'utf8' });
  const key = /personal API key \(shown once\): (phx_\S+)/.exec(out)?.[1];
  if (!key) throw new Error(`could not read the key from init:\n${out}`);
  return key;
}

function startServer(dataDir, args = []) {
  return new Promise((resolve, reject) => {
    const log = fs.openSync(`${scratch}/server.log`, 'a');
    const proc = spawn(LARDER, ['--data', dataDir, 'serve', '--port', '0', '--access-log', 'off', ...args], { stdio: ['ignore', 'pipe', log] });
    children.add(proc);
    proc.on('exit', () => children.delete(proc));
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server printed no address in 60 s: ${out}`)), 60000);
    proc.stdout.on('data', (chunk) => {
      out += chunk;
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

function stopServer(proc, signal = 'SIGTERM') {
  return new Promise((resolve) => {
    if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
    proc.once('exit', () => resolve());
    proc.kill(signal);
  });
}

function client(url, key) {
  return async (method, path, body) => {
    const response = await fetch(`${url}/api/projects/1/${path}`, {
      method,
      headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    let json = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = { unparsed: text };
    }
    return { status: response.status, json, text };
  };
}

async function waitFor(what, probe, timeoutMs = 60000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    last = await probe();
    if (last.done) return last.value;
    await sleep(50);
  }
  throw new Error(`timed out waiting for ${what}: ${JSON.stringify(last?.value)?.slice(0, 800)}`);
}

async function query(api, sql) {
  const { status, json } = await api('POST', 'query/', { query: { kind: 'HogQLQuery', query: sql } });
  if (status !== 200) return { error: json?.detail ?? `status ${status}` };
  return json.results;
}

const settings = { host: '127.0.0.1', port: Number(PG_PORT), database: 'larder_test', user: 'larder', password: PG_PASSWORD, sslmode: 'disable' };

// A listener for the failure webhook.
const hooks = [];
const hookServer = http.createServer((request, response) => {
  let body = '';
  request.on('data', (chunk) => (body += chunk));
  request.on('end', () => {
    hooks.push({ path: request.url, body });
    response.end('{}');
  });
});
await new Promise((resolve) => hookServer.listen(0, '127.0.0.1', resolve));
const hookUrl = `http://127.0.0.1:${hookServer.address().port}/hooks/sync`;

psql(`SET client_min_messages = warning;
  DROP TABLE IF EXISTS api_orders; DROP TABLE IF EXISTS api_big;
  CREATE TABLE api_orders(id bigint PRIMARY KEY, customer text, amount numeric(10,2), updated_at timestamp);
  INSERT INTO api_orders VALUES (1,'ada',10.50,'2024-01-01 10:00'),(2,'bob',20,'2024-01-02 10:00'),(3,'ada',5,'2024-01-02 10:00');
  CREATE TABLE api_big(id bigint PRIMARY KEY, label text, at timestamp);
  INSERT INTO api_big SELECT g, 'row number ' || g, timestamp '2024-01-01' + g * interval '1 second' FROM generate_series(1, ${BIG_ROWS}) g;`);

const dataDir = `${scratch}/data`;
const key = init(dataDir);
const serverArgs = ['--sync-webhook', hookUrl, '--sync-checkpoint-rows', '50000'];
let server = await startServer(dataDir, serverArgs);
let api = client(server.url, key);

try {
  await report.step('the API needs a personal API key', async () => {
    const response = await fetch(`${server.url}/api/projects/1/external_data_sources/`);
    if (response.status !== 401) return `status ${response.status}`;
  });

  await report.step('database_schema: a wrong password is a 400 that does not echo it', async () => {
    const { status, text } = await api('POST', 'external_data_sources/database_schema/', { source_type: 'Postgres', ...settings, password: 'not-it-4711' });
    if (status !== 400 || !text.includes('password authentication failed') || text.includes('4711')) return `${status} ${text}`;
  });

  await report.step('database_schema: an unreachable port names host and port', async () => {
    const { status, text } = await api('POST', 'external_data_sources/database_schema/', { source_type: 'Postgres', ...settings, port: 1 });
    if (status !== 400 || !text.includes('127.0.0.1:1')) return `${status} ${text}`;
  });

  await report.step('database_schema: lists tables with their replication keys', async () => {
    const { status, json } = await api('POST', 'external_data_sources/database_schema/', { source_type: 'Postgres', ...settings });
    if (status !== 200) return `${status} ${JSON.stringify(json)}`;
    const orders = json.find((table) => table.table === 'api_orders');
    const fields = orders?.incremental_fields?.map((field) => `${field.field}:${field.field_type}`).join(',');
    if (fields !== 'id:integer,amount:numeric,updated_at:timestamp' || !orders.incremental_available) return JSON.stringify(orders);
  });

  let source;
  await report.step('create: links the source, never returns the password', async () => {
    const { status, json, text } = await api('POST', 'external_data_sources/', {
      source_type: 'Postgres',
      prefix: 'api_',
      payload: { ...settings, schemas: [
        { name: 'api_orders', should_sync: true, sync_type: 'incremental', incremental_field: 'updated_at', sync_frequency: '1hour' },
        { name: 'api_big', should_sync: false },
      ] },
    });
    source = json;
    if (status !== 201) return `${status} ${text}`;
    if (text.includes(PG_PASSWORD)) return `the password came back: ${text}`;
    if (json.source_type !== 'Postgres' || json.job_inputs.host !== '127.0.0.1') return text;
  });
  const schemaOf = (name) => source.schemas.find((schema) => schema.name === name);
  const orders = schemaOf('api_orders');
  const big = schemaOf('api_big');

  await report.step('create: a colliding prefix is refused', async () => {
    const { status, text } = await api('POST', 'external_data_sources/', { source_type: 'Postgres', prefix: 'api_', payload: settings });
    if (status !== 409 || !/table api_postgres_api_(orders|big)/.test(text)) return `${status} ${text}`;
  });

  await report.step('the scheduler syncs a new table at once', async () => {
    const schema = await waitFor('the first sync', async () => {
      const { json } = await api('GET', `external_data_schemas/${orders.id}/`);
      return { done: json.status === 'Completed', value: json };
    });
    if (schema.table.name !== 'api_postgres_api_orders' || schema.table.row_count !== 3) return JSON.stringify(schema);
    if (!schema.next_sync_at || !schema.last_synced_at) return JSON.stringify(schema);
    const rows = await query(api, 'SELECT customer, sum(amount) FROM api_postgres_api_orders GROUP BY customer ORDER BY customer');
    if (JSON.stringify(rows) !== JSON.stringify([['ada', '15.50'], ['bob', '20.00']])) return JSON.stringify(rows);
  });

  await report.step('update: bad values are 400s naming what is allowed', async () => {
    for (const [body, wanted] of [[{ sync_frequency: '2hour' }, 'never, 5min'], [{ sync_time_of_day: '25:00' }, 'HH:MM'], [{ incremental_field: 'customer' }, 'a replication key must be'], [{ sync_type: 'merge' }, 'unknown sync type']]) {
      const { status, text } = await api('PATCH', `external_data_schemas/${orders.id}/`, body);
      if (status !== 400 || !text.includes(wanted)) return `${JSON.stringify(body)}: ${status} ${text}`;
    }
  });

  await report.step('update: a time of day anchors the next run', async () => {
    const { status, json } = await api('PATCH', `external_data_schemas/${orders.id}/`, { sync_frequency: '24hour', sync_time_of_day: '03:00' });
    if (status !== 200 || json.sync_time_of_day !== '03:00' || !/T03:00:00Z$/.test(json.next_sync_at ?? '')) return JSON.stringify(json);
  });

  await report.step('reload: syncs now and merges updated rows', async () => {
    psql(`UPDATE api_orders SET amount = 99, updated_at = '2024-01-05' WHERE id = 1; INSERT INTO api_orders VALUES (4,'cy',7,'2024-01-06');`);
    const { status, text } = await api('POST', `external_data_schemas/${orders.id}/reload/`);
    if (status !== 200) return `${status} ${text}`;
    await waitFor('the reload', async () => {
      const { json } = await api('GET', `external_data_schemas/${orders.id}/jobs/`);
      return { done: json.count === 2 && json.results[0].status === 'Completed', value: json };
    });
    const rows = await query(api, 'SELECT id, amount FROM api_postgres_api_orders ORDER BY id');
    if (JSON.stringify(rows) !== JSON.stringify([[1, '99.00'], [2, '20.00'], [3, '5.00'], [4, '7.00']])) return JSON.stringify(rows);
    const { json } = await api('GET', `external_data_schemas/${orders.id}/jobs/`);
    if (json.results[0].cursor_after !== '2024-01-06 00:00:00') return JSON.stringify(json.results[0]);
  });

  await report.step('cancel: nothing running is a 409', async () => {
    const { status } = await api('POST', `external_data_schemas/${orders.id}/cancel/`);
    if (status !== 409) return `status ${status}`;
  });

  await report.step('a disabled table cannot be reloaded', async () => {
    const { status, text } = await api('POST', `external_data_schemas/${big.id}/reload/`);
    if (status !== 409 || !text.includes('not enabled')) return `${status} ${text}`;
  });

  const bigCount = async () => (await query(api, 'SELECT count(), count(DISTINCT id), sum(id) FROM api_postgres_api_big'))?.[0]?.join(',');
  const sourceSum = pgValue('SELECT sum(id) FROM api_big');
  const wholeBig = `${BIG_ROWS},${BIG_ROWS},${sourceSum}`;

  await report.step('enable: the full refresh of the big table completes', async () => {
    const { status, text } = await api('PATCH', `external_data_schemas/${big.id}/`, { should_sync: true });
    if (status !== 200) return `${status} ${text}`;
    await waitFor('the full refresh', async () => {
      const { json } = await api('GET', `external_data_schemas/${big.id}/`);
      return { done: json.status === 'Completed', value: json };
    }, 120000);
    const counts = await bigCount();
    if (counts !== wholeBig) return `${counts} != ${wholeBig}`;
  });

  await report.step('the source dying mid-sync fails the job, keeps the old data and calls the webhook', async () => {
    psql(`DELETE FROM api_big WHERE id > ${BIG_ROWS - 10}`);
    const { status } = await api('POST', `external_data_schemas/${big.id}/reload/`);
    if (status !== 200) return `reload: ${status}`;
    await waitFor('rows in flight', async () => {
      const { json } = await api('GET', `external_data_schemas/${big.id}/`);
      return { done: (json.progress?.rows_synced ?? 0) > 0, value: json };
    });
    pgValue(`SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE usename = 'larder' AND query ILIKE 'COPY%'`);
    const job = await waitFor('the failed job', async () => {
      const { json } = await api('GET', `external_data_schemas/${big.id}/jobs/`);
      return { done: json.results[0].status !== 'Running', value: json.results[0] };
    });
    if (job.status !== 'Failed' || !/terminat|connection|server closed/i.test(job.latest_error ?? '')) return JSON.stringify(job);
    const counts = await bigCount();
    if (counts !== wholeBig) return `old data changed: ${counts} != ${wholeBig}`;
    await waitFor('the webhook', async () => ({ done: hooks.length > 0, value: hooks }), 10000);
    const hook = JSON.parse(hooks[0].body);
    if (hooks[0].path !== '/hooks/sync' || hook.event !== 'sync_failed' || hook.table !== 'api_big') return JSON.stringify(hooks);
  });

  await report.step('the next run after a failure recovers', async () => {
    await waitFor('the retry', async () => {
      const { status } = await api('POST', `external_data_schemas/${big.id}/reload/`);
      return { done: status === 200, value: status };
    });
    await waitFor('the recovered sync', async () => {
      const { json } = await api('GET', `external_data_schemas/${big.id}/`);
      return { done: json.status === 'Completed', value: json };
    }, 120000);
    const counts = await bigCount();
    if (!counts?.startsWith(`${BIG_ROWS - 10},${BIG_ROWS - 10},`)) return counts;
  });

  await report.step('kill -9 mid-sync, then resume: nothing lost, nothing doubled', async () => {
    psql(`INSERT INTO api_big SELECT g, 'row number ' || g, timestamp '2024-01-01' + g * interval '1 second' FROM generate_series(${BIG_ROWS - 9}, ${BIG_ROWS}) g`);
    let response = await api('POST', `external_data_schemas/${big.id}/delete_data/`);
    if (response.status !== 200) return `delete_data: ${response.status} ${response.text}`;
    response = await api('PATCH', `external_data_schemas/${big.id}/`, { sync_type: 'append', incremental_field: 'id' });
    if (response.status !== 200) return `patch: ${response.status} ${response.text}`;
    response = await api('POST', `external_data_schemas/${big.id}/reload/`);
    if (response.status !== 200 && response.status !== 409) return `reload: ${response.status} ${response.text}`;
    await waitFor('a checkpoint', async () => {
      const { json } = await api('GET', `external_data_schemas/${big.id}/`);
      return { done: (json.progress?.rows_synced ?? 0) >= 200000, value: json };
    });
    await stopServer(server.proc, 'SIGKILL');
    server = await startServer(dataDir, [...serverArgs, '--no-scheduler']);
    api = client(server.url, key);
    const { json: jobs } = await api('GET', `external_data_schemas/${big.id}/jobs/`);
    if (jobs.results[0].status !== 'Failed' || !jobs.results[0].latest_error.includes('stopped while this sync ran')) return JSON.stringify(jobs.results[0]);
    const partial = await bigCount();
    const [count, distinct] = (partial ?? '0,0').split(',').map(Number);
    if (count !== distinct || count >= BIG_ROWS) return `after the kill: ${partial}`;
    response = await api('POST', `external_data_schemas/${big.id}/reload/`);
    if (response.status !== 200) return `reload after restart: ${response.status} ${response.text}`;
    await waitFor('the resumed sync', async () => {
      const { json } = await api('GET', `external_data_schemas/${big.id}/`);
      return { done: json.status === 'Completed', value: json };
    }, 120000);
    const counts = await bigCount();
    if (counts !== wholeBig) return `after resuming from ${partial}: ${counts} != ${wholeBig}`;
  });

  await report.step('list: sources show their status and last run', async () => {
    const { json } = await api('GET', 'external_data_sources/');
    const listed = json.results?.[0];
    const names = listed?.schemas?.map((schema) => schema.name) ?? [];
    if (json.count !== 1 || listed.status !== 'Completed' || !listed.last_run_at || !names.includes('api_orders') || !names.includes('api_big')) return JSON.stringify(json);
  });

  await report.step('delete_data drops the table and forgets its state', async () => {
    const { status, json } = await api('POST', `external_data_schemas/${orders.id}/delete_data/`);
    if (status !== 200 || json.table.row_count !== 0 || json.last_synced_at !== null) return JSON.stringify(json);
    const rows = await query(api, 'SELECT count() FROM api_postgres_api_orders');
    if (!rows.error) return `the table is still there: ${JSON.stringify(rows)}`;
  });

  await report.step('delete source: its tables go, the source is 404', async () => {
    const { status } = await api('DELETE', `external_data_sources/${source.id}/`);
    if (status !== 204) return `delete: ${status}`;
    const again = await api('GET', `external_data_sources/${source.id}/`);
    if (again.status !== 404) return `get after delete: ${again.status}`;
    const rows = await query(api, 'SELECT count() FROM api_postgres_api_big');
    if (!rows.error) return `the table is still there: ${JSON.stringify(rows)}`;
  });

  await stopServer(server.proc);
  await report.step('--deny-private-networks refuses local hosts', async () => {
    const sharedDir = `${scratch}/shared`;
    const sharedKey = init(sharedDir);
    const shared = await startServer(sharedDir, ['--deny-private-networks']);
    try {
      const sharedApi = client(shared.url, sharedKey);
      for (const host of ['127.0.0.1', 'localhost', '10.1.2.3', '169.254.169.254']) {
        const { status, text } = await sharedApi('POST', 'external_data_sources/database_schema/', { source_type: 'Postgres', ...settings, host });
        if (status !== 403 || !text.includes('--deny-private-networks')) return `${host}: ${status} ${text}`;
      }
    } finally {
      await stopServer(shared.proc);
    }
  });
} catch (error) {
  report.fail('the suite', String(error?.stack ?? error));
} finally {
  for (const child of children) child.kill('SIGKILL');
  hookServer.close();
  if (report.failed > 0) console.log(fs.readFileSync(`${scratch}/server.log`, 'utf8').split('\n').slice(-30).join('\n'));
  fs.rmSync(scratch, { recursive: true, force: true });
}
process.exit(report.failed > 0 ? 1 : 0);
