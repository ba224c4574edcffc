// Files in a folder, in the browser: the wizard offers buckets and folders with the choice of
// querying in place or syncing; a pattern outside the server's --file-root folders and a taken
// table name are shown beside their fields; a folder linked in place is queried in the SQL editor
// and sees a new file at once; the same folder synced with append completes with its rows and,
// after a file is added, Sync now loads only that file; the tables page shows the in-place table's
// files and unlinks it after a confirmation (the files stay).
import fs from 'node:fs';
import path from 'node:path';
import {
  Report,
  api,
  env,
  fieldError,
  gridRows,
  launch,
  newPage,
  runQuery,
  scriptErrors,
  shot,
  signIn,
  unnamedControls,
  waitFor,
} from './lib.mjs';

const report = new Report('ui-buckets');
const ORDERS = `file://${env.fileRoot}/orders/*.csv`;
// A folder with a CSV file beside the allowed one, so that only --file-root refuses it.
const OUTSIDE_DIR = path.join(path.dirname(env.fileRoot), 'outside-files');
const OUTSIDE = `file://${OUTSIDE_DIR}/*.csv`;
fs.mkdirSync(OUTSIDE_DIR, { recursive: true });
fs.writeFileSync(path.join(OUTSIDE_DIR, 'secret.csv'), 'id,secret\n1,x\n');

const browser = await launch();
const { page, errors } = await newPage(browser);
const bucketSource = async () =>
  (await api('GET', 'external_data_sources/')).json.results.find((source) => source.source_type === 'Bucket');
const optionTexts = (label) =>
  page
    .getByLabel(label, { exact: true })
    .locator('option')
    .evaluateAll((options) => options.map((o) => `${o.textContent}${o.disabled ? ' [disabled]' : ''}`));
const stepNames = async () => (await page.locator('ol.steps li').allTextContents()).join(' / ');

// Opens the wizard, chooses Local folder and `mode`, and continues to the connection step.
async function startLocalFolder(mode) {
  await page.goto(`${env.url}/warehouse/new`);
  await page.getByLabel('Local folder').check();
  await page.getByLabel(mode).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { name: /^Step 2 of \d: Connect$/ }).waitFor();
}

