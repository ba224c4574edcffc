#!/usr/bin/env node
// The query benchmark's data (bench/query_vs_duckdb.mjs): writes `events.jsonl` and
// `customers.csv` into a folder from a seeded PRNG, so every run with the same size writes the
// same bytes. Both Larder and DuckDB load these two files.
//
// events.jsonl, one event per line, in timestamp order:
//   uuid         UUIDv7-like (time-ordered), e.g. "018f3a2b-…"
//   event        one of 50 names, skewed: $pageview most common, 'purchase' about 1%
//   distinct_id  one of 100,000 users (UUID-shaped strings), skewed: user k is drawn with
//                probability ~ 1/sqrt(k), so a few users have thousands of events
//   timestamp    ISO 8601 UTC with microseconds over the 90 days before END (2024-07-01)
//   properties   a JSON object with 8 keys ($browser, $os, $device_type, $current_url,
//                $screen_width, $duration, $lib, $referring_domain) plus `plan` and `revenue`
//                on purchase events; browser, OS, device and screen width are fixed per user
// customers.csv, one row per user: distinct_id, plan (free/pro/team/enterprise), revenue
//   (Float64, 2 decimals), signup_date (YYYY-MM-DD), country (ISO 3166 alpha-2).
//
//   node bench/query_data.mjs --dir DIR [--events N]   (N from BENCH_EVENTS, default 10000000)
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

export const USERS = 100000;
export const END_MICROS = Date.UTC(2024, 6, 1) * 1000;  // 2024-07-01T00:00:00Z, exclusive.
export const DAYS = 90;
const SEED = 20240701;

// mulberry32: a small 32-bit PRNG; next() is uniform in [0, 1).
function makeRandom(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Picks from `[value, weight]` pairs with a precomputed cumulative table.
function makeChoice(pairs) {
  const values = pairs.map(([value]) => value);
  const cumulative = [];
  let total = 0;
  for (const [, weight] of pairs) cumulative.push((total += weight));
  return (u) => {
    const target = u * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] > target) hi = mid; else lo = mid + 1;
    }
    return values[lo];
  };
}

const CUSTOM_EVENTS = [
  'clicked_button', 'viewed_dashboard', 'created_insight', 'saved_insight', 'shared_dashboard',
  'opened_settings', 'invited_teammate', 'uploaded_file', 'downloaded_report', 'searched',
  'filtered_results', 'exported_csv', 'created_project', 'deleted_project', 'renamed_project',
  'connected_source', 'disconnected_source', 'viewed_billing', 'updated_card', 'started_trial',
  'ended_trial', 'opened_docs', 'watched_video', 'completed_onboarding', 'skipped_onboarding',
  'created_cohort', 'edited_cohort', 'created_flag', 'toggled_flag', 'created_experiment',
  'viewed_recording', 'commented', 'logged_in', 'logged_out', 'reset_password', 'changed_theme',
  'used_shortcut',
];
export const EVENT_NAMES = [
  ['$pageview', 300], ['$autocapture', 160], ['$pageleave', 90], ['$screen', 50],
  ['$feature_flag_called', 40], ['$web_vitals', 30], ['$identify', 20], ['$rageclick', 5],
  ['$exception', 5], ['purchase', 12], ['signup', 8], ['checkout_started', 20],
  ['added_to_cart', 25],
  ...CUSTOM_EVENTS.map((name, i) => [name, 60 / (i + 2)]),
];
const chooseEvent = makeChoice(EVENT_NAMES);

const PLANS = [['free', 60], ['pro', 25], ['team', 10], ['enterprise', 5]];
const PLAN_PRICE = { free: 0, pro: 29, team: 99, enterprise: 499 };
const choosePlan = makeChoice(PLANS);
const choosePaidPlan = makeChoice(PLANS.filter(([plan]) => plan !== 'free'));
const chooseCountry = makeChoice([
  ['US', 40], ['GB', 10], ['DE', 9], ['FR', 6], ['IN', 8], ['BR', 5], ['CA', 5], ['AU', 3],
  ['JP', 3], ['NL', 3], ['ES', 3], ['SE', 2], ['PL', 2], ['IT', 2],
]);
const chooseDevice = makeChoice([['Desktop', 62], ['Mobile', 33], ['Tablet', 5]]);
const chooseDesktopOs = makeChoice([['Windows', 50], ['Mac OS X', 40], ['Linux', 10]]);
const chooseMobileOs = makeChoice([['iOS', 55], ['Android', 45]]);
const chooseDesktopBrowser = makeChoice([['Chrome', 62], ['Safari', 14], ['Firefox', 11],
  ['Edge', 10], ['Opera', 3]]);
