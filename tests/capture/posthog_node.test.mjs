// posthog-node (npm, pinned in package.json) sends more than 10,000 events to the server, one per
// request, in gzip batches and in uncompressed batches, plus identify and alias calls that merge
// persons; the query API must then return exact counts per event and per person, and the merges
// PostHog's person processing would make: a distinct id joins the person of the other one, two
// unidentified persons merge into the identify call's person, and an identified person is never
// merged into another.
import crypto from 'node:crypto';
import { PostHog } from 'posthog-node';
import {
  Report,
  serverFromEnv,
  runId,
  pollRows,
  queryRows,
  countsOf,
  diffCounts,
  num,
  parseTimestamp,
  sqlString,
} from './lib.mjs';

const report = new Report('posthog_node');
const server = serverFromEnv();
const project = server.project1;
const prefix = `pn-${runId()}-`;
const id = (name) => prefix + name;

const EVENT_NAMES = ['$pageview', 'signup', 'search', 'purchase', 'café ☕'];
const BULK_USERS = 40;
const SINGLE_EVENTS = 500;
const GZIP_BATCH_EVENTS = 9000;
const PLAIN_BATCH_EVENTS = 600;

// What the server must end up holding, kept as events are sent.
const expected = {
  byEvent: {},
  byDistinctId: {},
  add(distinctId, event) {
    this.byEvent[event] = (this.byEvent[event] ?? 0) + 1;
    this.byDistinctId[distinctId] = (this.byDistinctId[distinctId] ?? 0) + 1;
  },
};

// Every request posthog-node makes, with its status: a send that failed is a failure of the
// server, which posthog-node itself would only log.
const requests = [];
function recordingFetch(label) {
  return async (url, options) => {
    const headers = options.headers ?? {};
    const entry = { label, url: String(url), encoding: headers['Content-Encoding'] ?? null };
    try {
      const response = await fetch(url, options);
      entry.status = response.status;
      if (response.status !== 200) entry.body = await response.clone().text();
      requests.push(entry);
      return response;
    } catch (error) {
      entry.status = `network error: ${error.message}`;
      requests.push(entry);
      throw error;
    }
  };
}

function client(label, options = {}) {
  return new PostHog(project.token, {
    host: server.url,
    fetch: recordingFetch(label),
    fetchRetryCount: 0,
    flushInterval: 0,
    maxQueueSize: 100000,
    ...options,
  });
}

function bulkEvent(index) {
  const user = id(`u${(index * 7) % BULK_USERS}`);
  const event = EVENT_NAMES[index % EVENT_NAMES.length];
  return { user, event };
}

// Phase 1: one request per event (captureImmediate), including the events that give the merge
// scenarios their persons before the identify and alias calls.
async function sendSingles(posthog) {
  const scenarioEvents = [
    ['s1-anon', 10],
    ['s2-user', 10],
    ['s3-anon', 10],
    ['s3-user', 10],
    ['s4-user', 5],
  ];
  for (const [name, count] of scenarioEvents) {
    for (let i = 0; i < count; i++) {
      await posthog.captureImmediate({ distinctId: id(name), event: 'scenario step', properties: { step: i } });
      expected.add(id(name), 'scenario step');
    }
  }
  for (let start = 0; start < SINGLE_EVENTS; start += 10) {
    const sends = [];
    for (let index = start; index < start + 10; index++) {
      const { user, event } = bulkEvent(index);
      sends.push(posthog.captureImmediate({ distinctId: user, event, properties: { phase: 'single', index } }));
      expected.add(user, event);
    }
    await Promise.all(sends);
  }
}

// Phase 2: identify and alias, each awaited so that the server sees them in this order.
async function sendMerges(posthog) {
  // S1: an anonymous id with events, identified as a new id: the new id joins its person.
  await posthog.identifyImmediate({
    distinctId: id('s1-user'),
    properties: { $anon_distinct_id: id('s1-anon'), email: 's1@example.com' },
  });
  expected.add(id('s1-user'), '$identify');
  // S2: an alias for an id with events: the alias joins its person.
  await posthog.aliasImmediate({ distinctId: id('s2-user'), alias: id('s2-alias') });
  expected.add(id('s2-user'), '$create_alias');
  // S3: two unidentified persons: the anonymous one merges into the identified one.
  await posthog.identifyImmediate({
    distinctId: id('s3-user'),
    properties: { $anon_distinct_id: id('s3-anon'), email: 's3@example.com' },
  });
  expected.add(id('s3-user'), '$identify');
  // S4: the other id's person is already identified (S1): PostHog refuses to merge it.
  await posthog.identifyImmediate({
    distinctId: id('s4-user'),
    properties: { $anon_distinct_id: id('s1-anon') },
  });
  expected.add(id('s4-user'), '$identify');
  // S5: an alias between two ids without persons: one new person holds both.
  await posthog.aliasImmediate({ distinctId: id('s5-new'), alias: id('s5-old') });
  expected.add(id('s5-new'), '$create_alias');
}

