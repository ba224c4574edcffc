// Bad input to the capture routes and the query API. Each case checks the status code, that the
// response says what was wrong (JSON `detail` matching the case), and that nothing of the
// request was stored: every case writes under its own distinct id, and after the next flush no
// row carries it, the events and persons counts moved only by the accepted control requests,
// and a person touched by a rejected batch kept its properties. Slow and oversized requests must
// be cut off while the server keeps answering others.
import zlib from 'node:zlib';
import net from 'node:net';
import crypto from 'node:crypto';
import {
  Report,
  serverFromEnv,
  runId,
  request,
  rawRequest,
  capture,
  queryApi,
  queryRows,
  pollRows,
  errorMessage,
  describe,
  num,
  sqlString,
  sleep,
  personProperties,
} from './lib.mjs';

const report = new Report('bad_input');
const server = serverFromEnv();
const project = server.project1;
const T = project.token;
const prefix = `bad-${runId()}-`;
const MB = 1 << 20;

// A valid event of `caseName`, stored under its own distinct id if anything stores it.
function ev(caseName, extra = {}) {
  return { event: prefix + caseName, distinct_id: prefix + caseName, properties: { case: caseName }, ...extra };
}
const json = (value) => JSON.stringify(value);
const post = (path, body, headers = {}) => ({ method: 'POST', path, body, headers: { 'Content-Type': 'application/json', ...headers } });
const gzip = (text) => zlib.gzipSync(Buffer.from(text));
const form = (fields) => new URLSearchParams(fields).toString();
const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };

// status: the wanted status (or list); message: what the error must talk about.
function captureCases() {
  const batchOf = (name, events) => json({ api_key: T, batch: events ?? [ev(name)] });
  const single = (name, fields) => json({ api_key: T, ...ev(name), ...fields });
  const without = (name, field) => {
    const event = { api_key: T, ...ev(name) };
    delete event[field];
    return json(event);
  };
  const deep = '['.repeat(10000) + ']'.repeat(10000);
  const gz = gzip(batchOf('truncated-gzip'));
  const gzJs = gzip(batchOf('truncated-gzip-js'));
  const GZIP_MSG = /gzip|decompress|compress|inflate|truncat|corrupt/i;
  const ENCODING_MSG = /encoding|compression|unsupported|\bbr\b/i; // names the encoding, not the bytes
  return [
    { name: 'truncated-gzip', req: post('/batch/', gz.subarray(0, gz.length - 12), { 'Content-Encoding': 'gzip' }), status: 400, message: GZIP_MSG },
    { name: 'truncated-gzip-js', req: post('/e/?compression=gzip-js', gzJs.subarray(0, gzJs.length >> 1), { 'Content-Type': 'text/plain' }), status: 400, message: GZIP_MSG },
    { name: 'gzip-garbage', req: post('/batch/', Buffer.concat([Buffer.from([0x1f, 0x8b, 8, 0]), Buffer.alloc(200, 0x5a)]), { 'Content-Encoding': 'gzip' }), status: 400, message: GZIP_MSG },
    { name: 'invalid-json', req: post('/capture/', `{"api_key":"${T}","event":"${prefix}invalid-json","distinct_id":`), status: 400, message: /json|pars|syntax|unexpected|malformed/i },
    { name: 'json-trailing-garbage', req: post('/capture/', `${single('json-trailing-garbage')} trailing`), status: 400, message: /json|pars|syntax|trailing|unexpected|malformed/i },
    { name: 'json-nul-byte', req: post('/capture/', `{"api_key":"${T}","event":"${prefix}json-nul-byte\u0000","distinct_id":"${prefix}json-nul-byte"}`), status: 400, message: /json|pars|syntax|control|unexpected|malformed|invalid/i },
    { name: 'json-string', req: post('/capture/', json(`${prefix}json-string`)), status: 400, message: /object|array|json|body|event/i },
    { name: 'json-number', req: post('/batch/', '42'), status: 400, message: /object|array|json|body|event/i },
    { name: 'json-null', req: post('/batch/', 'null'), status: 400, message: /object|array|json|body|event/i },
    { name: 'event-number', req: post('/capture/', single('event-number', { event: 42 })), status: 400, message: /event/i },
    { name: 'event-null', req: post('/capture/', single('event-null', { event: null })), status: 400, message: /event/i },
    { name: 'properties-string', req: post('/capture/', single('properties-string', { properties: 'a string' })), status: 400, message: /properties/i },
    { name: 'properties-array', req: post('/capture/', single('properties-array', { properties: [1, 2] })), status: 400, message: /properties/i },
    { name: 'distinct-id-empty', req: post('/capture/', single('distinct-id-empty', { distinct_id: '' })), status: 400, message: /distinct_?id/i },
    { name: 'uuid-malformed', req: post('/capture/', single('uuid-malformed', { uuid: 'not-a-uuid-at-all' })), status: 400, message: /uuid/i },
    { name: 'uuid-number', req: post('/capture/', single('uuid-number', { uuid: 1234 })), status: 400, message: /uuid/i },
    { name: 'timestamp-object', req: post('/capture/', single('timestamp-object', { timestamp: { at: 'now' } })), status: 400, message: /timestamp/i },
    { name: 'missing-event', req: post('/capture/', without('missing-event', 'event')), status: 400, message: /event/i },
    { name: 'missing-distinct-id', req: post('/capture/', without('missing-distinct-id', 'distinct_id')), status: 400, message: /distinct_?id/i },
    { name: 'empty-batch', req: post('/batch/', json({ api_key: T, batch: [] })), status: 400, message: /empty|no events|batch/i },
    { name: 'empty-array', req: post('/e/', '[]'), status: 400, message: /empty|no events|batch|array/i },
    { name: 'batch-not-array', req: post('/batch/', json({ api_key: T, batch: `${prefix}batch-not-array` })), status: 400, message: /batch|array/i },
    { name: 'batch-element-not-object', req: post('/batch/', json({ api_key: T, batch: [ev('batch-element-not-object'), 5] })), status: 400, message: /object|event/i },
    {
      name: 'one-bad-event-in-batch',
      req: post('/batch/', json({ api_key: T, batch: [ev('one-bad-event-in-batch'), ev('one-bad-event-in-batch', { properties: { n: 2 } }), { ...ev('one-bad-event-in-batch'), event: 7 }, ev('one-bad-event-in-batch')] })),
      status: 400,
      message: /event/i,
    },
    { name: 'unknown-token', req: post('/capture/', json({ ...ev('unknown-token'), api_key: 'phc_ThisTokenDoesNotExist000000000000000000000' })), status: 401, message: /token|api.?key|project/i, anyType: true },
    { name: 'empty-token', req: post('/capture/', json({ ...ev('empty-token'), api_key: '' })), status: 401, message: /token|api.?key|project/i, anyType: true },
    { name: 'no-token', req: post('/capture/', json(ev('no-token'))), status: 401, message: /token|api.?key|project/i, anyType: true },
    { name: 'invalid-utf8', req: post('/capture/', Buffer.concat([Buffer.from(`{"api_key":"${T}","event":"${prefix}invalid-utf8 `), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from(`","distinct_id":"${prefix}invalid-utf8"}`)])), status: 400, message: /utf-?8|unicode|encod|invalid|json/i },
    { name: 'nesting-10000-deep', req: post('/capture/', `{"api_key":"${T}","event":"${prefix}nesting-10000-deep","distinct_id":"${prefix}nesting-10000-deep","properties":{"deep":${deep}}}`), status: 400, message: /deep|depth|nest/i },
    { name: 'bad-base64-form', req: { method: 'POST', path: '/e/?compression=base64', headers: FORM, body: form({ data: '%%not*base64!!' }) }, status: 400, message: /base64|decod/i },
    { name: 'bad-base64-get', req: { method: 'GET', path: `/e/?compression=base64&data=${encodeURIComponent('!!not base64??')}` }, status: 400, message: /base64|decod|data/i },
    { name: 'base64-of-invalid-json', req: { method: 'POST', path: '/e/', headers: FORM, body: form({ data: Buffer.from(`{"event":"${prefix}base64-of-invalid-json",`).toString('base64') }) }, status: 400, message: /json|pars|syntax|malformed/i },
    { name: 'bad-lz64', req: { method: 'POST', path: '/e/?compression=lz64', headers: FORM, body: form({ data: '\u2603\u2603 not lz-string \u2603' }) }, status: 400, message: /lz|decompress|decod|json/i },
    { name: 'unsupported-content-encoding', req: post('/batch/', zlib.brotliCompressSync(Buffer.from(batchOf('unsupported-content-encoding'))), { 'Content-Encoding': 'br' }), status: [400, 415], message: ENCODING_MSG },
    { name: 'unknown-compression', req: post('/e/?compression=br', zlib.brotliCompressSync(Buffer.from(batchOf('unknown-compression'))), { 'Content-Type': 'text/plain' }), status: [400, 415], message: ENCODING_MSG },
    { name: 'get-without-data', req: { method: 'GET', path: '/e/?ver=1.0' }, status: 400, message: /data|empty|no events|body|missing/i },
    { name: 'unknown-route', req: post('/nosuch/route/', batchOf('unknown-route')), status: 404, message: /./, anyType: true },
    { name: 'wrong-method', req: { method: 'PUT', path: '/batch/', headers: { 'Content-Type': 'application/json' }, body: batchOf('wrong-method') }, status: 405, message: /./, anyType: true },
  ];
}

