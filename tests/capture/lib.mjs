// Shared helpers of the capture end-to-end suites: the server under test (from the environment
// run.sh sets), HTTP requests with full control of bytes and headers, the query API, polling, and
// PASS/FAIL reporting. Every suite prints "PASS name" / "FAIL name" lines and exits 1 on a failure.
import http from 'node:http';
import net from 'node:net';
import crypto from 'node:crypto';

// The server and projects under test, as run.sh exports them.
export function serverFromEnv() {
  const need = (name) => {
    const value = process.env[name];
    if (!value) {
      console.error(`missing environment variable ${name} (run the suites through tests/capture/run.sh)`);
      process.exit(2);
    }
    return value;
  };
  return {
    url: need('LARDER_URL'),
    project1: { id: 1, token: need('LARDER_TOKEN'), key: need('LARDER_KEY') },
    project2: {
      id: Number(process.env.LARDER_PROJECT2_ID || 0),
      token: process.env.LARDER_PROJECT2_TOKEN || '',
      key: process.env.LARDER_PROJECT2_KEY || '',
    },
  };
}

// A short random id so that names made by one run never collide with another run's.
export function runId() {
  return crypto.randomBytes(4).toString('hex');
}

export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// Counts results and prints one line per check.
export class Report {
  constructor(suite) {
    this.suite = suite;
    this.passed = 0;
    this.failed = 0;
  }

  pass(name) {
    this.passed++;
    console.log(`PASS ${this.suite}: ${name}`);
  }

  // `details` are printed indented under the FAIL line (request, response, expected values).
  fail(name, ...details) {
    this.failed++;
    console.log(`FAIL ${this.suite}: ${name}`);
    for (const detail of details) {
      const text = typeof detail === 'string' ? detail : JSON.stringify(detail);
      for (const line of text.split('\n').slice(0, 30)) console.log(`    ${line.slice(0, 600)}`);
    }
  }

  check(name, ok, ...details) {
    if (ok) this.pass(name);
    else this.fail(name, ...details);
    return ok;
  }

  // Runs `body` as one named check: it passes unless it throws or returns a failure string.
  async step(name, body) {
    try {
      const problem = await body();
      if (problem) this.fail(name, problem);
      else this.pass(name);
    } catch (error) {
      this.fail(name, `threw: ${error && error.stack ? error.stack : error}`);
    }
  }

  // Runs `body`, whose checks report themselves; a throw is reported as a failure of `name`.
  async guard(name, body) {
    try {
      await body();
    } catch (error) {
      this.fail(name, `threw: ${error && error.stack ? error.stack : error}`);
    }
  }

  finish() {
    console.log(`${this.suite}: ${this.passed} passed, ${this.failed} failed`);
    process.exit(this.failed === 0 ? 0 : 1);
  }
}

// One HTTP request on a fresh connection. `body` is a string or Buffer. Resolves to
// {status, headers, text, json} (json is null when the body is not JSON), or {error} when the
// connection failed or timed out before a response.
export function request(baseUrl, { method = 'GET', path = '/', headers = {}, body, timeoutMs = 30000 }) {
  const url = new URL(path, baseUrl);
  return new Promise((resolve) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        method,
        path: url.pathname + url.search,
        headers: body === undefined ? headers : { 'Content-Length': Buffer.byteLength(body), ...headers },
        agent: false,
      },
      (res) => {
        const chunks = [];
        res.on('data', (chunk) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json = null;
          try {
            json = JSON.parse(text);
          } catch {}
          resolve({ status: res.statusCode, headers: res.headers, text, json });
        });
        res.on('error', (error) => resolve({ error: String(error) }));
      },
    );
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`no response in ${timeoutMs} ms`)));
    req.on('error', (error) => resolve({ error: String(error) }));
    if (body !== undefined) req.write(body);
    req.end();
  });
}

