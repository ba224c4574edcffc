// The differential test's data (tests/differential/run.mjs): three tables written from a seeded
// PRNG, so every run writes the same bytes. `events` (JSON lines) is the fact table with every
// kind of column and value the comparison should see; `users` and `plans` (CSV) are small
// dimension tables for joins. TABLES gives each table's columns with the Larder type (pinned
// with `larder import --column`) and the DuckDB type it is loaded as; the query generator
// (generator.mjs) reads the same descriptions.
import fs from 'node:fs';
import path from 'node:path';

export const SEED = 20240310;
export const EVENT_ROWS = 3000;

// kind: what the query generator may do with a column: int, float, str, bool, date, datetime,
// json. `noArith` marks integers holding the Int64 extremes: comparisons, min/max, ordering and
// DISTINCT only (sums and products of them overflow, which the engines handle differently:
// dialect_differences.md D3).
export const TABLES = {
  events: {
    file: 'events.jsonl',
    columns: [
      { name: 'id', larder: 'Int64', duckdb: 'BIGINT', kind: 'int', nullable: false },
      { name: 'user_id', larder: 'Nullable(Int64)', duckdb: 'BIGINT', kind: 'int', nullable: true },
      { name: 'event', larder: 'String', duckdb: 'VARCHAR', kind: 'str', nullable: false },
      { name: 'n', larder: 'Nullable(Int64)', duckdb: 'BIGINT', kind: 'int', nullable: true },
      { name: 'big', larder: 'Int64', duckdb: 'BIGINT', kind: 'int', nullable: false, noArith: true },
      { name: 'x', larder: 'Nullable(Float64)', duckdb: 'DOUBLE', kind: 'float', nullable: true },
      { name: 'price', larder: 'Float64', duckdb: 'DOUBLE', kind: 'float', nullable: false },
      { name: 's', larder: 'Nullable(String)', duckdb: 'VARCHAR', kind: 'str', nullable: true },
      { name: 'flag', larder: 'Bool', duckdb: 'BOOLEAN', kind: 'bool', nullable: false },
      { name: 'ts', larder: 'DateTime', duckdb: 'TIMESTAMP', kind: 'datetime', nullable: false },
      { name: 'd', larder: 'Nullable(Date)', duckdb: 'DATE', kind: 'date', nullable: true },
      { name: 'properties', larder: 'JSON', duckdb: 'JSON', kind: 'json', nullable: false },
    ],
  },
  users: {
    file: 'users.csv',
    columns: [
      { name: 'user_id', larder: 'Int64', duckdb: 'BIGINT', kind: 'int', nullable: false },
      { name: 'name', larder: 'String', duckdb: 'VARCHAR', kind: 'str', nullable: false },
      { name: 'country', larder: 'Nullable(String)', duckdb: 'VARCHAR', kind: 'str', nullable: true },
      { name: 'signup', larder: 'Date', duckdb: 'DATE', kind: 'date', nullable: false },
      { name: 'score', larder: 'Float64', duckdb: 'DOUBLE', kind: 'float', nullable: false },
      { name: 'tier', larder: 'Int64', duckdb: 'BIGINT', kind: 'int', nullable: false },
      { name: 'active', larder: 'Bool', duckdb: 'BOOLEAN', kind: 'bool', nullable: false },
    ],
  },
  plans: {
    file: 'plans.csv',
    columns: [
      { name: 'plan', larder: 'String', duckdb: 'VARCHAR', kind: 'str', nullable: false },
      { name: 'monthly', larder: 'Nullable(Float64)', duckdb: 'DOUBLE', kind: 'float', nullable: true },
      { name: 'seats', larder: 'Int64', duckdb: 'BIGINT', kind: 'int', nullable: false },
    ],
  },
};

// Mulberry32: small, fast and the same on every platform.
export function makeRandom(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const rnd = {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),  // inclusive
    pick: (items) => items[Math.floor(next() * items.length)],
    chance: (p) => next() < p,
    // items: [[value, weight], …]
    weighted: (items) => {
      const total = items.reduce((sum, [, w]) => sum + w, 0);
      let r = next() * total;
      for (const [value, w] of items) {
        r -= w;
        if (r < 0) return value;
      }
      return items[items.length - 1][0];
    },
  };
  return rnd;
}

const pad = (value, width = 2) => String(value).padStart(width, '0');

