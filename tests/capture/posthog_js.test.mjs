// posthog-js (npm, pinned in package.json) in a page served on loopback by a small HTTP server,
// in headless Chromium (Debian's chromium, driven by playwright-core), sends events to the
// server on another origin, as a web site would. Three configurations: flags disabled (gzip-js
// in a text/plain body, the default transport), flags enabled (the page also asks the server for
// /flags and its remote config, which may fail), and compression disabled (application/json,
// which needs a CORS preflight). Each must deliver its pageview and custom event exactly once.
import http from 'node:http';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import { Report, serverFromEnv, runId, pollRows, queryRows, countsOf, diffCounts, request, sqlString, sleep, personProperties } from './lib.mjs';

const report = new Report('posthog_js');
const server = serverFromEnv();
const project = server.project1;
const run = runId();
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const POSTHOG_JS = createRequire(import.meta.url).resolve('posthog-js/dist/module.js');
const CAPTURE_PATHS = /^\/(e|i\/v0\/e|capture|batch|track|engage)\/?$/;

const VARIANTS = [
  { name: 'flags-disabled', config: { advanced_disable_flags: true }, interact: true },
  { name: 'flags-enabled', config: {}, interact: false },
  { name: 'uncompressed-json', config: { advanced_disable_flags: true, disable_compression: true }, interact: false },
];

// The page: loads posthog-js as an application bundle would (ES module), registers the variant
// as a super property, captures a custom event and, in the interactive variant, identifies.
function pageHtml(variant) {
  const config = {
    api_host: server.url,
    persistence: 'memory',
    opt_out_useragent_filter: true, // headless Chromium's user agent is otherwise dropped as a bot
    disable_session_recording: true,
    disable_surveys: true,
    request_queue_config: { flush_interval_ms: 200 },
    ...variant.config,
  };
  return `<!doctype html>
<html><head><title>Larder capture test</title></head><body>
<button id="buy">Buy now</button>
<script type="module">
import posthog from '/posthog.js';
window.requestErrors = [];
const config = ${JSON.stringify(config)};
config.on_request_error = (response) => window.requestErrors.push({ status: response.statusCode, text: String(response.text ?? '').slice(0, 200) });
posthog.init(${JSON.stringify(project.token)}, config);
posthog.register({ e2e_variant: ${JSON.stringify(`${run}-${variant.name}`)} });
posthog.capture('e2e custom', { plan: 'pro', seats: 3 });
window.posthog = posthog;
window.ready = true;
</script></body></html>`;
}

function startPageServer() {
  const pages = new Map(VARIANTS.map((variant) => [`/${variant.name}`, pageHtml(variant)]));
  const pageServer = http.createServer((req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    if (path === '/posthog.js') {
      res.writeHead(200, { 'Content-Type': 'text/javascript' });
      res.end(fs.readFileSync(POSTHOG_JS));
    } else if (pages.has(path)) {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end(pages.get(path));
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  return new Promise((resolve) => pageServer.listen(0, '127.0.0.1', () => resolve(pageServer)));
}

// Everything the page asked of the Larder server, with statuses and failures.
function watchNetwork(page) {
  const seen = [];
  page.on('requestfinished', async (req) => {
    if (!req.url().startsWith(server.url)) return;
    const response = await req.response();
    seen.push({ method: req.method(), url: req.url(), status: response ? response.status() : null, contentType: req.headers()['content-type'] });
  });
  page.on('requestfailed', (req) => {
    if (!req.url().startsWith(server.url)) return;
    seen.push({ method: req.method(), url: req.url(), failure: req.failure()?.errorText, contentType: req.headers()['content-type'] });
  });
  return seen;
}

async function runVariant(browser, pageUrl, variant) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const network = watchNetwork(page);
  const consoleErrors = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text().slice(0, 200));
  });
  await page.goto(`${pageUrl}/${variant.name}?run=${run}`);
  await page.waitForFunction(() => window.ready === true, null, { timeout: 15000 });
  let anonId = null;
  let requestErrors = [];
  if (variant.interact) {
    anonId = await page.evaluate(() => window.posthog.get_distinct_id());
    await page.click('#buy');
    await sleep(500);
    await page.evaluate((user) => window.posthog.identify(user, { email: 'web@example.com' }), `${run}-webuser`);
    await sleep(500);
    requestErrors = await page.evaluate(() => window.requestErrors);
    await page.goto('about:blank'); // unload: posthog-js sends $pageleave with sendBeacon
  }
  const marker = `${run}-${variant.name}`;
  const want = { $pageview: 1, 'e2e custom': 1 };
  if (variant.interact) Object.assign(want, { $autocapture: 1, $identify: 1, $pageleave: 1 });
  const result = await pollRows(
    server.url,
    project,
    `SELECT event, count() FROM events WHERE properties.e2e_variant = ${sqlString(marker)} GROUP BY event`,
    (rows) => !diffCounts(want, countsOf(rows)),
    30000,
  );
  await sleep(300); // let the last network events be recorded
  if (!variant.interact) requestErrors = await page.evaluate(() => window.requestErrors);
  await context.close();
  report.check(
    `${variant.name}: ${Object.keys(want).join(', ')} stored exactly once each`,
    result.settled,
    diffCounts(want, countsOf(result.rows ?? [])) || result.error || '',
    `requests to the server: ${JSON.stringify(network)}`,
    `console errors: ${JSON.stringify(consoleErrors)}`,
  );
  const captureRequests = network.filter((entry) => CAPTURE_PATHS.test(new URL(entry.url).pathname));
  const badCaptures = captureRequests.filter((entry) => entry.status !== 200);
  report.check(
    `${variant.name}: every capture request answered 200 and readable by the page (CORS)`,
    captureRequests.length > 0 && badCaptures.length === 0 && (variant.config.advanced_disable_flags ? requestErrors.length === 0 : true),
    `capture requests: ${JSON.stringify(captureRequests)}`,
    `posthog-js on_request_error: ${JSON.stringify(requestErrors)}`,
  );
  const others = network.filter((entry) => !CAPTURE_PATHS.test(new URL(entry.url).pathname));
  if (others.length) console.log(`${variant.name}: other requests to the server: ${JSON.stringify(others)}`);
  return { marker, anonId };
}