// Sends `head`, waits 300 ms, then sends `body` over a raw socket, `chunkBytes` at a time, and
// stops writing as soon as the server answers or closes. Resolves to {status, text, json, closed, error, sentBytes}: what a
// client sees when a server refuses a body before reading all of it.
export function rawRequest(baseUrl, head, body = Buffer.alloc(0), { chunkBytes = 1 << 20, timeoutMs = 60000 } = {}) {
  const url = new URL(baseUrl);
  return new Promise((resolve) => {
    const socket = net.connect(Number(url.port), url.hostname);
    const received = [];
    let sentBytes = 0;
    let done = false;
    const finish = (extra) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ ...parseRawResponse(Buffer.concat(received)), sentBytes, ...extra });
    };
    const timer = setTimeout(() => finish({ error: `no answer in ${timeoutMs} ms` }), timeoutMs);
    socket.on('data', (chunk) => {
      received.push(chunk);
      const parsed = parseRawResponse(Buffer.concat(received));
      if (parsed.complete) finish({});
    });
    socket.on('end', () => finish({ closed: true }));
    socket.on('error', (error) => finish({ error: String(error) }));
    socket.on('connect', async () => {
      socket.write(head);
      // Like a client sending Expect: 100-continue, give the server a moment to refuse the
      // request by its head before the body is sent.
      await sleep(300);
      let offset = 0;
      while (!done && offset < body.length) {
        const piece = body.subarray(offset, offset + chunkBytes);
        offset += piece.length;
        sentBytes += piece.length;
        if (!socket.write(piece)) await drained(socket);
      }
    });
  });
}

function drained(socket) {
  return new Promise((resolve) => {
    const done = () => {
      socket.off('drain', done);
      socket.off('close', done);
      resolve();
    };
    socket.on('drain', done);
    socket.on('close', done);
  });
}

// Parses an HTTP/1.1 response held in `buffer` (a Content-Length or chunked body). `complete`
// tells whether the whole body is there.
function parseRawResponse(buffer) {
  const text = buffer.toString('latin1');
  const headEnd = text.indexOf('\r\n\r\n');
  if (headEnd < 0) return { status: undefined, text: '', json: null, complete: false };
  const head = text.slice(0, headEnd);
  const match = /^HTTP\/1\.[01] (\d{3})/.exec(head);
  const lengthMatch = /\r\ncontent-length:\s*(\d+)/i.exec(head);
  let bodyBytes = buffer.subarray(headEnd + 4);
  let complete = false;
  if (/\r\ntransfer-encoding:\s*chunked/i.test(head)) {
    const pieces = [];
    let offset = 0;
    for (;;) {
      const lineEnd = bodyBytes.indexOf('\r\n', offset);
      if (lineEnd < 0) break;
      const size = parseInt(bodyBytes.subarray(offset, lineEnd).toString('latin1'), 16);
      if (Number.isNaN(size) || lineEnd + 2 + size > bodyBytes.length) break;
      if (size === 0) {
        complete = true;
        break;
      }
      pieces.push(bodyBytes.subarray(lineEnd + 2, lineEnd + 2 + size));
      offset = lineEnd + 2 + size + 2;
    }
    bodyBytes = Buffer.concat(pieces);
  } else if (lengthMatch) {
    bodyBytes = bodyBytes.subarray(0, Number(lengthMatch[1]));
    complete = bodyBytes.length >= Number(lengthMatch[1]);
  }
  const bodyText = bodyBytes.toString('utf8');
  let json = null;
  try {
    json = JSON.parse(bodyText);
  } catch {}
  return { status: match ? Number(match[1]) : undefined, text: bodyText, json, complete };
}

// Posts a capture body (object → JSON) with the project's token unless the caller set one.
export function capture(baseUrl, path, body, headers = {}) {
  const text = typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
  return request(baseUrl, {
    method: 'POST',
    path,
    headers: { 'Content-Type': 'application/json', ...headers },
    body: text,
  });
}

// Runs a HogQL query through the query API. Resolves to the raw response (status, json, text).
export function queryApi(baseUrl, projectId, key, sql, extraHeaders = {}) {
  const headers = { 'Content-Type': 'application/json', ...extraHeaders };
  if (key !== null) headers.Authorization = `Bearer ${key}`;
  return request(baseUrl, {
    method: 'POST',
    path: `/api/projects/${projectId}/query/`,
    headers,
    body: JSON.stringify({ query: { kind: 'HogQLQuery', query: sql } }),
  });
}