// Phase 3: batches (flushAt), gzip unless the client was made with disableCompression.
async function sendBatches(posthog, phase, first, count, samples) {
  if (phase === 'gzip') {
    for (const [name, events] of [['s1-user', 10], ['s2-alias', 5], ['s5-new', 3], ['s5-old', 3]]) {
      for (let i = 0; i < events; i++) {
        posthog.capture({ distinctId: id(name), event: 'after merge', properties: { i } });
        expected.add(id(name), 'after merge');
      }
    }
    for (const sample of samples) {
      posthog.capture(sample);
      expected.add(sample.distinctId, sample.event);
    }
  }
  for (let index = first; index < first + count; index++) {
    const { user, event } = bulkEvent(index);
    posthog.capture({ distinctId: user, event, properties: { phase, index, plan: index % 3 ? 'free' : 'paid' } });
    expected.add(user, event);
  }
  await posthog.shutdown(20000);
}

// Events with chosen uuids and timestamps, to check what is stored field by field.
function sampleEvents() {
  return [
    {
      uuid: crypto.randomUUID(),
      distinctId: id('u1'),
      event: 'sample',
      timestamp: new Date('2024-03-05T06:07:08.250Z'),
      properties: { text: 'héllo "quoted" \\ ☕', amount: 12.5, count: 3, flag: true, nested: { a: [1, 2, { b: 'c' }] }, none: null },
    },
  ];
}

async function checkCounts() {
  const totalExpected = Object.values(expected.byEvent).reduce((a, b) => a + b, 0);
  const where = `distinct_id LIKE ${sqlString(prefix + '%')}`;
  const byEvent = await pollRows(
    server.url,
    project,
    `SELECT event, count() FROM events WHERE ${where} GROUP BY event ORDER BY event`,
    (rows) => !diffCounts(expected.byEvent, countsOf(rows)),
  );
  report.check(
    `exact count per event name (${totalExpected} events, ${Object.keys(expected.byEvent).length} names)`,
    byEvent.settled,
    diffCounts(expected.byEvent, countsOf(byEvent.rows ?? [])) || byEvent.error || '',
  );
  const byId = await pollRows(
    server.url,
    project,
    `SELECT distinct_id, count() FROM events WHERE ${where} GROUP BY distinct_id`,
    (rows) => !diffCounts(expected.byDistinctId, countsOf(rows)),
    5000,
  );
  report.check('exact count per distinct id', byId.settled, diffCounts(expected.byDistinctId, countsOf(byId.rows ?? [])) || byId.error || '');
  const uuids = await queryRows(server.url, project, `SELECT count(), count(DISTINCT uuid) FROM events WHERE ${where}`);
  report.check(
    'every event stored once (uuids distinct)',
    num(uuids[0][0]) === totalExpected && num(uuids[0][1]) === totalExpected,
    `count(), count(DISTINCT uuid) = ${JSON.stringify(uuids[0])}, expected ${totalExpected} each`,
  );
}

// The persons PostHog's rules give: every bulk user alone, and the five merge scenarios.
function expectedPersonGroups() {
  const groups = [];
  for (let user = 0; user < BULK_USERS; user++) groups.push([id(`u${user}`)]);
  groups.push([id('s1-anon'), id('s1-user')]);
  groups.push([id('s2-user'), id('s2-alias')]);
  groups.push([id('s3-anon'), id('s3-user')]);
  groups.push([id('s4-user')]);
  groups.push([id('s5-new'), id('s5-old')]);
  return groups;
}

