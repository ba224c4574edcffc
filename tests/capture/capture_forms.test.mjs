// Every request form PostHog's capture accepts, each sent once and checked stored: the routes
// with and without trailing slash, single / batch / array bodies, the places a token and a
// distinct id may be, gzip (header, magic bytes, ?compression=gzip-js), base64 and lz64 form data,
// GET with data=, chunked bodies, keep-alive, sent_at clock-skew correction and generated uuids.
import http from 'node:http';
import zlib from 'node:zlib';
import lz from 'lz-string';
import { Report, serverFromEnv, runId, request, pollRows, queryRows, countsOf, diffCounts, describe, parseTimestamp, sqlString, personProperties } from './lib.mjs';

const report = new Report('capture_forms');
const server = serverFromEnv();
const project = server.project1;
const T = project.token;
const prefix = `form-${runId()}-`;

const ev = (name, extra = {}) => ({ event: `form ${name}`, distinct_id: prefix + name, properties: { form: name }, ...extra });
const json = (value) => JSON.stringify(value);
const JSON_TYPE = { 'Content-Type': 'application/json' };
const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };
const form = (fields) => new URLSearchParams(fields).toString();

function forms() {
  const cases = [];
  for (const route of ['/capture', '/batch', '/e', '/i/v0/e', '/track', '/engage']) {
    for (const slash of ['', '/']) {
      const name = `route${route.replace(/\//g, '-')}${slash ? '-slash' : ''}`;
      const body = route === '/batch' ? { api_key: T, batch: [ev(name)] } : { api_key: T, ...ev(name) };
      cases.push({ name, req: { method: 'POST', path: route + slash, headers: JSON_TYPE, body: json(body) } });
    }
  }
  const add = (name, req, stored = 1) => cases.push({ name, req, stored });
  add('json-array', { method: 'POST', path: '/e/', headers: JSON_TYPE, body: json([ev('json-array', { api_key: T }), ev('json-array', { api_key: T })]) }, 2);
  add('batch-of-three', { method: 'POST', path: '/batch/', headers: JSON_TYPE, body: json({ api_key: T, batch: [ev('batch-of-three'), ev('batch-of-three'), ev('batch-of-three')] }) }, 3);
  add('token-field', { method: 'POST', path: '/capture/', headers: JSON_TYPE, body: json({ token: T, ...ev('token-field') }) });
  add('token-in-properties', { method: 'POST', path: '/e/', headers: JSON_TYPE, body: json(ev('token-in-properties', { properties: { token: T } })) });
  add('distinct-id-in-properties', { method: 'POST', path: '/e/', headers: JSON_TYPE, body: json({ event: 'form distinct-id-in-properties', properties: { token: T, distinct_id: `${prefix}distinct-id-in-properties` } }) });
  const batchText = (name) => json({ api_key: T, batch: [ev(name)] });
  add('content-encoding-gzip', { method: 'POST', path: '/batch/', headers: { ...JSON_TYPE, 'Content-Encoding': 'gzip' }, body: zlib.gzipSync(batchText('content-encoding-gzip')) });
  add('gzip-magic-text-plain', { method: 'POST', path: '/e/', headers: { 'Content-Type': 'text/plain' }, body: zlib.gzipSync(batchText('gzip-magic-text-plain')) });
  add('compression-gzip-js', { method: 'POST', path: '/e/?compression=gzip-js&ver=1.0', headers: { 'Content-Type': 'text/plain' }, body: zlib.gzipSync(batchText('compression-gzip-js')) });
  add('compression-gzip', { method: 'POST', path: '/i/v0/e/?compression=gzip', headers: { 'Content-Type': 'text/plain' }, body: zlib.gzipSync(batchText('compression-gzip')) });
  add('form-base64', { method: 'POST', path: '/e/?compression=base64', headers: FORM, body: form({ data: Buffer.from(batchText('form-base64')).toString('base64') }) });
  add('form-base64-field', { method: 'POST', path: '/e/', headers: FORM, body: form({ data: Buffer.from(batchText('form-base64-field')).toString('base64'), compression: 'base64' }) });
  add('form-plain-json', { method: 'POST', path: '/capture/', headers: FORM, body: form({ data: json({ api_key: T, ...ev('form-plain-json') }) }) });
  add('form-lz64', { method: 'POST', path: '/e/?compression=lz64', headers: FORM, body: form({ data: lz.compressToBase64(batchText('form-lz64')) }) });
  add('get-base64', { method: 'GET', path: `/e/?data=${encodeURIComponent(Buffer.from(json({ api_key: T, ...ev('get-base64') })).toString('base64'))}` });
  add('get-json', { method: 'GET', path: `/capture/?data=${encodeURIComponent(json({ api_key: T, ...ev('get-json') }))}` });
  add('top-level-set', { method: 'POST', path: '/e/', headers: JSON_TYPE, body: json([{ ...ev('top-level-set', { properties: { token: T } }), $set: { plan: 'top' }, $set_once: { first: 'once' } }]) });
  add('unicode', { method: 'POST', path: '/capture/', headers: JSON_TYPE, body: json({ api_key: T, ...ev('unicode', { properties: { text: 'naïve 日本語 😀 \u2028' } }) }) });
  return cases;
}

