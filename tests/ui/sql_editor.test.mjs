// The SQL editor in the browser against events sent through /batch/ and the tables the warehouse
// suite synced: a query joining a synced table with events (results, bar chart, CSV export), a
// time series (line chart), errors marked at their position, 100,000 rows in the virtualised
// grid, completion of tables, columns and functions, the query history, and the tables browser.
import fs from 'node:fs';
import { capture, queryRows } from '../capture/lib.mjs';
import {
  Report,
  env,
  gridRows,
  launch,
  newPage,
  runQuery,
  setQuery,
  shot,
  signIn,
  waitFor,
  scriptErrors,
} from './lib.mjs';

const report = new Report('ui-sql');
const JOIN = `SELECT c.plan AS plan, count() AS events
FROM events AS e
JOIN postgres_customers AS c ON e.distinct_id = c.distinct_id
GROUP BY plan
ORDER BY plan`;
const EVENTS = [
  ['ada', 'pageview', '2024-03-01T10:00:00Z'],
  ['ada', 'pageview', '2024-03-01T11:00:00Z'],
  ['ada', 'pageview', '2024-03-02T10:00:00Z'],
  ['ada', 'purchase', '2024-03-02T12:00:00Z'],
  ['bob', 'pageview', '2024-03-01T09:00:00Z'],
  ['bob', 'pageview', '2024-03-03T09:00:00Z'],
  ['cy', 'pageview', '2024-03-03T15:00:00Z'],
  ['dee', 'pageview', '2024-03-02T08:00:00Z'],
  ['dee', 'pageview', '2024-03-02T08:30:00Z'],
];

const browser = await launch();
const { page, errors } = await newPage(browser);