const chooseMobileBrowser = makeChoice([['Chrome', 45], ['Mobile Safari', 45],
  ['Samsung Internet', 7], ['Firefox', 3]]);
const DESKTOP_WIDTHS = [1280, 1366, 1440, 1536, 1680, 1920, 2560];
const MOBILE_WIDTHS = [360, 375, 390, 393, 412, 414, 428];
const TABLET_WIDTHS = [768, 810, 820, 1024];
const chooseReferrer = makeChoice([['$direct', 45], ['www.google.com', 30], ['github.com', 8],
  ['news.ycombinator.com', 5], ['twitter.com', 5], ['www.linkedin.com', 4], ['duckduckgo.com', 3]]);
const DOCS = ['getting-started', 'sdks/js', 'sdks/python', 'sdks/ios', 'api/events', 'api/query',
  'hogql', 'hogql/functions', 'data-warehouse', 'feature-flags', 'experiments', 'self-host'];
const BLOG = ['how-we-built-larder', 'columnar-storage', 'product-analytics-101', 'funnels',
  'retention-curves', 'why-hogql', 'zone-maps', 'sql-for-pms', 'release-notes-0-1'];
const UTM = ['google', 'newsletter', 'twitter', 'hn', 'linkedin'];

// A hex string of `digits` digits from random 32-bit chunks.
function hex(random, digits) {
  let out = '';
  while (out.length < digits) {
    out += Math.floor(random() * 4294967296).toString(16).padStart(8, '0');
  }
  return out.slice(0, digits);
}

function uuidFrom(msHex, random) {
  const r = hex(random, 20);
  const variant = (8 + Math.floor(random() * 4)).toString(16);
  return `${msHex.slice(0, 8)}-${msHex.slice(8, 12)}-7${r.slice(0, 3)}-${variant}${r.slice(3, 6)}-` +
    r.slice(6, 18);
}

function pick(random, list) {
  return list[Math.floor(random() * list.length)];
}

// Per-user attributes (fixed for a user): id, device, browser, OS, screen, plan, signup, country.
function makeUsers(random) {
  const users = [];
  const startMs = END_MICROS / 1000 - 2.5 * 365 * 86400e3;
  for (let user = 0; user < USERS; ++user) {
    const device = chooseDevice(random());
    const desktop = device === 'Desktop';
    const os = desktop ? chooseDesktopOs(random()) : chooseMobileOs(random());
    let browser = desktop ? chooseDesktopBrowser(random()) : chooseMobileBrowser(random());
    if (browser === 'Safari' && os !== 'Mac OS X') browser = 'Chrome';
    if (browser === 'Mobile Safari' && os !== 'iOS') browser = 'Chrome';
    const widths = desktop ? DESKTOP_WIDTHS : device === 'Mobile' ? MOBILE_WIDTHS : TABLET_WIDTHS;
    const signupMs = startMs + Math.floor(random() * (END_MICROS / 1000 - startMs - 86400e3));
    const plan = choosePlan(random());
    const months = 1 + Math.floor(random() * 24);
    const revenue = plan === 'free' ? 0 : PLAN_PRICE[plan] * months * (0.8 + 0.4 * random());
    users.push({
      id: uuidFrom(Math.floor(signupMs).toString(16).padStart(12, '0'), random),
      device,
      os,
      browser,
      width: pick(random, widths),
      lib: desktop ? 'web' : os === 'iOS' ? 'posthog-ios' : 'posthog-android',
      plan,
      revenue: revenue.toFixed(2),
      signup: new Date(signupMs).toISOString().slice(0, 10),
      country: chooseCountry(random()),
    });
  }
  return users;
}

