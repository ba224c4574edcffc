// The data warehouse in the browser: sign in, link a PostgreSQL source through the wizard (a
// wrong password is shown beside the password field; sync types and keys limited to what each
// table allows), watch the first sync, enable a table on the data warehouse page and watch its
// live progress to Completed, job history, delete data / sync now / resync with confirmation,
// and deleting a source.
import {
  Report,
  api,
  env,
  fieldError as sharedFieldError,
  launch,
  newPage,
  shot,
  signIn,
  sleep,
  waitFor,
  scriptErrors,
} from './lib.mjs';

const report = new Report('ui-warehouse');
const browser = await launch();
const { page, errors } = await newPage(browser);
const sourceOf = async () => (await api('GET', 'external_data_sources/')).json.results[0];
const schemaOf = async (name) => (await sourceOf()).schemas.find((schema) => schema.name === name);
const row = (name) =>
  page
    .locator('tbody.schema')
    .filter({ has: page.locator('.schema-name', { hasText: new RegExp(`^${name}$`) }) });

// The error text a field shows (lib.mjs).
const fieldError = (label) => sharedFieldError(page, label);

try {
  await report.step(
    'a signed-out visitor is sent to sign in; a wrong key is refused beside the field',
    async () => {
      await page.goto(`${env.url}/warehouse`);
      await page.waitForURL(/\/sign-in\?next=%2Fwarehouse/);
      await shot(page, 'sign-in');
      await page.getByLabel('Personal API key').fill('phx_not_a_key');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByText('This key was not accepted').waitFor();
      if ((await fieldError('Personal API key')).length === 0)
        return 'the error is not tied to the key field';
    },
  );

  await report.step(
    'the right key signs in, returns to the page asked for and stays in sessionStorage only',
    async () => {
      await page.getByLabel('Personal API key').fill(env.key);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL(/\/warehouse$/);
      await page.getByText('No source is linked yet.').waitFor();
      const stored = await page.evaluate(() => [
        sessionStorage.getItem('larder.session'),
        JSON.stringify(localStorage),
      ]);
      if (!stored[0]?.includes(env.key)) return 'the key is not in sessionStorage';
      if (stored[1].includes(env.key)) return 'the key leaked into localStorage';
      await shot(page, 'warehouse-empty');
    },
  );

  await report.step('wizard: choosing PostgreSQL asks for its settings', async () => {
    await page.getByRole('link', { name: 'Link a source' }).first().click();
    await page.waitForURL(/\/warehouse\/new$/);
    await shot(page, 'wizard-1-source');
    if (!(await page.getByLabel('PostgreSQL').isChecked())) return 'PostgreSQL is not preselected';
    if (await page.getByLabel('Amazon S3').isDisabled()) return 'S3 is not offered';
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: 'Step 2 of 4: Connect' }).waitFor();
    if ((await page.getByLabel('Port', { exact: true }).inputValue()) !== '5432')
      return 'port is not 5432 by default';
  });

  await report.step('wizard: a wrong password is shown beside the password field', async () => {
    await page.getByLabel('Host', { exact: true }).fill('127.0.0.1');
    await page.getByLabel('Port', { exact: true }).fill(env.pgPort);
    await page.getByLabel('Database', { exact: true }).fill('larder_test');
    await page.getByLabel('User', { exact: true }).fill('larder');
    await page.getByLabel('Password', { exact: true }).fill('wrong-password-123');
    await page.getByRole('button', { name: 'Validate and list tables' }).click();
    await page.locator('input[aria-invalid="true"]').waitFor();
    const error = await fieldError('Password');
    if (!/password authentication failed/.test(error)) return `password field error: "${error}"`;
    if ((await page.getByLabel('Password', { exact: true }).getAttribute('aria-invalid')) !== 'true')
      return 'not marked invalid';
    if ((await page.evaluate(() => document.activeElement?.getAttribute('name'))) !== 'password')
      return 'focus is not on the password';
    if (error.includes('wrong-password-123')) return 'the password is echoed';
    await shot(page, 'wizard-2-wrong-password');
  });

  await report.step(
    'wizard: the right password lists the tables with the sync types and keys each allows',
    async () => {
      await page.getByLabel('Password', { exact: true }).fill(env.pgPassword);
      await page.getByRole('button', { name: 'Validate and list tables' }).click();
      await page.getByRole('heading', { name: 'Step 3 of 4: Choose tables' }).waitFor();
      const notesTypes = await page
        .getByLabel('Sync type of notes')
        .locator('option')
        .evaluateAll((options) => options.map((o) => `${o.textContent}${o.disabled ? ' [disabled]' : ''}`));
      if (!notesTypes.some((text) => /Incremental — needs a primary key.*\[disabled\]/.test(text)))
        return `notes: ${notesTypes}`;
      const keys = await page
        .getByLabel('Replication key of orders')
        .locator('option')
        .evaluateAll((options) => options.map((o) => `${o.textContent}${o.disabled ? ' [disabled]' : ''}`));
      if (!keys.includes('updated_at (timestamp)')) return `orders keys: ${keys}`;
      if (
        !keys.some((text) =>
          /^customer — text is not integer, numeric, date, datetime or timestamp \[disabled\]$/.test(text),
        )
      )
        return `orders keys: ${keys}`;
      await page.getByLabel('Sync customers').check();
      await page.getByLabel('Sync type of orders').selectOption('incremental');
      await page.getByLabel('Replication key of orders').selectOption('updated_at');
      if (!(await page.getByLabel('Sync orders').isChecked()))
        return 'choosing a sync type did not enable orders';
      await shot(page, 'wizard-3-tables');
    },
  );

  await report.step(
    'wizard: linking shows the first sync until every chosen table is Completed',
    async () => {
      await page.getByRole('button', { name: 'Link source' }).click();
      await page.getByRole('heading', { name: 'Step 4 of 4: First sync' }).waitFor();
      await page.getByText('First sync complete: 2 tables are ready to query.').waitFor({ timeout: 90000 });
      await shot(page, 'wizard-4-first-sync');
      const source = await sourceOf();
      const summary = source.schemas
        .map(
          (s) =>
            `${s.name}:${s.should_sync}:${s.sync_type}:${s.incremental_field}:${s.status}:${s.table.row_count}`,
        )
        .sort()
        .join(' ');
      const expected =
        'customers:true:full_refresh:null:Completed:3 notes:false:full_refresh:null:null:0 orders:true:incremental:updated_at:Completed:4 page_views:false:full_refresh:null:null:0 slow_feed:false:full_refresh:null:null:0';
      if (summary !== expected) return `got ${summary}\nwanted ${expected}`;
      if (JSON.stringify(source).includes(env.pgPassword)) return 'the API sent the password back';
    },
  );

  await report.step(
    'the data warehouse page shows the source with status, frequency, last run and rows',
    async () => {
      await page.getByRole('link', { name: 'Open the data warehouse page' }).click();
      await page.waitForURL(/\/warehouse\?source=\d+$/);
      const card = page.locator('article.source-card');
      await card.getByRole('button', { expanded: true }).waitFor();
      const facts = (await card.locator('dl.facts').innerText()).replace(/\s+/g, ' ');
      const wanted =
        /Status Completed Frequency Every 6 hours Last run (now|\d+ seconds? ago) Rows 7 Tables syncing 2 of 5/i;
      if (!wanted.test(facts)) return `facts: ${facts}`;
      const customers = (await row('customers').innerText()).replace(/\s+/g, ' ');
      if (!/postgres_customers/.test(customers) || !/Completed/.test(customers))
        return `customers row: ${customers}`;
    },
  );

  await report.step(
    'replication keys on the page: the allowed ones, the others disabled with the reason',
    async () => {
      const select = page.getByLabel('Replication key of orders');
      await waitFor(
        'key choices from the source',
        async () => (await select.locator('option').count()) > 2,
        20000,
      );
      const options = await select
        .locator('option')
        .evaluateAll((all) => all.map((o) => `${o.value}|${o.selected}|${o.disabled}|${o.textContent}`));
      if (!options.includes('updated_at|true|false|updated_at (timestamp)')) return options.join('\n');
      if (!options.some((o) => o.startsWith('customer|false|true|customer — text is not')))
        return options.join('\n');
      if (!(await page.getByLabel('Replication key of customers').isDisabled()))
        return 'a full refresh table offers a key';
    },
  );

  let sawProgress = '';
  await report.step('enabling a table syncs it, with live progress, to Completed', async () => {
    await page.getByRole('checkbox', { name: 'Sync page_views', exact: true }).check();
    const views = row('page_views');
    await waitFor(
      'page_views to complete',
      async () => {
        const progress = (await views.locator('.progress').textContent()) ?? '';
        if (/[1-9][\d,]* rows/.test(progress)) sawProgress = progress;
        return (await views.locator('.status').first().textContent()) === 'Completed';
      },
      180000,
      100,
    );
    await page.getByText('4,000,000').first().waitFor();
    if (!sawProgress) return 'no rows counted up while the table synced';
    const schema = await schemaOf('page_views');
    if (schema.table.row_count !== 4000000) return `row_count ${schema.table.row_count}`;
    await shot(page, 'warehouse');
  });
  console.log(`    progress seen: ${sawProgress}`);

  await report.step('job history lists the run with its status and rows', async () => {
    await page.getByRole('button', { name: 'History page_views' }).click();
    const history = page.getByRole('region', { name: 'Job history of page_views' });
    await history.locator('table.jobs').waitFor();
    const text = (await history.innerText()).replace(/\s+/g, ' ');
    if (!/Completed/.test(text) || !/4,000,000/.test(text)) return text.slice(0, 300);
    if (
      (await page.getByRole('button', { name: 'History page_views' }).getAttribute('aria-expanded')) !==
      'true'
    )
      return 'aria-expanded not set';
  });

  await report.step('Cancel stops a sync whose source has not sent a row yet', async () => {
    await page.getByRole('checkbox', { name: 'Sync slow_feed', exact: true }).check();
    const cancel = page.getByRole('button', { name: 'Cancel slow_feed' });
    await cancel.waitFor({ timeout: 30000 });
    await waitFor(
      'the job to run',
      async () => (await schemaOf('slow_feed')).progress?.phase === 'Running',
      30000,
    );
    await shot(page, 'sync-running');
    await cancel.click();
    await waitFor(
      'the row to show Cancelled',
      async () => (await row('slow_feed').locator('.status').first().textContent()) === 'Cancelled',
      20000,
    );
    await cancel.waitFor({ state: 'hidden', timeout: 10000 });
    const schema = await schemaOf('slow_feed');
    if (schema.status !== 'Cancelled' || schema.progress) return JSON.stringify(schema);
    if (schema.table.row_count !== 0) return `row_count ${schema.table.row_count}`;
    // Not synced again by itself: it stays cancelled until asked.
    await page.getByRole('checkbox', { name: 'Sync slow_feed', exact: true }).uncheck();
    await waitFor('syncing to be off', async () => !(await schemaOf('slow_feed')).should_sync, 10000);
  });

  await report.step('delete data asks first: Cancel keeps the data, confirming drops it', async () => {
    await page.getByRole('button', { name: 'Delete data customers' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete the data of customers?' });
    await dialog.waitFor();
    await shot(page, 'confirm-delete-data');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    if ((await schemaOf('customers')).table.row_count !== 3) return 'Cancel deleted the data';
    await page.getByRole('button', { name: 'Delete data customers' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete data' }).click();
    await waitFor(
      'the data to be gone',
      async () => (await schemaOf('customers')).table.row_count === 0,
      20000,
    );
  });

  await report.step('sync now loads it again', async () => {
    await page.getByRole('button', { name: 'Sync now customers' }).click();
    await waitFor(
      'customers to sync',
      async () => {
        const schema = await schemaOf('customers');
        return schema.status === 'Completed' && schema.table.row_count === 3 && !schema.progress;
      },
      60000,
    );
    await waitFor(
      'the row to show 3 rows',
      async () => /3 rows[\s\S]*Completed/.test(await row('customers').innerText()),
      20000,
    );
  });

  await report.step('changing a frequency and a time of day is saved', async () => {
    await page.getByLabel('Sync frequency of orders').selectOption('1hour');
    await waitFor(
      'frequency saved',
      async () => (await schemaOf('orders')).sync_frequency === '1hour',
      10000,
    );
    await page.getByLabel("Time of day (UTC) of orders's syncs").fill('03:30');
    await page.getByLabel("Time of day (UTC) of orders's syncs").blur();
    await waitFor('time saved', async () => (await schemaOf('orders')).sync_time_of_day === '03:30', 10000);
  });

  await report.step('resync asks first and reloads the table from scratch', async () => {
    const before = (await api('GET', `external_data_schemas/${(await schemaOf('orders')).id}/jobs/`)).json
      .count;
    await page.getByRole('button', { name: 'Resync orders' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Resync' }).click();
    await waitFor(
      'the resync job',
      async () => {
        const schema = await schemaOf('orders');
        const jobs = (await api('GET', `external_data_schemas/${schema.id}/jobs/`)).json;
        return jobs.count > before && jobs.results[0].status === 'Completed' && !schema.progress;
      },
      60000,
    );
  });

  await report.step('deleting a source asks first and removes it from the page', async () => {
    const created = await api('POST', 'external_data_sources/', {
      source_type: 'Postgres',
      prefix: 'spare_',
      payload: {
        host: '127.0.0.1',
        port: Number(env.pgPort),
        database: 'larder_test',
        user: 'larder',
        password: env.pgPassword,
        sslmode: 'disable',
      },
    });
    if (created.status !== 201) return `creating a spare source: ${created.status} ${created.text}`;
    const label = `Delete Postgres source ${created.json.id}`;
    await page.getByRole('button', { name: label }).waitFor({ timeout: 15000 });
    await page.getByRole('button', { name: label }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete source' }).click();
    await page.getByRole('button', { name: label }).waitFor({ state: 'detached' });
    const left = (await api('GET', 'external_data_sources/')).json.results.map((source) => source.prefix);
    if (JSON.stringify(left) !== '[""]') return `sources left (by prefix): ${JSON.stringify(left)}`;
  });

  await report.step('no script errors on the page', async () => scriptErrors(errors));
} finally {
  await browser.close();
}
report.finish();
