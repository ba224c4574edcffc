// Two projects on one server: each project's token writes only into its own tables, each key
// reads only its own project, and the same distinct id is a different person in each project.
import { Report, serverFromEnv, runId, capture, queryApi, pollRows, queryRows, countsOf, diffCounts, describe, num, sqlString, personProperties } from './lib.mjs';

const report = new Report('projects');
const server = serverFromEnv();
const p1 = server.project1;
const p2 = server.project2;
const prefix = `proj-${runId()}-`;

async function send(project, name, count, extra = {}) {
  const batch = [];
  for (let i = 0; i < count; i++) batch.push({ event: prefix + name, distinct_id: `${prefix}shared-user`, properties: { i }, ...extra });
  const response = await capture(server.url, '/batch/', { api_key: project.token, batch });
  report.check(`${name}: batch of ${count} accepted with the project's token`, response.status === 200, describe(response));
}

async function main() {
  if (!p2.id || !p2.token || !p2.key) {
    report.fail('second project configured', 'LARDER_PROJECT2_ID, LARDER_PROJECT2_TOKEN and LARDER_PROJECT2_KEY must be set (run.sh creates the project)');
    report.finish();
  }
  await send(p1, 'p1-event', 5);
  await send(p2, 'p2-event', 3);
  // The same distinct id in both projects, with different person properties.
  await capture(server.url, '/capture/', { api_key: p1.token, event: '$identify', distinct_id: `${prefix}shared-user`, properties: { $set: { team: 'one' } } });
  await capture(server.url, '/capture/', { api_key: p2.token, event: '$identify', distinct_id: `${prefix}shared-user`, properties: { $set: { team: 'two' } } });
  // A token in properties.token (as posthog-js sends it) counts like api_key.
  const viaProperties = await capture(server.url, '/e/', [{ event: `${prefix}p2-via-properties`, distinct_id: `${prefix}shared-user`, properties: { token: p2.token } }]);
  report.check('token read from properties.token', viaProperties.status === 200, describe(viaProperties));

  const sql = `SELECT event, count() FROM events WHERE distinct_id = ${sqlString(`${prefix}shared-user`)} GROUP BY event`;
  const want1 = { [`${prefix}p1-event`]: 5, $identify: 1 };
  const want2 = { [`${prefix}p2-event`]: 3, $identify: 1, [`${prefix}p2-via-properties`]: 1 };
  const seen1 = await pollRows(server.url, p1, sql, (rows) => !diffCounts(want1, countsOf(rows)));
  report.check("project 1's key sees exactly project 1's events", seen1.settled, diffCounts(want1, countsOf(seen1.rows ?? [])) || seen1.error || '');
  const seen2 = await pollRows(server.url, p2, sql, (rows) => !diffCounts(want2, countsOf(rows)));
  report.check("project 2's key sees exactly project 2's events", seen2.settled, diffCounts(want2, countsOf(seen2.rows ?? [])) || seen2.error || '');

  const team1 = await personProperties(server.url, p1, `${prefix}shared-user`).catch((error) => error.message);
  const team2 = await personProperties(server.url, p2, `${prefix}shared-user`).catch((error) => error.message);
  report.check('the same distinct id is a separate person in each project', team1?.team === 'one' && team2?.team === 'two', `project 1: ${JSON.stringify(team1)}`, `project 2: ${JSON.stringify(team2)}`);
  const ids1 = await queryRows(server.url, p1, `SELECT person_id FROM person_distinct_ids WHERE distinct_id = ${sqlString(`${prefix}shared-user`)}`).catch((error) => error.message);
  const ids2 = await queryRows(server.url, p2, `SELECT person_id FROM person_distinct_ids WHERE distinct_id = ${sqlString(`${prefix}shared-user`)}`).catch((error) => error.message);
  report.check('each project maps the distinct id to its own person id', Array.isArray(ids1) && Array.isArray(ids2) && ids1.length === 1 && ids2.length === 1 && ids1[0][0] !== ids2[0][0], `project 1: ${JSON.stringify(ids1)}`, `project 2: ${JSON.stringify(ids2)}`);

  for (const [name, key, projectId] of [
    ["project 1's key cannot query project 2", p1.key, p2.id],
    ["project 2's key cannot query project 1", p2.key, p1.id],
  ]) {
    const response = await queryApi(server.url, projectId, key, 'SELECT event, distinct_id FROM events');
    report.check(`${name} (403 or 404, no rows)`, [403, 404].includes(response.status) && !response.json?.results, `POST /api/projects/${projectId}/query/ -> ${describe(response)}`);
  }
  const totals = await Promise.all([p1, p2].map((project) => queryRows(server.url, project, `SELECT count() FROM events WHERE event LIKE ${sqlString(prefix + '%')}`)));
  report.check('counts by project agree with what each token wrote', num(totals[0][0][0]) === 5 && num(totals[1][0][0]) === 4, JSON.stringify(totals));
  report.finish();
}

main().catch((error) => {
  report.fail('suite ran to the end', error.stack ?? String(error));
  report.finish();
});