function formatDate(ms) {
  const t = new Date(ms);
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

// `micros` is 0..999999; printed only when non-zero (as Larder prints it).
function formatDateTime(ms, micros) {
  const t = new Date(ms);
  const text = `${formatDate(ms)} ${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:` +
    `${pad(t.getUTCSeconds())}`;
  return micros ? `${text}.${pad(micros, 6)}` : text;
}

const EVENT_NAMES = [
  ['$pageview', 30], ['$autocapture', 15], ['signup', 6], ['purchase', 4], ['logout', 5],
  ['$pageleave', 8], ['PageView', 3], ['page_view', 3], ['', 2], ['Café ☕', 2], ['日本語', 1],
];
const STRINGS = [
  '', 'abc', 'ABC', 'Abc', 'abcabc', 'Hello World', 'hello world', ' padded ', 'naïve', 'Ünïcödé',
  'ÄBC', '日本語テキスト', 'emoji 🎉 party', 'a%b', 'a_b', 'x,y', 'quote "q"', "it's", 'tab\there',
  'zzz', 'Zebra', 'apple', 'Apple', 'banana', '123', '-7', '1e3', 'null', 'NULL', 'line\nbreak',
];
const BROWSERS = [['Chrome', 40], ['Firefox', 20], ['Safari', 20], ['Edge', 5], ['', 3], [null, 12]];
const OSES = ['Mac OS X', 'Windows', 'Linux', 'iOS', 'Android'];
const PLANS = ['free', 'pro', 'team', 'enterprise'];
const URLS = ['/', '/pricing', '/docs/intro', '/blog/ünïcode', '/signup?ref=a%20b', '/app/1'];
const INT64_MIN = '-9223372036854775808';
const INT64_MAX = '9223372036854775807';
const BIG_SPECIAL = [INT64_MIN, INT64_MAX, '0', '-1', '1', '9007199254740993', '-9007199254740993',
  '4611686018427387904'];

// Instants that stress date logic: DST changes in the US and the EU, year ends, a leap day,
// the epoch and the 2038 boundary.
const SPECIAL_TIMES = [
  '2024-03-10T06:59:59Z', '2024-03-10T07:00:00Z', '2024-03-10T07:30:00Z', '2024-11-03T05:59:59Z',
  '2024-11-03T06:00:00Z', '2024-11-03T06:30:00Z', '2024-03-31T00:59:59Z', '2024-03-31T01:00:00Z',
  '2024-10-27T00:59:59Z', '2024-10-27T01:00:00Z', '2023-12-31T23:59:59Z', '2024-01-01T00:00:00Z',
  '2024-02-29T12:00:00Z', '2020-02-29T23:59:59Z', '1970-01-01T00:00:00Z', '2038-01-19T03:14:08Z',
  '2019-01-01T00:00:00Z', '2025-12-31T23:59:59Z',
].map((text) => Date.parse(text));
const SPECIAL_DATES = ['1970-01-01', '2000-02-29', '2024-02-29', '2038-01-19', '2100-02-28',
  '2105-12-31', '2024-03-10', '2024-12-31', '2025-01-01'].map((text) => Date.parse(`${text}T00:00:00Z`));

function intValue(rnd) {
  return rnd.weighted([
    [() => rnd.int(-50, 50), 70],
    [() => rnd.int(-1000000, 1000000), 15],
    [() => rnd.pick([0, 1, -1, 2, 100]), 15],
  ])();
}

function floatValue(rnd) {
  return rnd.weighted([
    [() => Math.round((rnd.next() * 2000 - 1000) * 1000) / 1000, 70],
    [() => Math.round(rnd.next() * 1e7) / 100, 10],
    [() => rnd.pick([0, 1, -1, 0.5, -0.5, 1e-300, -2.5e-8, 0.1, 0.2, 0.3]), 20],
  ])();
}

function eventRow(rnd, id, userIds) {
  const tsMs = rnd.chance(0.15)
    ? Math.max(0, rnd.pick(SPECIAL_TIMES) + rnd.int(-2, 2) * 1000)  // never before 1970 (D13)
    : Date.parse('2019-01-01T00:00:00Z') + rnd.int(0, 8 * 365 * 86400) * 1000;
  const micros = rnd.chance(0.3) ? rnd.int(1, 999999) : 0;
  const dMs = rnd.chance(0.2)
    ? rnd.pick(SPECIAL_DATES)
    : Date.parse('1970-01-01T00:00:00Z') + rnd.int(0, 49000) * 86400000;
  const properties = {};
  const browser = rnd.weighted(BROWSERS);
  if (browser !== null) properties.$browser = browser;
  if (rnd.chance(0.9)) properties.$os = rnd.pick(OSES);
  if (rnd.chance(0.5)) properties.plan = rnd.chance(0.1) ? null : rnd.pick(PLANS);
  if (rnd.chance(0.4)) properties.revenue = rnd.chance(0.5) ? rnd.int(1, 500) : rnd.int(100, 99999) / 100;
  if (rnd.chance(0.5)) properties.count = rnd.int(-5, 100);
  if (rnd.chance(0.3)) properties.flag = rnd.chance(0.5);
  if (rnd.chance(0.2)) properties.tags = rnd.pick([[], ['a'], ['a', 'b'], [1, 2, 3]]);
  if (rnd.chance(0.2)) properties.nested = { level: rnd.int(0, 3), name: rnd.pick(['x', 'y', 'ü']) };
  if (rnd.chance(0.3)) properties.$current_url = rnd.pick(URLS);
  if (rnd.chance(0.1)) properties.note = rnd.pick(['say "hi"', 'back\\slash', 'ünï', 'tab\there', '']);
  // JSON.stringify cannot write Int64 beyond 2^53, so the row is assembled as text.
  const big = rnd.chance(0.1) ? rnd.pick(BIG_SPECIAL) : String(rnd.int(-1e12, 1e12));
  const n = rnd.chance(0.12) ? null : intValue(rnd);
  const x = rnd.chance(0.1) ? null : floatValue(rnd);
  const s = rnd.chance(0.1) ? null : rnd.pick(STRINGS);
  const fields = [
    ['id', String(id)],
    ['user_id', JSON.stringify(rnd.chance(0.08) ? null : rnd.pick(userIds))],
    ['event', JSON.stringify(rnd.weighted(EVENT_NAMES))],
    ['n', JSON.stringify(n)],
    ['big', big],
    ['x', JSON.stringify(x)],
    ['price', JSON.stringify(rnd.int(0, 100000) / 100)],
    ['s', JSON.stringify(s)],
    ['flag', JSON.stringify(rnd.chance(0.4))],
    ['ts', JSON.stringify(formatDateTime(tsMs, micros))],
    ['d', JSON.stringify(rnd.chance(0.06) ? null : formatDate(dMs))],
    ['properties', JSON.stringify(properties)],
  ];
  return `{${fields.map(([k, v]) => `${JSON.stringify(k)}: ${v}`).join(', ')}}`;
}

function csvField(value) {
  if (value === null) return '';  // unquoted empty: NULL in both engines
  const text = String(value);
  return text === '' || /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const csvLine = (values) => values.map(csvField).join(',') + '\n';

const USER_NAMES = ['Ada', 'Bob', 'Cy "the" third', 'Dörte', 'Eve', '', 'Fay, Jr.', '李', 'Gus',
  'hal', 'Ivy', 'Jo', 'Kim', 'lee', 'Max', 'Ned', 'Olga', 'Pat', 'Quinn', 'Rui'];
const COUNTRIES = ['US', 'DE', 'FR', 'JP', 'BR', 'GB', 'ÅLAND', ''];

// Writes every table's file into `dir`; returns { table: path }.
export function generate(dir) {
  const rnd = makeRandom(SEED);
  fs.mkdirSync(dir, { recursive: true });
  // Users 1..45 and 900..905 exist; events also name users 46..60 that do not (join misses),
  // and users 40..45 and 900..905 have few or no events.
  const eventUserIds = [];
  for (let id = 1; id <= 60; ++id) if (id < 40 || id > 45) eventUserIds.push(id);
  let users = csvLine(TABLES.users.columns.map((c) => c.name));
  const userIds = [];
  for (let id = 1; id <= 45; ++id) userIds.push(id);
  for (let id = 900; id <= 905; ++id) userIds.push(id);
  for (const id of userIds) {
    const signup = Date.parse('2018-06-01T00:00:00Z') + rnd.int(0, 2500) * 86400000;
    users += csvLine([
      id,
      `${USER_NAMES[id % USER_NAMES.length]}${id > 20 ? id : ''}`,
      rnd.chance(0.15) ? null : rnd.pick(COUNTRIES),
      formatDate(signup),
      rnd.chance(0.1) ? 0 : Math.round((rnd.next() * 200 - 50) * 100) / 100,
      rnd.int(1, 4),
      rnd.chance(0.7),
    ]);
  }
  let plans = csvLine(TABLES.plans.columns.map((c) => c.name));
  for (const [plan, monthly, seats] of [['free', 0, 1], ['pro', 49.5, 5], ['team', 99, 20],
    ['enterprise', null, 1000], ['legacy', 10.25, 3], ['', null, 0]]) {
    plans += csvLine([plan, monthly, seats]);
  }
  const events = [];
  for (let id = 1; id <= EVENT_ROWS; ++id) events.push(eventRow(rnd, id, eventUserIds));
  const files = {
    events: path.join(dir, TABLES.events.file),
    users: path.join(dir, TABLES.users.file),
    plans: path.join(dir, TABLES.plans.file),
  };
  fs.writeFileSync(files.events, events.join('\n') + '\n');
  fs.writeFileSync(files.users, users);
  fs.writeFileSync(files.plans, plans);
  return files;
}