async function checkPersons() {
  const groups = expectedPersonGroups();
  const allIds = groups.flat();
  const mappingSql = `SELECT distinct_id, person_id FROM person_distinct_ids WHERE distinct_id LIKE ${sqlString(prefix + '%')}`;
  const mapping = await pollRows(server.url, project, mappingSql, (rows) => rows.length >= allIds.length, 10000);
  const personOf = {};
  for (const [distinctId, personId] of mapping.rows ?? []) {
    if (personOf[distinctId] !== undefined) personOf[distinctId] = 'DUPLICATE';
    else personOf[distinctId] = String(personId);
  }
  const missing = allIds.filter((distinctId) => personOf[distinctId] === undefined);
  const duplicated = Object.keys(personOf).filter((distinctId) => personOf[distinctId] === 'DUPLICATE');
  report.check(
    'every distinct id maps to exactly one person',
    missing.length === 0 && duplicated.length === 0 && Object.keys(personOf).length === allIds.length,
    `missing: ${missing.join(', ')}`,
    `mapped twice: ${duplicated.join(', ')}`,
    `mapped: ${Object.keys(personOf).length}, expected ${allIds.length}; ${mapping.error ?? ''}`,
  );

  const scenario = (name, ids, together, why) => {
    const persons = ids.map((distinctId) => personOf[distinctId]);
    const same = persons.every((person) => person !== undefined && person === persons[0]);
    report.check(`${name}: ${why}`, together ? same : !same && new Set(persons).size === persons.length, ids.map((d, i) => `${d} -> ${persons[i]}`).join('\n'));
  };
  scenario('identify', [id('s1-anon'), id('s1-user')], true, 'the identified id joins the anonymous person');
  scenario('alias', [id('s2-user'), id('s2-alias')], true, 'the alias joins the person of the aliased id');
  scenario('identify', [id('s3-anon'), id('s3-user')], true, 'two unidentified persons merge');
  scenario('identify', [id('s1-anon'), id('s4-user')], false, 'an identified person is not merged into another');
  scenario('alias', [id('s5-new'), id('s5-old')], true, 'two new ids share one new person');
  const bulkPersons = new Set(groups.slice(0, BULK_USERS).map((group) => personOf[group[0]]));
  report.check('users never merged stay separate persons', bulkPersons.size === BULK_USERS && !bulkPersons.has(undefined), `${bulkPersons.size} persons for ${BULK_USERS} users`);

  // Events per person through person_distinct_ids, computed by the query engine.
  const expectedByPerson = {};
  for (const group of groups) {
    const person = personOf[group[0]];
    for (const distinctId of group) expectedByPerson[person] = (expectedByPerson[person] ?? 0) + (expected.byDistinctId[distinctId] ?? 0);
  }
  await checkPersonCounts(
    'exact count per person (events JOIN person_distinct_ids)',
    `SELECT pdi.person_id, count() FROM events AS e JOIN person_distinct_ids AS pdi ON e.distinct_id = pdi.distinct_id ` +
      `WHERE e.distinct_id LIKE ${sqlString(prefix + '%')} GROUP BY pdi.person_id`,
    expectedByPerson,
  );
  await checkPersonCounts(
    "exact count per person (events.person_id follows merges, as HogQL's person_id)",
    `SELECT person_id, count() FROM events WHERE distinct_id LIKE ${sqlString(prefix + '%')} GROUP BY person_id`,
    expectedByPerson,
  );
  await checkPersonRows(personOf);
}

async function checkPersonCounts(name, sql, expectedByPerson) {
  const result = await pollRows(server.url, project, sql, (rows) => !diffCounts(expectedByPerson, countsOf(rows)), 10000).catch((error) => ({ error: error.message }));
  report.check(name, result.settled, diffCounts(expectedByPerson, countsOf(result.rows ?? [])) || result.error || '', `query: ${sql}`);
}

async function checkPersonRows(personOf) {
  const rows = await queryRows(server.url, project, 'SELECT id, properties, is_identified FROM persons');
  const persons = {};
  for (const [personId, properties, identified] of rows) {
    persons[String(personId)] = {
      properties: typeof properties === 'string' ? JSON.parse(properties || '{}') : properties ?? {},
      identified: identified === true || identified === 1 || identified === '1' || identified === 'true',
    };
  }
  const wanted = new Set(Object.values(personOf));
  const missing = [...wanted].filter((person) => !persons[person]);
  report.check('every mapped person has a row in persons', missing.length === 0, `persons missing: ${missing.join(', ')}`);
  const s1 = persons[personOf[id('s1-user')]];
  const s3 = persons[personOf[id('s3-user')]];
  const u0 = persons[personOf[id('u0')]];
  report.check(
    "identify sets the person's $set properties and is_identified",
    s1?.properties?.email === 's1@example.com' && s1?.identified && s3?.properties?.email === 's3@example.com' && s3?.identified,
    `s1: ${JSON.stringify(s1)}`,
    `s3: ${JSON.stringify(s3)}`,
  );
  report.check('a person only ever seen in plain events is not identified', u0 && !u0.identified, `u0: ${JSON.stringify(u0)}`);

  const sql =
    `SELECT distinct_id, person.properties.email FROM events WHERE event = 'after merge' ` +
    `AND distinct_id = ${sqlString(id('s1-user'))} LIMIT 1`;
  const viaHogql = await queryRows(server.url, project, sql).catch((error) => [[null, error.message]]);
  report.check("HogQL person.properties.email resolves through the event's person", viaHogql[0]?.[1] === 's1@example.com', `query: ${sql}`, `rows: ${JSON.stringify(viaHogql)}`);
}