// A body sent with Transfer-Encoding: chunked, in several pieces.
function chunked(name) {
  return new Promise((resolve) => {
    const req = http.request({ host: '127.0.0.1', port: new URL(server.url).port, method: 'POST', path: '/batch/', headers: { ...JSON_TYPE, 'Transfer-Encoding': 'chunked' }, agent: false }, (res) => {
      let text = '';
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode, text }));
    });
    req.on('error', (error) => resolve({ error: String(error) }));
    const body = batchBody(name);
    for (let offset = 0; offset < body.length; offset += 37) req.write(body.slice(offset, offset + 37));
    req.end();
  });
}
const batchBody = (name) => json({ api_key: T, batch: [ev(name), ev(name)] });

// Twenty requests over one keep-alive connection.
async function keepAlive(name) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const sockets = new Set();
  const statuses = [];
  for (let i = 0; i < 20; i++) {
    statuses.push(
      await new Promise((resolve) => {
        const body = json({ api_key: T, ...ev(name) });
        const req = http.request({ host: '127.0.0.1', port: new URL(server.url).port, method: 'POST', path: '/capture/', headers: { ...JSON_TYPE, 'Content-Length': Buffer.byteLength(body) }, agent }, (res) => {
          sockets.add(res.socket);
          res.resume();
          res.on('end', () => resolve(res.statusCode));
        });
        req.on('error', (error) => resolve(String(error)));
        req.end(body);
      }),
    );
  }
  agent.destroy();
  return { statuses, connections: sockets.size };
}

