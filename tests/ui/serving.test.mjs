// `larder serve` serving the UI: index.html for the UI's paths, assets with their content types,
// caching and gzip, 404s for missing files and for paths that try to leave the UI folder, API
// paths left to the API; and the tables/ and functions/ routes the UI reads.
import { rawRequest, request } from '../capture/lib.mjs';
import { Report, api, env } from './lib.mjs';

const report = new Report('ui-serving');
const get = (path, headers = {}) => request(env.url, { path, headers });
let assetPath = null;

await report.step('/ and the UI pages answer index.html, revalidated, with a security policy', async () => {
  for (const path of ['/', '/sql', '/warehouse/new', '/tables/']) {
    const response = await get(path);
    if (response.status !== 200) return `${path}: status ${response.status}`;
    if (!response.headers['content-type'].startsWith('text/html'))
      return `${path}: ${response.headers['content-type']}`;
    if (!response.text.includes('<div id="app">'))
      return `${path}: not index.html: ${response.text.slice(0, 200)}`;
    if (response.headers['cache-control'] !== 'no-cache')
      return `${path}: cache-control ${response.headers['cache-control']}`;
    if (!/default-src 'self'/.test(response.headers['content-security-policy'] ?? ''))
      return `${path}: no CSP`;
  }
  assetPath = /src="(\/assets\/[^"]+\.js)"/.exec((await get('/')).text)?.[1];
  if (!assetPath) return 'index.html names no script under /assets/';
});

await report.step('assets: JavaScript content type, cached for a year, gzip when accepted', async () => {
  const plain = await get(assetPath);
  if (plain.status !== 200 || plain.headers['content-type'] !== 'text/javascript; charset=utf-8') {
    return `${plain.status} ${plain.headers['content-type']}`;
  }
  if (plain.headers['cache-control'] !== 'public, max-age=31536000, immutable')
    return `cache-control ${plain.headers['cache-control']}`;
  if (plain.headers['content-encoding'])
    return `sent ${plain.headers['content-encoding']} to a client that did not ask`;
  const gzipped = await get(assetPath, { 'Accept-Encoding': 'gzip' });
  if (gzipped.headers['content-encoding'] !== 'gzip') return 'no gzip for a client that accepts it';
  if (Number(gzipped.headers['content-length']) >= Number(plain.headers['content-length']) / 2) {
    return `gzip saves little: ${gzipped.headers['content-length']} of ${plain.headers['content-length']} bytes`;
  }
});

await report.step('missing files and paths outside the UI folder are 404s', async () => {
  for (const path of [
    '/assets/missing-123.js',
    '/favicon.ico.map',
    '/..%2f..%2f..%2fetc%2fpasswd',
    '/%2e%2e/%2e%2e/etc/passwd',
    '/assets/../../../etc/passwd',
    '/.vite/manifest.json',
  ]) {
    const response = await rawRequest(
      env.url,
      `GET ${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`,
    );
    if (response.status !== 404)
      return `${path}: status ${response.status} ${String(response.text).slice(0, 100)}`;
    if (/root:/.test(response.text)) return `${path}: served /etc/passwd`;
  }
});

await report.step("API paths stay the API's: JSON 404s and 401s, not the UI", async () => {
  const unknown = await api('GET', 'no_such_route/');
  if (unknown.status !== 404 || !unknown.json?.detail)
    return `${unknown.status} ${unknown.text.slice(0, 100)}`;
  const anonymous = await get('/api/projects/1/tables/');
  if (anonymous.status !== 401) return `tables/ without a key: ${anonymous.status}`;
  const post = await request(env.url, { method: 'POST', path: '/sql', body: '{}' });
  if (post.status !== 404 || post.text.includes('<div id="app">')) return `POST /sql: ${post.status}`;
});

await report.step('tables/ lists events and the persons tables with ClickHouse types', async () => {
  const { status, json } = await api('GET', 'tables/');
  if (status !== 200) return `status ${status}`;
  const events = json.results.find((table) => table.name === 'events');
  const timestamp = events?.columns.find((column) => column.name === 'timestamp');
  if (json.results[0]?.name !== 'events' || events.kind !== 'events' || !/DateTime/.test(timestamp?.type)) {
    return JSON.stringify(json.results.slice(0, 2)).slice(0, 400);
  }
  const kinds = Object.fromEntries(json.results.map((table) => [table.name, table.kind]));
  if (kinds.persons !== 'persons' || kinds.person_distinct_ids !== 'persons') return JSON.stringify(kinds);
});

await report.step('functions/ lists the functions with their kinds', async () => {
  const { status, json } = await api('GET', 'functions/');
  const kinds = Object.fromEntries((json?.results ?? []).map((fn) => [fn.name, fn.kind]));
  if (status !== 200 || kinds.count !== 'aggregate' || kinds.toStartOfDay !== 'scalar' || json.count < 300) {
    return `${status} ${JSON.stringify(json).slice(0, 300)}`;
  }
});

report.finish();