// Runs a query that must succeed and returns its rows; throws with the response otherwise.
export async function queryRows(baseUrl, project, sql) {
  const response = await queryApi(baseUrl, project.id, project.key, sql);
  if (response.status !== 200 || !response.json || !Array.isArray(response.json.results)) {
    throw new Error(`query failed: ${sql}\n  -> ${response.status ?? response.error} ${String(response.text).slice(0, 400)}`);
  }
  return response.json.results;
}

// Polls a query until `settled(rows)` holds or `timeoutMs` passes (flushing is asynchronous).
// Returns {rows, settled, error}: the last rows seen, whether they settled, and the last error.
export async function pollRows(baseUrl, project, sql, settled, timeoutMs = 30000) {
  const deadline = Date.now() + timeoutMs;
  let rows = null;
  let error = null;
  for (;;) {
    try {
      rows = await queryRows(baseUrl, project, sql);
      error = null;
      if (settled(rows)) return { rows, settled: true, error };
    } catch (e) {
      error = e.message;
    }
    if (Date.now() > deadline) return { rows, settled: false, error };
    await sleep(250);
  }
}

// The properties of the person `distinctId` belongs to, read from person_distinct_ids and
// persons (not through HogQL's person.properties, which has a check of its own).
export async function personProperties(baseUrl, project, distinctId) {
  const ids = await queryRows(baseUrl, project, `SELECT person_id FROM person_distinct_ids WHERE distinct_id = ${sqlString(distinctId)}`);
  if (ids.length !== 1) throw new Error(`${distinctId} maps to ${ids.length} persons`);
  const rows = await queryRows(baseUrl, project, `SELECT properties FROM persons WHERE id = ${sqlString(ids[0][0])}`);
  if (rows.length !== 1) throw new Error(`person ${ids[0][0]} has ${rows.length} rows in persons`);
  return typeof rows[0][0] === 'string' ? JSON.parse(rows[0][0] || '{}') : rows[0][0] ?? {};
}

// A number from a query result cell (UInt64 may come back as a number or a string).
export function num(cell) {
  return cell === null || cell === undefined ? NaN : Number(cell);
}

// Rows of [key, count] as a plain object.
export function countsOf(rows) {
  const out = {};
  for (const [key, count] of rows) out[String(key)] = num(count);
  return out;
}

// Compares two {key: count} maps; returns '' when equal, else a description of the differences.
export function diffCounts(expected, actual) {
  const lines = [];
  for (const key of new Set([...Object.keys(expected), ...Object.keys(actual)])) {
    if ((expected[key] ?? 0) !== (actual[key] ?? 0)) {
      lines.push(`${key}: expected ${expected[key] ?? 0}, got ${actual[key] ?? 0}`);
    }
  }
  return lines.slice(0, 20).join('\n');
}

// The message of a JSON error body: PostHog's `detail`, or `error` / `message`.
export function errorMessage(response) {
  const json = response.json;
  if (!json || typeof json !== 'object') return '';
  for (const field of ['detail', 'error', 'message']) {
    if (typeof json[field] === 'string' && json[field].trim() !== '') return json[field];
  }
  return '';
}

// Describes a response in one line for failure reports.
export function describe(response) {
  if (!response) return 'no response';
  if (response.error && response.status === undefined) return `no response: ${response.error}`;
  const text = String(response.text ?? '').replace(/\s+/g, ' ');
  return `${response.status} ${text.slice(0, 300)}${response.closed ? ' (connection closed)' : ''}`;
}

// Parses a timestamp cell ("2024-01-01 00:00:00.123", ISO, with or without a zone) as UTC ms.
export function parseTimestamp(cell) {
  if (typeof cell === 'number') return cell > 1e14 ? cell / 1000 : cell;
  let text = String(cell).trim().replace(' ', 'T');
  if (!/(Z|[+-]\d\d:?\d\d)$/.test(text)) text += 'Z';
  return Date.parse(text);
}

// Quotes a string as a HogQL literal.
export function sqlString(text) {
  return `'${String(text).replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}