async function main() {
  const health = await request(server.url, { path: '/_health' });
  report.check('GET /_health → 200', health.status === 200, describe(health));

  const cases = forms();
  for (const testCase of cases) testCase.response = await request(server.url, testCase.req);
  const chunkedResponse = await chunked('chunked');
  const alive = await keepAlive('keep-alive');
  // Clock skew: the client's clock is 2020; the event happened 10 s before it was sent.
  const skew = await request(server.url, { method: 'POST', path: '/batch/', headers: JSON_TYPE, body: json({ api_key: T, sent_at: '2020-01-01T00:00:10.000Z', batch: [ev('clock-skew', { timestamp: '2020-01-01T00:00:00.000Z' })] }) });
  const skewSentAt = Date.now();
  // PostHog stringifies a distinct id that is not a string (as compact JSON text).
  const numericId = Number.parseInt(prefix.replace(/\D/g, '').slice(0, 9) || '7', 10) + 1e9;
  const objectId = { user: `${prefix}object` };
  const stringified = await request(server.url, { method: 'POST', path: '/batch/', headers: JSON_TYPE, body: json({ api_key: T, batch: [ev('x', { event: `${prefix}stringified`, distinct_id: numericId }), ev('x', { event: `${prefix}stringified`, distinct_id: objectId })] }) });

  const expected = {};
  for (const testCase of cases) expected[prefix + testCase.name] = testCase.stored ?? 1;
  Object.assign(expected, { [`${prefix}chunked`]: 2, [`${prefix}keep-alive`]: 20, [`${prefix}clock-skew`]: 1 });
  const result = await pollRows(server.url, project, `SELECT distinct_id, count() FROM events WHERE distinct_id LIKE ${sqlString(prefix + '%')} GROUP BY distinct_id`, (rows) => !diffCounts(expected, countsOf(rows)));
  const stored = countsOf(result.rows ?? []);
  for (const testCase of cases) {
    const want = testCase.stored ?? 1;
    const got = stored[prefix + testCase.name] ?? 0;
    const req = testCase.req;
    const body = req.body === undefined ? '' : Buffer.isBuffer(req.body) ? `<${req.body.length} bytes>` : req.body.slice(0, 200);
    report.check(`${testCase.name}: 200 {"status":1}, ${want} stored`, testCase.response.status === 200 && testCase.response.json?.status === 1 && got === want, `request: ${req.method} ${req.path} ${JSON.stringify(req.headers ?? {})} ${body}`, `response: ${describe(testCase.response)}`, `stored: ${got}`);
  }
  report.check('chunked body: 200, 2 stored', chunkedResponse.status === 200 && stored[`${prefix}chunked`] === 2, `response: ${describe(chunkedResponse)}`, `stored: ${stored[`${prefix}chunked`]}`);
  report.check('keep-alive: 20 requests on one connection, 20 stored', alive.statuses.every((s) => s === 200) && alive.connections === 1 && stored[`${prefix}keep-alive`] === 20, `statuses ${alive.statuses.join(',')} over ${alive.connections} connection(s), stored ${stored[`${prefix}keep-alive`]}`);

  const [row] = await queryRows(server.url, project, `SELECT timestamp, uuid FROM events WHERE distinct_id = ${sqlString(`${prefix}clock-skew`)}`).catch((error) => [[error.message]]);
  const offset = row ? skewSentAt - parseTimestamp(row[0]) : NaN;
  report.check('sent_at corrects clock skew: timestamp = receive time - (sent_at - timestamp)', skew.status === 200 && offset > 5000 && offset < 15000, `response ${describe(skew)}`, `stored timestamp ${row?.[0]}, ${offset} ms before receipt, wanted about 10000`);
  report.check('a missing uuid is generated', row && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(String(row[1])), `uuid ${row?.[1]}`);
  const person = await personProperties(server.url, project, `${prefix}top-level-set`).catch((error) => error.message);
  report.check('$set and $set_once at the top level of an event (as posthog-js sends them) update the person', person?.plan === 'top' && person?.first === 'once', `person properties: ${JSON.stringify(person)}`);
  const ids = await queryRows(server.url, project, `SELECT distinct_id FROM events WHERE event = ${sqlString(`${prefix}stringified`)} ORDER BY distinct_id`).catch((error) => error.message);
  const wantIds = [String(numericId), json(objectId)].sort();
  report.check('a number or object distinct_id is stored as its JSON text, as PostHog does', stringified.status === 200 && JSON.stringify(ids) === JSON.stringify(wantIds.map((id) => [id])), `response ${describe(stringified)}`, `stored ${JSON.stringify(ids)}, wanted ${JSON.stringify(wantIds)}`);
  const [text] = await queryRows(server.url, project, `SELECT properties.text FROM events WHERE distinct_id = ${sqlString(`${prefix}unicode`)}`).catch((error) => [[error.message]]);
  report.check('unicode property round-trips', text?.[0] === 'naïve 日本語 😀 \u2028', `got ${JSON.stringify(text)}`);
  report.finish();
}

main().catch((error) => {
  report.fail('suite ran to the end', error.stack ?? String(error));
  report.finish();
});