async function runCaptureCase(testCase) {
  testCase.response = await request(server.url, testCase.req);
}

// Judged after the flush that follows every case: status, message, nothing stored.
function judge(testCase, storedByCase) {
  const { response } = testCase;
  const statuses = [].concat(testCase.status);
  const message = errorMessage(response);
  const problems = [];
  if (!statuses.includes(response.status)) problems.push(`status ${response.status ?? response.error}, wanted ${statuses.join(' or ')}`);
  if (!testCase.message.test(message)) problems.push(`message ${JSON.stringify(message)} does not match ${testCase.message}`);
  if (response.status === 400 && !testCase.anyType && response.json?.type !== 'validation_error') problems.push(`type ${JSON.stringify(response.json?.type)}, wanted "validation_error"`);
  const stored = storedByCase[prefix + testCase.name] ?? 0;
  if (stored !== 0) problems.push(`${stored} event(s) stored`);
  const req = testCase.req;
  const shownBody = req.body === undefined ? '' : Buffer.isBuffer(req.body) ? `<${req.body.length} bytes>` : String(req.body).slice(0, 160);
  report.check(`${testCase.name} → ${statuses.join('/')}`, problems.length === 0, ...problems, `request: ${req.method} ${req.path} ${JSON.stringify(req.headers ?? {})} ${shownBody}`, `response: ${describe(response)}`);
}

// A 50 MB body: refused with 413, by its Content-Length, before or after reading it.
async function bigBodyCase() {
  const head = `{"api_key":"${T}","batch":[{"event":"${prefix}body-50mb","distinct_id":"${prefix}body-50mb","properties":{"pad":"`;
  const tail = '"}}]}';
  const body = Buffer.alloc(50 * MB, 'a');
  body.write(head, 0);
  body.write(tail, body.length - tail.length);
  const start = `POST /batch/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`;
  return { name: 'body-50mb', req: { method: 'POST', path: '/batch/', body }, status: 413, message: /large|size|limit|exceed|bytes/i, anyType: true, response: await rawRequest(server.url, start, body) };
}

// A gzip body that inflates far past the body limit (100 MB from ~100 KB).
async function gzipBombCase() {
  const text = `{"api_key":"${T}","batch":[{"event":"${prefix}gzip-bomb","distinct_id":"${prefix}gzip-bomb","properties":{"pad":"${'a'.repeat(100 * MB)}"}}]}`;
  const body = zlib.gzipSync(Buffer.from(text), { level: 9 });
  const req = post('/batch/', body, { 'Content-Encoding': 'gzip' });
  return { name: 'gzip-bomb', req, status: 413, message: /large|size|limit|exceed|bytes|inflat|decompress/i, anyType: true, response: await request(server.url, req) };
}

// A header far longer than any server accepts: refused (400 or 431), and the server goes on.
async function longHeaderCase() {
  const req = post('/capture/', json({ api_key: T, ...ev('over-long-header') }), { 'X-Padding': 'x'.repeat(256 * 1024) });
  const response = await request(server.url, req);
  const after = await request(server.url, { path: '/_health' });
  report.check(
    'over-long-header → 400/431, nothing stored, server still answers',
    [400, 431].includes(response.status) && after.status === 200,
    `response: ${describe(response)}`,
    `GET /_health after: ${describe(after)}`,
  );
}