async function checkSample(sample) {
  const sql =
    `SELECT event, distinct_id, timestamp, properties.text, properties.amount, properties.count, properties.flag, ` +
    `properties.nested, properties.$lib FROM events WHERE uuid = ${sqlString(sample.uuid)}`;
  const rows = await queryRows(server.url, project, sql).catch((error) => error.message);
  if (!Array.isArray(rows) || rows.length !== 1) {
    report.fail('sample event stored with its uuid', `query: ${sql}`, `rows: ${JSON.stringify(rows)}`);
    return;
  }
  const [event, distinctId, timestamp, text, amount, count, flag, nested, lib] = rows[0];
  report.check('sample event stored with its uuid, event and distinct id', event === sample.event && distinctId === sample.distinctId, JSON.stringify(rows[0]));
  const skewMs = Math.abs(parseTimestamp(timestamp) - sample.timestamp.getTime());
  report.check('explicit timestamp kept (within 5 s after clock-skew correction)', skewMs < 5000, `stored ${timestamp}, sent ${sample.timestamp.toISOString()}`);
  const nestedValue = typeof nested === 'string' ? JSON.parse(nested) : nested;
  report.check(
    'properties round-trip: unicode string, float, int, bool, nested JSON, $lib',
    text === sample.properties.text &&
      Number(amount) === 12.5 &&
      Number(count) === 3 &&
      (flag === true || flag === 'true' || flag === 1) &&
      JSON.stringify(nestedValue) === JSON.stringify(sample.properties.nested) &&
      lib === 'posthog-node',
    `row: ${JSON.stringify(rows[0])}`,
  );
}

function checkRequests() {
  const failedRequests = requests.filter((entry) => entry.status !== 200);
  report.check(
    `every posthog-node request answered 200 (${requests.length} requests)`,
    failedRequests.length === 0 && requests.length > 0,
    ...failedRequests.slice(0, 5).map((entry) => JSON.stringify(entry)),
  );
  const batchRequests = requests.filter((entry) => entry.label === 'gzip');
  report.check(
    'posthog-node gzips its batches (Content-Encoding: gzip)',
    batchRequests.length > 0 && batchRequests.every((entry) => entry.encoding === 'gzip' && new URL(entry.url).pathname === '/batch/'),
    JSON.stringify(batchRequests.slice(0, 3)),
  );
  const plainRequests = requests.filter((entry) => entry.label === 'plain');
  report.check('uncompressed batches sent without Content-Encoding', plainRequests.length > 0 && plainRequests.every((entry) => entry.encoding === null), JSON.stringify(plainRequests.slice(0, 3)));
}

async function main() {
  const started = Date.now();
  const singles = client('single');
  await sendSingles(singles);
  await sendMerges(singles);
  await singles.shutdown(20000);
  const samples = sampleEvents();
  await sendBatches(client('gzip', { flushAt: 100, maxBatchSize: 100 }), 'gzip', SINGLE_EVENTS, GZIP_BATCH_EVENTS, samples);
  await sendBatches(client('plain', { flushAt: 50, maxBatchSize: 50, disableCompression: true }), 'plain', SINGLE_EVENTS + GZIP_BATCH_EVENTS, PLAIN_BATCH_EVENTS, []);
  // A group identify is stored as an event of its own (its distinct id is the group's).
  const groups = client('group');
  groups.groupIdentify({ groupType: 'company', groupKey: id('acme'), properties: { name: 'Acme' } });
  await groups.shutdown(20000);
  const total = Object.values(expected.byEvent).reduce((a, b) => a + b, 0);
  console.log(`sent ${total} events in ${requests.length} requests in ${Date.now() - started} ms`);
  checkRequests();
  await report.guard('events are queryable', checkCounts);
  await report.guard('persons are queryable', checkPersons);
  await report.guard('sample event', () => checkSample(samples[0]));
  await report.step('$groupidentify stored as an event', async () => {
    // Sent last: it may become visible a flush after the others.
    const found = await pollRows(server.url, project,
      `SELECT count() FROM events WHERE event = '$groupidentify' AND properties.$group_key = ${sqlString(id('acme'))}`,
      (rows) => num(rows[0][0]) === 1);
    if (!found.settled) return `count = ${found.rows?.[0]?.[0]}, expected 1 ${found.error ?? ''}`;
  });
  report.finish();
}

main().catch((error) => {
  report.fail('suite ran to the end', error.stack ?? String(error));
  report.finish();
});
