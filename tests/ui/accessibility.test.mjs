// Accessibility and layout: every control on every page has an accessible name (as Chromium's
// accessibility tree computes it), one h1 per page, signing in and running a query by keyboard
// alone, Tab from the editor reaches Run, the skip link, dialogs that Escape closes and that give
// focus back, the current page marked in the navigation, and phone-sized pages that do not
// scroll sideways.
import {
  Report,
  env,
  focused,
  launch,
  newPage,
  runQuery,
  shot,
  unnamedControls,
  waitFor,
  scriptErrors,
} from './lib.mjs';

const report = new Report('ui-a11y');
const browser = await launch();

try {
  const { page, errors } = await newPage(browser);

  await report.step('keyboard only: sign in, then run a query with Ctrl+Enter', async () => {
    await page.goto(`${env.url}/sign-in`);
    if (!(await focused(page)).startsWith('INPUT')) return `focus starts on ${await focused(page)}`;
    await page.keyboard.type(env.key);
    await page.keyboard.press('Tab');
    if ((await page.evaluate(() => document.activeElement.name)) !== 'project')
      return `Tab went to ${await focused(page)}`;
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/sql$/);
    await page.locator('.cm-content').waitFor();
    // From the top of the page, Tab reaches the editor and then Run.
    await page.goto(`${env.url}/sql`);
    await page.locator('.cm-content').waitFor();
    const seen = [];
    for (let i = 0; i < 20 && !seen.at(-1)?.startsWith('BUTTON Run'); i++) {
      await page.keyboard.press('Tab');
      seen.push(await focused(page));
    }
    if (!seen.at(-1)?.startsWith('BUTTON Run')) return `Tab order: ${seen.join(' → ')}`;
    if (!seen.some((entry) => entry.startsWith('DIV') && entry.includes('SELECT')))
      return `Tab skipped the editor: ${seen.join(' → ')}`;
    console.log(`    Tab order: ${seen.join(' → ')}`);
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Control+Enter');
    await page.waitForFunction(() => Number(document.querySelector('.sql-page')?.dataset.runs) >= 1);
  });

  await report.step('Tab from the editor goes to Run', async () => {
    await page.locator('.cm-content').click();
    await page.keyboard.press('Tab');
    const now = await focused(page);
    if (!now.startsWith('BUTTON Run')) return `focus on ${now}`;
  });

  await report.step('the grid scrolls by keyboard', async () => {
    await runQuery(page, 'SELECT arrayJoin(range(500)) AS n');
    await page.getByRole('grid').focus();
    await page.keyboard.press('PageDown');
    await page.keyboard.press('End');
    await page.locator('[role=row][aria-rowindex="501"]').waitFor();
  });

  const pages = [
    [
      '/sql',
      'SQL editor',
      async () =>
        runQuery(
          page,
          'SELECT toStartOfDay(timestamp) AS day, event, count() AS n FROM events GROUP BY day, event ORDER BY day',
        ),
    ],
    [
      '/warehouse',
      'Data warehouse',
      async () => {
        await page.locator('article.source-card').first().waitFor();
        await page
          .getByRole('button', { name: /^History / })
          .first()
          .click();
        await page.locator('table.jobs').first().waitFor();
      },
    ],
    ['/warehouse/new', 'Link a source', async () => {}],
    ['/tables', 'Tables', async () => page.locator('article.table-card').first().waitFor()],
  ];
  for (const [path, title, prepare] of pages) {
    await report.step(`${path}: every control is named, one h1, current page marked`, async () => {
      await page.goto(`${env.url}${path}`);
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      await prepare();
      const unnamed = await unnamedControls(page);
      if (unnamed.length) return `unnamed: ${unnamed.join(', ')}`;
      if ((await page.locator('h1').count()) !== 1) return `${await page.locator('h1').count()} h1`;
      const current = await page.locator('nav a[aria-current="page"]').allTextContents();
      const expected = path === '/warehouse/new' ? ['Data warehouse'] : [title];
      if (JSON.stringify(current) !== JSON.stringify(expected))
        return `aria-current on ${JSON.stringify(current)}`;
    });
  }

  await report.step('wizard steps: every field is labelled', async () => {
    await page.goto(`${env.url}/warehouse/new`);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByLabel('Host', { exact: true }).waitFor();
    const unnamed = await unnamedControls(page);
    if (unnamed.length) return `connect step: ${unnamed.join(', ')}`;
    await page.getByLabel('Host', { exact: true }).fill('127.0.0.1');
    await page.getByLabel('Port', { exact: true }).fill(env.pgPort);
    await page.getByLabel('Database', { exact: true }).fill('larder_test');
    await page.getByLabel('User', { exact: true }).fill('larder');
    await page.getByLabel('Password', { exact: true }).fill(env.pgPassword);
    await page.getByLabel('Password', { exact: true }).press('Enter');
    await page.getByRole('heading', { name: 'Step 3 of 4: Choose tables' }).waitFor();
    const unnamedTables = await unnamedControls(page);
    if (unnamedTables.length) return `tables step: ${unnamedTables.join(', ')}`;
    if ((await focused(page)) !== 'H2 Step 3 of 4: Choose tables')
      return `focus after the step: ${await focused(page)}`;
  });

  await report.step('the skip link moves focus to the page', async () => {
    await page.goto(`${env.url}/tables`);
    await page.keyboard.press('Tab');
    if ((await focused(page)) !== 'A Skip to content') return `first Tab: ${await focused(page)}`;
    await page.keyboard.press('Enter');
    if ((await page.evaluate(() => document.activeElement?.id)) !== 'main')
      return `focus: ${await focused(page)}`;
  });

  await report.step('a confirmation closes with Escape and gives focus back', async () => {
    await page.goto(`${env.url}/warehouse`);
    const button = page.getByRole('button', { name: /^Delete data / }).first();
    await button.waitFor();
    await button.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    if (!(await focused(page)).startsWith('BUTTON Cancel'))
      return `focus in the dialog: ${await focused(page)}`;
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    if (!(await focused(page)).startsWith('BUTTON Delete data')) return `focus after: ${await focused(page)}`;
  });

  await report.step('no script errors', async () => scriptErrors(errors));

  const phone = await newPage(browser, {
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    deviceScaleFactor: 2,
  });
  await report.step('on a phone, pages fit the width and show every table setting', async () => {
    const p = phone.page;
    await p.goto(`${env.url}/sign-in`);
    await p.getByLabel('Personal API key').fill(env.key);
    await p.getByRole('button', { name: 'Sign in' }).click();
    await p.waitForURL(/\/sql$/);
    for (const [path, name] of [
      ['/sql', 'phone-sql'],
      ['/warehouse', 'phone-warehouse'],
      ['/warehouse/new', 'phone-wizard'],
      ['/tables', 'phone-tables'],
    ]) {
      await p.goto(`${env.url}${path}`);
      await p.locator('h1').waitFor();
      if (path === '/sql')
        await runQuery(p, 'SELECT event, count() AS n FROM events GROUP BY event ORDER BY event');
      if (path === '/warehouse') await p.getByLabel('Sync type of orders').waitFor();
      const overflow = await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      if (overflow > 1) return `${path} is ${overflow}px wider than the screen`;
      if (path === '/warehouse' && !(await p.getByLabel('Replication key of orders').isVisible()))
        return 'the key setting is hidden on a phone';
      await shot(p, name);
    }
  });
  await report.step('no script errors on the phone', async () => scriptErrors(phone.errors));
} finally {
  await browser.close();
}
report.finish();