// A client that stops sending in the middle of its request: the server must close the
// connection after its read timeout, keep serving other clients meanwhile, and store nothing.
async function slowClientsCase() {
  const sockets = [];
  const partialBody = `{"api_key":"${T}","batch":[${json(ev('slow-client'))},`;
  for (let index = 0; index < 24; index++) {
    const socket = net.connect(Number(new URL(server.url).port), '127.0.0.1');
    socket.on('error', () => {});
    const opened = Date.now();
    const entry = { closedAfterMs: null, answer: '' };
    socket.on('data', (chunk) => (entry.answer += chunk.toString('latin1')));
    socket.on('close', () => (entry.closedAfterMs = Date.now() - opened));
    socket.on('connect', () => {
      if (index % 2 === 0) socket.write('POST /batch/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: appl');
      else socket.write(`POST /batch/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${partialBody.length + 1000}\r\n\r\n${partialBody}`);
    });
    sockets.push({ socket, entry });
  }
  await sleep(300);
  const started = Date.now();
  const during = await capture(server.url, '/capture/', { api_key: T, event: `${prefix}control`, distinct_id: `${prefix}during-slow-clients` }, {});
  const latency = Date.now() - started;
  report.check('a request is served within 10 s while 24 clients stall mid-request', during.status === 200 && latency < 10000, `response after ${latency} ms: ${describe(during)}`);
  const deadline = Date.now() + 90000;
  while (Date.now() < deadline && sockets.some(({ entry }) => entry.closedAfterMs === null)) await sleep(250);
  const open = sockets.filter(({ entry }) => entry.closedAfterMs === null).length;
  const times = sockets.map(({ entry }) => entry.closedAfterMs).filter((t) => t !== null);
  const answers = [...new Set(sockets.map(({ entry }) => entry.answer.split('\r\n')[0] || '(closed without an answer)'))];
  for (const { socket } of sockets) socket.destroy();
  report.check('stalled connections are closed by the server within 90 s', open === 0, `${open} of ${sockets.length} still open after 90 s` + (times.length ? `; closed after ${Math.min(...times)}..${Math.max(...times)} ms` : ''), `answers: ${answers.join(' | ')}`);
  const after = await request(server.url, { path: '/_health' });
  report.check('server answers after the stalled connections', after.status === 200, describe(after));
}

// A request whose body ends before its Content-Length: nothing of it may be stored.
async function cutShortCase() {
  const body = json({ api_key: T, batch: [ev('body-cut-short')] });
  const socket = net.connect(Number(new URL(server.url).port), '127.0.0.1');
  socket.on('error', () => {});
  await new Promise((resolve) => socket.on('connect', resolve));
  socket.write(`POST /batch/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${body.length + 50}\r\n\r\n${body}`);
  await sleep(200);
  socket.destroy();
}

// The same uuid twice in one batch and again in a second request: stored once.
async function duplicateUuidCase() {
  const event = ev('duplicate-uuid', { uuid: crypto.randomUUID() });
  const first = await capture(server.url, '/batch/', { api_key: T, batch: [event, event] });
  const second = await capture(server.url, '/batch/', { api_key: T, batch: [event] });
  return { first, second };
}