async function checkBrowserEvent(marker) {
  const sql =
    `SELECT properties.$browser, $session_id, $window_id, properties.$current_url, distinct_id FROM events ` +
    `WHERE event = '$pageview' AND properties.e2e_variant = ${sqlString(marker)}`;
  const rows = await queryRows(server.url, project, sql);
  const [browserName, sessionId, windowId, currentUrl] = rows[0] ?? [];
  report.check(
    'pageview has $browser, $session_id, $window_id and $current_url',
    rows.length === 1 && browserName === 'Chrome' && /^[0-9a-f-]{36}$/.test(sessionId ?? '') && /^[0-9a-f-]{36}$/.test(windowId ?? '') && String(currentUrl).includes(`run=${run}`),
    `query: ${sql}`,
    `rows: ${JSON.stringify(rows)}`,
  );
  const chainSql = `SELECT elements_chain FROM events WHERE event = '$autocapture' AND properties.e2e_variant = ${sqlString(marker)}`;
  const chain = await queryRows(server.url, project, chainSql);
  report.check('autocaptured click has its elements_chain (button#buy)', chain.length === 1 && /^button[.:].*attr__id="buy"/.test(chain[0][0] ?? ''), `rows: ${JSON.stringify(chain)}`);
}

// posthog.identify() in the page: the anonymous visitor and the user become one person.
async function checkIdentify(anonId) {
  const user = `${run}-webuser`;
  const sql = `SELECT distinct_id, person_id FROM person_distinct_ids WHERE distinct_id IN (${sqlString(anonId)}, ${sqlString(user)})`;
  const result = await pollRows(server.url, project, sql, (rows) => rows.length === 2 && rows[0][1] === rows[1][1], 10000);
  report.check('identify in the browser joins the anonymous visitor and the user into one person', result.settled, `anonymous id ${anonId}`, `rows: ${JSON.stringify(result.rows)} ${result.error ?? ''}`);
  const person = await personProperties(server.url, project, user).catch((error) => error.message);
  report.check("identify's properties land on the person", person?.email === 'web@example.com', `person properties: ${JSON.stringify(person)}`);
}

// A preflight as Chromium sends it before a cross-origin application/json POST.
async function checkPreflight() {
  const response = await request(server.url, {
    method: 'OPTIONS',
    path: '/e/',
    headers: { Origin: 'http://127.0.0.1:9', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
  });
  const headers = response.headers ?? {};
  report.check(
    'CORS preflight for a capture route allows the origin, POST and Content-Type',
    [200, 204].includes(response.status) &&
      ['*', 'http://127.0.0.1:9'].includes(headers['access-control-allow-origin']) &&
      /post/i.test(headers['access-control-allow-methods'] ?? 'POST') &&
      /content-type|\*/i.test(headers['access-control-allow-headers'] ?? ''),
    `OPTIONS /e/ -> ${response.status ?? response.error} ${JSON.stringify(headers)}`,
  );
}

async function main() {
  if (!fs.existsSync(CHROMIUM)) {
    report.fail('chromium present', `${CHROMIUM} is missing: apt-get install -y chromium`);
    report.finish();
  }
  const pageServer = await startPageServer();
  const pageUrl = `http://127.0.0.1:${pageServer.address().port}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--disable-gpu', '--disable-background-networking', '--no-first-run', '--disable-component-update', '--disable-sync'],
  });
  try {
    await checkPreflight();
    for (const variant of VARIANTS) {
      await report.guard(`${variant.name}: page ran`, async () => {
        const { marker, anonId } = await runVariant(browser, pageUrl, variant);
        if (variant.interact) {
          await report.guard('browser event fields', () => checkBrowserEvent(marker));
          await report.guard('browser identify', () => checkIdentify(anonId));
        }
      });
    }
  } finally {
    await browser.close();
    pageServer.close();
  }
  report.finish();
}

main().catch((error) => {
  report.fail('suite ran to the end', error.stack ?? String(error));
  report.finish();
});