function makeUrl(random) {
  const u = random();
  if (u < 0.2) return 'https://example.com/';
  if (u < 0.35) return `https://example.com/pricing?utm_source=${pick(random, UTM)}`;
  if (u < 0.6) return `https://example.com/docs/${pick(random, DOCS)}`;
  if (u < 0.75) return `https://example.com/blog/${pick(random, BLOG)}`;
  if (u < 0.8) return 'https://example.com/signup';
  return `https://example.com/app/dashboard/${Math.floor(random() * 5000)}`;
}

// Writes the files; returns their paths. Skips nothing: callers decide whether to regenerate.
export function generate(dir, events, log = () => {}) {
  fs.mkdirSync(dir, { recursive: true });
  const random = makeRandom(SEED);
  const users = makeUsers(random);

  const customersPath = path.join(dir, 'customers.csv');
  const customerLines = ['distinct_id,plan,revenue,signup_date,country'];
  for (const user of users) {
    customerLines.push(`${user.id},${user.plan},${user.revenue},${user.signup},${user.country}`);
  }
  fs.writeFileSync(customersPath, customerLines.join('\n') + '\n');

  const eventsPath = path.join(dir, 'events.jsonl');
  const tmpPath = `${eventsPath}.tmp`;
  const fd = fs.openSync(tmpPath, 'w');
  const spanMicros = DAYS * 86400e6;
  const startMicros = END_MICROS - spanMicros;
  const step = spanMicros / events;
  let lines = [];
  let secondPrefix = '';
  let prefixSecond = -1;
  for (let row = 0; row < events; ++row) {
    const micros = startMicros + Math.floor((row + random()) * step);
    const second = Math.floor(micros / 1e6);
    if (second !== prefixSecond) {
      prefixSecond = second;
      secondPrefix = new Date(second * 1000).toISOString().slice(0, 19);
    }
    const timestamp = `${secondPrefix}.${String(micros % 1e6).padStart(6, '0')}Z`;
    const user = users[Math.floor(USERS * random() ** 2)];
    const event = chooseEvent(random());
    const msHex = Math.floor(micros / 1000).toString(16).padStart(12, '0');
    const duration = Math.round(-Math.log(1 - random()) * 30000) / 1000;
    let props = `{"$browser":"${user.browser}","$os":"${user.os}",` +
      `"$device_type":"${user.device}","$current_url":"${makeUrl(random)}",` +
      `"$screen_width":${user.width},"$duration":${duration},"$lib":"${user.lib}",` +
      `"$referring_domain":"${chooseReferrer(random())}"`;
    if (event === 'purchase') {
      const plan = choosePaidPlan(random());
      const revenue = (PLAN_PRICE[plan] * (0.5 + random())).toFixed(2);
      props += `,"plan":"${plan}","revenue":${revenue}`;
    }
    lines.push(`{"uuid":"${uuidFrom(msHex, random)}","event":"${event}",` +
      `"distinct_id":"${user.id}","timestamp":"${timestamp}","properties":${props}}}`);
    if (lines.length === 65536) {
      fs.writeSync(fd, lines.join('\n') + '\n');
      lines = [];
      if ((row + 1) % (1 << 20) === 0) log(`  ${row + 1} events written`);
    }
  }
  if (lines.length) fs.writeSync(fd, lines.join('\n') + '\n');
  fs.closeSync(fd);
  fs.renameSync(tmpPath, eventsPath);
  return { eventsPath, customersPath };
}

function main() {
  const { values } = parseArgs({
    options: {
      dir: { type: 'string' },
      events: { type: 'string', default: process.env.BENCH_EVENTS ?? '10000000' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help || !values.dir) {
    console.log('usage: node query_data.mjs --dir DIR [--events N]');
    process.exit(values.help ? 0 : 2);
  }
  const events = Number(values.events);
  if (!Number.isSafeInteger(events) || events <= 0) {
    console.error('--events wants a positive integer');
    process.exit(2);
  }
  const files = generate(values.dir, events, console.log);
  console.log(`wrote ${files.eventsPath} and ${files.customersPath}`);
}

if (import.meta.url === `file://${process.argv[1]}`) main();