function queryCases() {
  const p2 = server.project2;
  const q = (sql) => json({ query: { kind: 'HogQLQuery', query: sql } });
  const api = (path, key, body, headers = {}) => ({ method: 'POST', path, headers: { 'Content-Type': 'application/json', ...(key ? { Authorization: `Bearer ${key}` } : {}), ...headers }, body });
  const path = `/api/projects/${project.id}/query/`;
  const AUTH = /key|auth|credential|token|bearer/i;
  const cases = [
    { name: 'query: no key', req: api(path, null, q('SELECT 1')), status: 401, message: AUTH, anyType: true },
    { name: 'query: unknown key', req: api(path, 'phx_ThisKeyDoesNotExist0000000000000000000000000', q('SELECT 1')), status: 401, message: AUTH, anyType: true },
    { name: 'query: project token instead of a key', req: api(path, T, q('SELECT 1')), status: 401, message: AUTH, anyType: true },
    { name: 'query: Basic instead of Bearer', req: api(path, null, q('SELECT 1'), { Authorization: `Basic ${Buffer.from(`x:${project.key}`).toString('base64')}` }), status: 401, message: AUTH, anyType: true },
    { name: 'query: project that does not exist', req: api('/api/projects/999999/query/', project.key, q('SELECT 1')), status: [403, 404], message: /./, anyType: true },
    { name: 'query: project id not a number', req: api('/api/projects/abc/query/', project.key, q('SELECT 1')), status: [400, 403, 404], message: /./, anyType: true },
    { name: 'query: malformed JSON body', req: api(path, project.key, '{"query": {"kind": "HogQLQuery", "query": '), status: 400, message: /json|pars|body|malformed/i },
    { name: 'query: body without query', req: api(path, project.key, '{}'), status: 400, message: /query/i },
    { name: 'query: query not a string', req: api(path, project.key, json({ query: { kind: 'HogQLQuery', query: 42 } })), status: 400, message: /query/i },
    { name: 'query: unknown kind', req: api(path, project.key, json({ query: { kind: 'NoSuchQuery', query: 'SELECT 1' } })), status: 400, message: /kind|NoSuchQuery|unsupported/i },
    { name: 'query: unknown table', req: api(path, project.key, q('SELECT * FROM no_such_table')), status: 400, message: /no_such_table/i },
    { name: 'query: unknown column', req: api(path, project.key, q('SELECT no_such_column FROM events')), status: 400, message: /no_such_column/i },
    { name: 'query: DELETE is not a query', req: api(path, project.key, q('DELETE FROM events')), status: 400, message: /./ },
    { name: 'query: DROP is not a query', req: api(path, project.key, q('DROP TABLE events')), status: 400, message: /./ },
  ];
  if (p2.key) {
    cases.push({ name: "query: another project's key", req: api(path, p2.key, q('SELECT count() FROM events')), status: [403, 404], message: /./, anyType: true });
  }
  return cases;
}

// A syntax error must say where: a position field, or the message points at the spot.
async function badSqlCase() {
  const sql = 'SELECT event FROM events WHERE AND timestamp > 1';
  const response = await queryApi(server.url, project.id, project.key, sql);
  const message = errorMessage(response);
  const body = response.json ?? {};
  const hasPosition =
    ['start', 'end', 'position', 'offset', 'line', 'column'].some((field) => typeof body[field] === 'number' || typeof body[field]?.offset === 'number') ||
    /position|offset|line \d|column \d|\^/i.test(message);
  report.check(
    'query: syntax error → 400 validation_error with its position',
    response.status === 400 && body.type === 'validation_error' && message !== '' && hasPosition,
    `request: ${sql}`,
    `response: ${describe(response)}`,
  );
}

async function judgeQueryCases(cases) {
  for (const testCase of cases) {
    testCase.response = await request(server.url, testCase.req);
    const { response } = testCase;
    const statuses = [].concat(testCase.status);
    const problems = [];
    if (!statuses.includes(response.status)) problems.push(`status ${response.status ?? response.error}, wanted ${statuses.join(' or ')}`);
    if (!testCase.message.test(errorMessage(response))) problems.push(`message ${JSON.stringify(errorMessage(response))} does not match ${testCase.message}`);
    if (response.status === 400 && response.json?.type !== 'validation_error') problems.push(`type ${JSON.stringify(response.json?.type)}, wanted "validation_error"`);
    if (response.status !== 200 && response.json?.results) problems.push('an error response carries results');
    report.check(`${testCase.name} → ${statuses.join('/')}`, problems.length === 0, ...problems, `request: ${testCase.req.method} ${testCase.req.path} ${String(testCase.req.body).slice(0, 160)}`, `response: ${describe(response)}`);
  }
}

// Rows in each table; a table that cannot be counted reads as its error message.
async function counts() {
  const out = {};
  for (const table of ['events', 'persons', 'person_distinct_ids']) {
    out[table] = await queryRows(server.url, project, `SELECT count() FROM ${table}`).then(
      (rows) => num(rows[0][0]),
      (error) => error.message.split('\n').pop().trim(),
    );
  }
  return out;
}

