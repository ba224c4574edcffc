// Shared helpers of the web UI suites: the server under test (from the environment run.sh sets),
// headless Chromium, signing in, the SQL editor, screenshots, the API, and an accessibility check
// that asks Chromium itself for each control's accessible name.
import fs from 'node:fs';
import { chromium } from 'playwright-core';
import { Report, sleep } from '../capture/lib.mjs';

export { Report, sleep };

function need(name) {
  const value = process.env[name];
  if (!value) {
    console.error(`missing environment variable ${name} (run the suites through tests/ui/run.sh)`);
    process.exit(2);
  }
  return value;
}

export const env = {
  url: need('LARDER_URL'),
  key: need('LARDER_KEY'),
  token: need('LARDER_TOKEN'),
  pgPort: need('PG_PORT'),
  pgPassword: need('PG_PASSWORD'),
  fileRoot: need('FILE_ROOT'),
  out: need('UI_OUT'),
};

export async function launch() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

// A fresh browser context and page; page errors and console errors are collected in `errors`.
export async function newPage(browser, options = {}) {
  const context = await browser.newContext({
    viewport: { width: 1366, height: 900 },
    acceptDownloads: true,
    ...options,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15000);
  const errors = [];
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  return { context, page, errors };
}

export async function shot(page, name) {
  fs.mkdirSync(env.out, { recursive: true });
  await page.screenshot({ path: `${env.out}/${name}.png`, fullPage: true });
}

export async function signIn(page, key = env.key) {
  await page.goto(`${env.url}/sign-in`);
  await page.getByLabel('Personal API key').fill(key);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'), { timeout: 15000 });
}

// Replaces the SQL editor's text (typing as a user would, via the clipboard-free insertText).
export async function setQuery(page, sql) {
  const editor = page.locator('.cm-content');
  await editor.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(sql);
}

// Runs the editor's query with Ctrl+Enter and waits until it finished; returns the status text.
export async function runQuery(page, sql) {
  if (sql !== undefined) await setQuery(page, sql);
  const runs = Number((await page.locator('.sql-page').getAttribute('data-runs')) ?? 0);
  await page.locator('.cm-content').press('Control+Enter');
  await page.waitForFunction(
    (before) => Number(document.querySelector('.sql-page')?.dataset.runs ?? 0) > before,
    runs,
    { timeout: 60000 },
  );
  return page.locator('.run-status').textContent();
}

// The visible cells of the results grid, row by row (header excluded).
export async function gridRows(page) {
  return page.$$eval('.grid-rows [role=row]', (rows) =>
    rows.map((row) => [...row.querySelectorAll('[role=gridcell]')].map((cell) => cell.textContent)),
  );
}

// The project's API, authenticated with the test key.
export async function api(method, path, body) {
  const response = await fetch(`${env.url}/api/projects/1/${path}`, {
    method,
    headers: { Authorization: `Bearer ${env.key}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let json = null;
  try {
    json = JSON.parse(text);
  } catch {}
  return { status: response.status, json, text };
}

export async function waitFor(what, probe, timeoutMs = 60000, everyMs = 200) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    last = await probe();
    if (last) return last;
    await sleep(everyMs);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

const NAMED_ROLES = new Set([
  'textbox',
  'searchbox',
  'combobox',
  'listbox',
  'checkbox',
  'radio',
  'button',
  'link',
  'spinbutton',
  'slider',
  'switch',
  'grid',
  'tab',
  'menuitem',
  'dialog',
  'img',
]);

// Controls on the page without an accessible name, as Chromium's accessibility tree computes
// them: ["combobox", "button (…)"]; empty when every control is named.
export async function unnamedControls(page) {
  const session = await page.context().newCDPSession(page);
  await session.send('Accessibility.enable');
  const { nodes } = await session.send('Accessibility.getFullAXTree');
  await session.detach();
  const problems = [];
  for (const node of nodes) {
    const role = node.role?.value;
    if (node.ignored || !NAMED_ROLES.has(role)) continue;
    const name = String(node.name?.value ?? '').trim();
    if (!name) problems.push(`${role} (node ${node.backendDOMNodeId})`);
  }
  return problems;
}

// Accessible name of the focused element, with its tag: "BUTTON Run".
export async function focused(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el) return '';
    const label = el.getAttribute('aria-label') || el.textContent?.trim().slice(0, 60) || '';
    return `${el.tagName} ${label}`;
  });
}

// Script errors, without the browser's reports of HTTP errors the suites provoke on purpose
// (a wrong key, a bad query, a wrong password, a folder the server may not read).
export function scriptErrors(errors) {
  return errors
    .filter(
      (error) => !/Failed to load resource: the server responded with a status of (400|401|403|409)/.test(error),
    )
    .join('\n');
}

// The error text a form field shows (the elements its aria-describedby names).
export function fieldError(page, label) {
  return page.getByLabel(label, { exact: true }).evaluate((input) =>
    (input.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .map((id) =>
        document.getElementById(id)?.classList.contains('field-error')
          ? document.getElementById(id).textContent
          : '',
      )
      .join(''),
  );
}