try {
  await report.step('the wizard offers buckets and folders, to sync or to query in place', async () => {
    await signIn(page);
    await page.goto(`${env.url}/warehouse/new`);
    for (const label of ['Amazon S3', 'Google Cloud Storage', 'Cloudflare R2', 'Local folder'])
      if (await page.getByLabel(label).isDisabled()) return `${label} is not offered`;
    const modes = page.getByRole('group', { name: 'How to use the files' });
    if (await modes.isVisible()) return 'the files modes show for PostgreSQL';
    await page.getByLabel('Amazon S3').check();
    await modes.waitFor();
    if (!(await page.getByLabel('Sync into Larder').isChecked())) return 'syncing is not the default';
    await page.getByLabel('Query in place').check();
    if ((await stepNames()) !== 'Choose a source / Connect / Query it') return `steps: ${await stepNames()}`;
    if (!(await page.getByRole('heading', { name: 'Step 1 of 3: Choose a source' }).isVisible()))
      return 'the heading does not count the steps of querying in place';
    await shot(page, 'buckets-1-source');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: 'Step 2 of 3: Connect' }).waitFor();
    const labels = await page.locator('form.credentials label').allTextContents();
    const wanted = [
      'URL pattern',
      'Format',
      'Access key ID',
      'Secret access key',
      'Session token (optional)',
      'Region',
      'Endpoint (optional)',
      'Table name',
    ];
    if (JSON.stringify(labels) !== JSON.stringify(wanted)) return `S3 asks for ${labels.join(', ')}`;
    if ((await page.getByLabel('URL pattern').getAttribute('placeholder')) !== 's3://bucket/path/*.parquet')
      return 'no S3 example in the URL field';
    if ((await page.getByLabel('Secret access key').getAttribute('type')) !== 'password')
      return 'the secret is not a password field';
    const formats = await optionTexts('Format');
    if (formats.length !== 5 || !/^Auto/.test(formats[0])) return `formats: ${formats.join(', ')}`;
    const unnamed = await unnamedControls(page);
    if (unnamed.length) return `unnamed: ${unnamed.join(', ')}`;
  });

  await report.step('Local folder asks only for the pattern and format, and names --file-root', async () => {
    await startLocalFolder('Query in place');
    const labels = await page.locator('form.credentials label').allTextContents();
    if (JSON.stringify(labels) !== '["URL pattern","Format","Table name"]') return `asks for ${labels}`;
    const hint = await page.locator('form.credentials .field').first().innerText();
    if (!/--file-root/.test(hint)) return `URL hint: ${hint}`;
  });

  await report.step('a pattern outside the --file-root folders is refused beside the URL field', async () => {
    await page.getByLabel('URL pattern').fill(OUTSIDE);
    if ((await page.getByLabel('Table name').inputValue()) !== 'outside_files')
      return `suggested name: ${await page.getByLabel('Table name').inputValue()}`;
    await page.getByRole('button', { name: 'Link table' }).click();
    await page.locator('input[aria-invalid="true"]').waitFor();
    const error = await fieldError(page, 'URL pattern');
    if (!/outside the folders this server may read/.test(error)) return `URL field error: "${error}"`;
    if ((await page.evaluate(() => document.activeElement?.getAttribute('name'))) !== 'url')
      return 'focus is not on the URL';
    await shot(page, 'buckets-2-outside-root');
    const linked = (await api('GET', 'warehouse_tables/')).json;
    if (linked.count !== 0) return `linked anyway: ${JSON.stringify(linked)}`;
  });

  await report.step('a table name already taken is shown beside the name field', async () => {
    await page.getByLabel('URL pattern').fill(ORDERS);
    if ((await page.getByLabel('Table name').inputValue()) !== 'orders') return 'the name is not orders';
    await page.getByLabel('Table name').fill('events');
    await page.getByRole('button', { name: 'Link table' }).click();
    await page.locator('input[name="table_name"][aria-invalid="true"]').waitFor();
    const error = await fieldError(page, 'Table name');
    if (!/already exists/.test(error)) return `name field error: "${error}"`;
    if ((await fieldError(page, 'URL pattern')) !== '') return 'the URL error stayed';
  });

  await report.step('linking the folder in place shows its columns and a link to query it', async () => {
    await page.getByLabel('Table name').fill('orders_in_place');
    await page.getByRole('button', { name: 'Link table' }).click();
    await page.getByRole('heading', { name: 'Step 3 of 3: Query it' }).waitFor();
    const text = (await page.locator('.wizard-body').innerText()).replace(/\s+/g, ' ');
    for (const wanted of [
      `reads the files of ${ORDERS} in place (3 columns)`,
      'id Nullable(Int64)',
      'customer Nullable(String)',
      'amount Nullable(Float64)',
    ])
      if (!text.includes(wanted)) return `missing "${wanted}" in: ${text}`;
    await shot(page, 'buckets-3-linked-in-place');
    const linked = (await api('GET', 'warehouse_tables/')).json.results;
    if (linked.length !== 1 || linked[0].url_pattern !== ORDERS) return JSON.stringify(linked);
  });

  await report.step('Query it opens the SQL editor on the table; queries read the files', async () => {
    await page.getByRole('link', { name: 'Query it' }).click();
    await page.waitForURL(/\/sql\?q=/);
    await page.waitForFunction(() => Number(document.querySelector('.sql-page')?.dataset.runs) >= 1);
    const status = await page.locator('.run-status').textContent();
    if (!/^3 rows in/.test(status)) return `status ${status}`;
    await runQuery(
      page,
      'SELECT customer, count() AS orders, sum(amount) AS total FROM orders_in_place GROUP BY customer ORDER BY customer',
    );
    const rows = JSON.stringify(await gridRows(page));
    if (rows !== '[["ada","2","15.75"],["bob","1","20"]]') return `rows ${rows}`;
    await shot(page, 'buckets-4-query');
  });

  await report.step('syncing: a pattern outside --file-root is refused beside the URL field', async () => {
    await startLocalFolder('Sync into Larder');
    if ((await stepNames()) !== 'Choose a source / Connect / Choose tables / First sync')
      return `steps: ${await stepNames()}`;
    await page.getByLabel('URL pattern').fill(OUTSIDE);
    await page.getByRole('button', { name: 'Validate and list tables' }).click();
    await page.locator('input[aria-invalid="true"]').waitFor();
    const error = await fieldError(page, 'URL pattern');
    if (!/outside the folders this server may read/.test(error)) return `URL field error: "${error}"`;
  });

  await report.step('syncing: append is explained and incremental refused with the reason', async () => {
    await page.getByLabel('URL pattern').fill(ORDERS);
    await page.getByRole('button', { name: 'Validate and list tables' }).click();
    await page.getByRole('heading', { name: 'Step 3 of 4: Choose tables' }).waitFor();
    const types = await optionTexts('Sync type of orders');
    const wanted = ['Full refresh', 'Append', 'Incremental — files have no primary key to merge on [disabled]'];
    if (JSON.stringify(types) !== JSON.stringify(wanted)) return `sync types: ${types.join(' | ')}`;
    const intro = await page.locator('.table-picker > p').first().textContent();
    if (!/append loads only files not loaded before/.test(intro)) return `no word on append: ${intro}`;
    await page.getByLabel('Sync type of orders').selectOption('append');
    if (!(await page.getByLabel('Sync orders').isChecked())) return 'choosing append did not enable orders';
    if (!(await page.getByLabel('Replication key of orders').isDisabled())) return 'a key is asked for';
    const unnamed = await unnamedControls(page);
    if (unnamed.length) return `unnamed: ${unnamed.join(', ')}`;
    await shot(page, 'buckets-5-tables');
  });

  await report.step('syncing: the first append sync completes with the rows of both files', async () => {
    await page.getByRole('button', { name: 'Link source' }).click();
    await page.getByRole('heading', { name: 'Step 4 of 4: First sync' }).waitFor();
    await page.getByText('First sync complete: 1 table is ready to query.').waitFor({ timeout: 60000 });
    const schema = (await bucketSource()).schemas[0];
    const summary = `${schema.table.name}:${schema.sync_type}:${schema.incremental_field}:${schema.status}:${schema.table.row_count}`;
    if (summary !== 'bucket_orders:append:null:Completed:3') return summary;
    await shot(page, 'buckets-6-first-sync');
  });

  await report.step('Sync now after a new file loads only that file (append, no key)', async () => {
    fs.writeFileSync(path.join(env.fileRoot, 'orders', '2024-03.csv'), 'id,customer,amount\n4,cy,7\n');
    const source = await bucketSource();
    await page.goto(`${env.url}/warehouse?source=${source.id}`);
    const card = page.getByRole('article', { name: `Bucket source ${source.id}` });
    const type = card.getByLabel('Sync type of orders');
    await type.waitFor();
    if ((await type.inputValue()) !== 'append') return `sync type shown: ${await type.inputValue()}`;
    if (!(await card.getByLabel('Replication key of orders').isDisabled())) return 'a key is asked for';
    if (!/Append loads only files not loaded before/.test(await card.innerText()))
      return 'append is not explained on the page';
    await card.getByRole('button', { name: 'Sync now orders' }).click();
    const schemaId = source.schemas[0].id;
    const jobs = await waitFor(
      'the second sync',
      async () => {
        const list = (await api('GET', `external_data_schemas/${schemaId}/jobs/`)).json;
        return list.count === 2 && list.results[0].status === 'Completed' ? list : null;
      },
      60000,
    );
    const schema = (await bucketSource()).schemas[0];
    if (schema.table.row_count !== 4) return `rows after the new file: ${schema.table.row_count}`;
    if (jobs.results[0].rows_synced !== 1) return `the second sync read ${jobs.results[0].rows_synced} rows`;
    await waitFor('the row to show 4 rows', async () => /\b4 rows\b/.test(await card.innerText()), 20000);
    await shot(page, 'buckets-7-warehouse');
  });

  await report.step('the table read in place sees the new file at once', async () => {
    await page.goto(`${env.url}/sql`);
    await page.locator('.cm-content').waitFor();
    await runQuery(page, 'SELECT count() AS orders, sum(amount) AS total FROM orders_in_place');
    const rows = JSON.stringify(await gridRows(page));
    if (rows !== '[["4","42.75"]]') return `rows ${rows}`;
  });

  await report.step('the tables page shows the files of the in-place table and unlinks it', async () => {
    await page.goto(`${env.url}/tables`);
    const group = page.getByRole('region', { name: 'Self-managed' });
    const card = group.getByRole('article', { name: 'orders_in_place' });
    await card.waitFor();
    const text = (await card.innerText()).replace(/\s+/g, ' ');
    if (!text.includes(`Read in place from ${ORDERS}`)) return `card: ${text.slice(0, 300)}`;
    await shot(page, 'buckets-8-tables');
    await card.getByRole('button', { name: 'Unlink orders_in_place' }).click();
    const dialog = page.getByRole('dialog', { name: 'Unlink orders_in_place?' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    if ((await api('GET', 'warehouse_tables/')).json.count !== 1) return 'Cancel unlinked the table';
    await card.getByRole('button', { name: 'Unlink orders_in_place' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Unlink' }).click();
    await card.waitFor({ state: 'detached' });
    await page.getByText('Unlinked orders_in_place; its files are not touched.').waitFor();
    if ((await api('GET', 'warehouse_tables/')).json.count !== 0) return 'the table is still linked';
    if (fs.readdirSync(path.join(env.fileRoot, 'orders')).length !== 3) return 'the files were touched';
    if ((await page.getByRole('article', { name: 'bucket_orders', exact: true }).count()) !== 1)
      return 'the synced table is gone';
  });

  await report.step('no script errors on the page', async () => scriptErrors(errors));
} finally {
  await browser.close();
}
report.finish();