try {
  await report.step('events sent through /batch/ become queryable', async () => {
    const batch = EVENTS.map(([distinct_id, event, timestamp]) => ({
      event,
      distinct_id,
      timestamp,
      properties: { $current_url: 'https://example.com/' },
    }));
    const sent = await capture(env.url, '/batch/', { api_key: env.token, batch });
    if (sent.status !== 200) return `batch: ${sent.status} ${sent.text}`;
    const project = { id: 1, key: env.key };
    await waitFor(
      'the events',
      async () =>
        Number((await queryRows(env.url, project, 'SELECT count() FROM events'))[0][0]) === EVENTS.length,
      30000,
    );
  });

  await report.step('Ctrl+Enter runs a query joining a synced table with events', async () => {
    await signIn(page);
    await page.goto(`${env.url}/sql`);
    const status = await runQuery(page, JOIN);
    if (!/^2 rows in/.test(status))
      return `status: ${status} ${await page.locator('.query-error').textContent()}`;
    const rows = JSON.stringify(await gridRows(page));
    if (rows !== '[["free","2"],["pro","5"]]') return `rows ${rows}`;
    const header = await page.$$eval('.grid-header [role=columnheader] .column-name', (cells) =>
      cells.map((c) => c.textContent).join(','),
    );
    if (header !== 'plan,events') return `header ${header}`;
  });

  await report.step('a category column gets a bar chart', async () => {
    const chart = page.getByRole('img', { name: /^Bar chart of events by plan, 2 points$/ });
    await chart.waitFor();
    if ((await chart.locator('canvas').count()) < 1) return 'no canvas';
    const box = await chart.locator('canvas').first().boundingBox();
    if (!box || box.width < 200 || box.height < 100) return `canvas ${JSON.stringify(box)}`;
    await shot(page, 'sql-join-bar-chart');
  });

  await report.step('Export CSV downloads the results', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    const file = `${env.out}/export.csv`;
    await download.saveAs(file);
    const text = fs.readFileSync(file, 'utf8');
    if (text !== 'plan,events\r\nfree,2\r\npro,5\r\n') return JSON.stringify(text);
    if (!/^larder-query-\d{8}-\d{6}\.csv$/.test(download.suggestedFilename()))
      return download.suggestedFilename();
  });

  await report.step('a time column gets a line chart; the Run button runs too', async () => {
    await setQuery(
      page,
      'SELECT toStartOfDay(timestamp) AS day, count() AS events\nFROM events\nGROUP BY day\nORDER BY day',
    );
    const runs = Number(await page.locator('.sql-page').getAttribute('data-runs'));
    await page.getByRole('button', { name: /^Run/ }).click();
    await page.waitForFunction(
      (before) => Number(document.querySelector('.sql-page').dataset.runs) > before,
      runs,
    );
    const rows = (await gridRows(page)).map((row) => row[1]).join(',');
    if (rows !== '3,4,2') return `counts by day: ${rows}`;
    await page.getByRole('img', { name: /^Line chart of events by day, 3 points$/ }).waitFor();
    await shot(page, 'sql-line-chart');
  });

  await report.step('an unknown column is marked at its position in the query', async () => {
    await runQuery(page, 'SELECT nosuchcolumn FROM events');
    const error = await page.locator('.query-error').textContent();
    if (!/^Error at line 1, column 8: /.test(error) || !/nosuchcolumn/.test(error)) return error;
    const marked = await page.locator('.cm-lintRange-error').textContent();
    if (marked !== 'nosuchcolumn') return `marked "${marked}"`;
    await shot(page, 'sql-error');
  });

  await report.step('positions count characters, not bytes, on later lines', async () => {
    await runQuery(page, "SELECT 'héllo wörld' AS greeting,\n  missing_col\nFROM events");
    const error = await page.locator('.query-error').textContent();
    if (!/^Error at line 2, column 3: /.test(error)) return error;
    const marked = await page.locator('.cm-lintRange-error').textContent();
    if (marked !== 'missing_col') return `marked "${marked}"`;
  });

  await report.step('a syntax error is marked too, and editing clears the mark', async () => {
    await runQuery(page, 'SELECT count( FROM events');
    if (!/^Error at line 1, column \d+: /.test(await page.locator('.query-error').textContent()))
      return 'no position';
    if ((await page.locator('.cm-lintRange-error').count()) !== 1) return 'not marked';
    await page.locator('.cm-content').press('End');
    await page.keyboard.type(' ');
    await page.locator('.cm-lintRange-error').waitFor({ state: 'detached' });
  });

  await report.step(
    '100,000 rows: the grid renders only what is in view and scrolls to the end',
    async () => {
      const status = await runQuery(page, 'SELECT arrayJoin(range(100000)) AS n, toString(n) AS label');
      if (!/^100,000 rows in/.test(status)) return `status ${status}`;
      const rendered = await page.locator('.grid-rows [role=row]').count();
      if (rendered < 10 || rendered > 120) return `${rendered} rows in the DOM`;
      const grid = page.getByRole('grid', { name: /100,000 rows/ });
      if ((await grid.getAttribute('aria-rowcount')) !== '100001')
        return `aria-rowcount ${await grid.getAttribute('aria-rowcount')}`;
      await grid.focus();
      const started = Date.now();
      await page.keyboard.press('End');
      await page.locator('[role=row][aria-rowindex="100001"]').waitFor({ timeout: 5000 });
      const last = await page
        .locator('[role=row][aria-rowindex="100001"] [role=gridcell]')
        .first()
        .textContent();
      if (last !== '99999') return `last row ${last}`;
      console.log(`    scrolled to row 100,000 in ${Date.now() - started} ms`);
      if ((await page.locator('.grid-rows [role=row]').count()) > 120) return 'rows pile up while scrolling';
      await shot(page, 'sql-100k-rows');
    },
  );

  await report.step('completion offers tables, their columns and functions', async () => {
    const offered = async (typed) => {
      await setQuery(page, '');
      await page.keyboard.type(typed, { delay: 20 });
      const tooltip = page.locator('.cm-tooltip-autocomplete');
      await tooltip.waitFor({ timeout: 5000 });
      return tooltip.innerText();
    };
    const tables = await offered('SELECT * FROM postgres_cu');
    if (!tables.includes('postgres_customers')) return `tables: ${tables}`;
    const columns = await offered('SELECT postgres_customers.pl');
    if (!columns.includes('plan')) return `columns: ${columns}`;
    const functions = await offered('SELECT toStartOfDa');
    if (!functions.includes('toStartOfDay')) return `functions: ${functions}`;
    await page.keyboard.press('Escape');
  });

  await report.step('the history keeps past queries and loads one back', async () => {
    const entries = await page
      .locator('.history-entry')
      .evaluateAll((all) => all.map((entry) => entry.title));
    if (!entries.includes(JOIN)) return `history: ${JSON.stringify(entries.slice(0, 4))}`;
    await page.locator('.history-entry', { hasText: 'postgres_customers AS c' }).first().click();
    const text = await page.locator('.cm-content').innerText();
    if (text.trim() !== JOIN) return `editor: ${text}`;
    await page.reload();
    await page.locator('.history-entry').first().waitFor();
    if ((await page.locator('.history-entry').count()) < 5) return 'history lost on reload';
  });

  await report.step('tables browser: every table with columns and types; a click queries it', async () => {
    await page.getByRole('link', { name: 'Tables', exact: true }).click();
    await page.waitForURL(/\/tables$/);
    const card = page.getByRole('article', { name: 'postgres_customers' });
    await card.waitFor();
    if (!(await card.locator('details').evaluate((details) => details.open)))
      await card.locator('summary').click();
    const text = (await card.innerText()).replace(/\s+/g, ' ');
    if (
      !/3 rows/.test(text) ||
      !/from Postgres table customers/.test(text) ||
      !/plan Nullable\(String\)/.test(text)
    )
      return text.slice(0, 300);
    for (const name of [
      'events',
      'persons',
      'person_distinct_ids',
      'groups',
      'postgres_orders',
      'postgres_page_views',
    ]) {
      if ((await page.getByRole('article', { name, exact: true }).count()) !== 1) return `${name} missing`;
    }
    await shot(page, 'tables');
    await page.getByRole('link', { name: 'Query postgres_customers' }).click();
    await page.waitForURL(/\/sql\?q=/);
    await page.waitForFunction(() => Number(document.querySelector('.sql-page')?.dataset.runs) >= 1);
    const status = await page.locator('.run-status').textContent();
    if (!/^3 rows in/.test(status)) return `status ${status}`;
  });

  await report.step('no script errors on the page', async () => scriptErrors(errors));
} finally {
  await browser.close();
}
report.finish();