// Sends one event and waits until a query sees it: everything accepted before it is flushed.
async function sentinel(name) {
  const response = await capture(server.url, '/capture/', { api_key: T, event: `${prefix}control`, distinct_id: prefix + name });
  if (response.status !== 200) throw new Error(`control event refused: ${describe(response)}`);
  const seen = await pollRows(server.url, project, `SELECT count() FROM events WHERE distinct_id = ${sqlString(prefix + name)}`, (rows) => num(rows[0][0]) === 1);
  if (!seen.settled) throw new Error(`control event ${prefix + name} not visible after 30 s: ${JSON.stringify(seen.rows)} ${seen.error ?? ''}`);
}

async function main() {
  // A person with a known property, which a rejected batch below tries to change.
  const existing = `${prefix}existing-person`;
  await capture(server.url, '/capture/', { api_key: T, event: '$set', distinct_id: existing, properties: { $set: { plan: 'original' } } });
  await sentinel('sentinel-before');
  const before = await counts();

  const cases = captureCases();
  cases.push({
    name: 'rejected-batch-leaves-person-unchanged',
    req: post('/batch/', json({ api_key: T, batch: [{ event: '$set', distinct_id: existing, properties: { $set: { plan: 'changed' } } }, { ...ev('rejected-batch-leaves-person-unchanged'), event: 7 }] })),
    status: 400,
    message: /event/i,
  });
  for (const testCase of cases) await runCaptureCase(testCase);
  cases.push(await bigBodyCase());
  cases.push(await gzipBombCase());
  await cutShortCase();
  const duplicates = await duplicateUuidCase();
  await longHeaderCase();
  await slowClientsCase();

  await sentinel('sentinel-after');
  const stored = await queryRows(server.url, project, `SELECT distinct_id, count() FROM events WHERE distinct_id LIKE ${sqlString(prefix + '%')} GROUP BY distinct_id`);
  const storedByCase = Object.fromEntries(stored.map(([distinctId, count]) => [distinctId, num(count)]));
  for (const testCase of cases) judge(testCase, storedByCase);
  report.check('body-cut-short: nothing stored', !storedByCase[`${prefix}body-cut-short`], `stored: ${storedByCase[`${prefix}body-cut-short`]}`);
  report.check('over-long-header: nothing stored', !storedByCase[`${prefix}over-long-header`], `stored: ${storedByCase[`${prefix}over-long-header`]}`);
  report.check('slow clients: nothing stored', !storedByCase[`${prefix}slow-client`], `stored: ${storedByCase[`${prefix}slow-client`]}`);
  report.check(
    'duplicate uuid (twice in a batch, again in a retry) → 200, stored once',
    duplicates.first.status === 200 && duplicates.second.status === 200 && storedByCase[`${prefix}duplicate-uuid`] === 1,
    `first: ${describe(duplicates.first)}`,
    `retry: ${describe(duplicates.second)}`,
    `stored: ${storedByCase[`${prefix}duplicate-uuid`]}`,
  );

  // Accepted since `before`: the duplicate (1), the event sent during the slow clients (1) and
  // the second control event (1), each with a new person and distinct id.
  const after = await counts();
  for (const table of Object.keys(after)) {
    const want = typeof before[table] === 'number' ? before[table] + 3 : before[table];
    report.check(`rejected requests added no row to ${table}`, typeof after[table] === 'number' && after[table] === want, `before ${before[table]}, after ${after[table]}, wanted ${want}`);
  }
  const person = await personProperties(server.url, project, existing).catch((error) => error.message);
  report.check('a rejected batch did not apply its $set to the existing person', person?.plan === 'original', `person properties: ${JSON.stringify(person)}`);

  await judgeQueryCases(queryCases());
  await badSqlCase();
  const [[eventsLeft]] = await queryRows(server.url, project, 'SELECT count() FROM events');
  report.check('events still there after DELETE / DROP attempts', num(eventsLeft) === after.events, `count ${eventsLeft}, wanted ${after.events}`);
  const health = await request(server.url, { path: '/_health' });
  report.check('server still healthy after every bad input', health.status === 200, describe(health));
  report.finish();
}

main().catch((error) => {
  report.fail('suite ran to the end', error.stack ?? String(error));
  report.finish();
});
