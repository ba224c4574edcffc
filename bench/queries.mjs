// The query benchmark's queries (bench/query_vs_duckdb.mjs): each product-analytics question
// written once in HogQL for Larder and once in DuckDB's SQL, side by side, over the tables of
// bench/query_data.mjs (events, customers). The two texts ask the same question with each
// engine's idiom: `properties.$browser` / `properties->>'$."$browser"'`, `uniqExact` /
// `count(DISTINCT …)` (both exact; `uniq` / `approx_count_distinct` once, as the approximate
// pair), `quantile(l)(x)` / `quantile_cont(x, l)` (both interpolating), `lagInFrame` / `lag`.
//
// Every query orders its rows completely, so results are compared row by row. `approx` names
// result columns computed by approximate functions, with the relative difference allowed
// between the engines; other numbers may differ by 1e-6 (floating-point sums in another order).

// DuckDB's spelling of a property: its JSON path needs quoting for keys that start with '$'.
const prop = (key) => `(properties->>'$."${key}"')`;

export const QUERIES = [
  {
    name: 'count',
    larder: 'SELECT count() AS c FROM events',
    duckdb: 'SELECT count(*) AS c FROM events',
  },
  {
    name: 'count_by_event',
    larder: 'SELECT event, count() AS c FROM events GROUP BY event ORDER BY c DESC, event',
    duckdb: 'SELECT event, count(*) AS c FROM events GROUP BY event ORDER BY c DESC, event',
  },
  {
    name: 'last_week_by_event',
    larder: `SELECT event, count() AS c FROM events
             WHERE timestamp >= toDateTime('2024-06-24 00:00:00')
             GROUP BY event ORDER BY c DESC, event LIMIT 10`,
    duckdb: `SELECT event, count(*) AS c FROM events
             WHERE timestamp >= TIMESTAMP '2024-06-24 00:00:00'
             GROUP BY event ORDER BY c DESC, event LIMIT 10`,
  },
  {
    name: 'daily_uniques_30d',
    larder: `SELECT toDate(timestamp) AS day, uniqExact(distinct_id) AS users FROM events
             WHERE timestamp >= toDateTime('2024-06-01 00:00:00')
             GROUP BY day ORDER BY day`,
    duckdb: `SELECT CAST(timestamp AS DATE) AS day, count(DISTINCT distinct_id) AS users
             FROM events WHERE timestamp >= TIMESTAMP '2024-06-01 00:00:00'
             GROUP BY day ORDER BY day`,
  },
  {
    // The same with the approximate functions dashboards use. Larder's uniq is exact below
    // 65,536 values; DuckDB's approx_count_distinct was up to 28% off the exact counts of
    // daily_uniques_30d (42646 for 59053 on 10M events; 12014 for 9948 on 1M), hence the wide
    // tolerance: daily_uniques_30d checks the exact counts.
    name: 'daily_uniques_30d_approx',
    larder: `SELECT toDate(timestamp) AS day, uniq(distinct_id) AS users FROM events
             WHERE timestamp >= toDateTime('2024-06-01 00:00:00')
             GROUP BY day ORDER BY day`,
    duckdb: `SELECT CAST(timestamp AS DATE) AS day, approx_count_distinct(distinct_id) AS users
             FROM events WHERE timestamp >= TIMESTAMP '2024-06-01 00:00:00'
             GROUP BY day ORDER BY day`,
    approx: { users: 0.35 },
  },
  {
    name: 'weekly_uniques',
    larder: `SELECT toStartOfWeek(timestamp, 1) AS week, uniqExact(distinct_id) AS users
             FROM events GROUP BY week ORDER BY week`,
    duckdb: `SELECT CAST(date_trunc('week', timestamp) AS DATE) AS week,
             count(DISTINCT distinct_id) AS users FROM events GROUP BY week ORDER BY week`,
  },
  {
    name: 'exact_users',
    larder: 'SELECT uniqExact(distinct_id) AS users FROM events',
    duckdb: 'SELECT count(DISTINCT distinct_id) AS users FROM events',
  },
  {
    name: 'top_browsers',
    larder: `SELECT properties.$browser AS browser, count() AS c FROM events
             GROUP BY browser ORDER BY c DESC, browser LIMIT 10`,
    duckdb: `SELECT ${prop('$browser')} AS browser, count(*) AS c FROM events
             GROUP BY browser ORDER BY c DESC, browser LIMIT 10`,
  },
  {
    name: 'three_properties',
    larder: `SELECT properties.$browser AS browser, properties.$os AS os,
             properties.$device_type AS device, count() AS c FROM events
             GROUP BY browser, os, device ORDER BY c DESC, browser, os, device`,
    duckdb: `SELECT ${prop('$browser')} AS browser, ${prop('$os')} AS os,
             ${prop('$device_type')} AS device, count(*) AS c FROM events
             GROUP BY browser, os, device ORDER BY c DESC, browser, os, device`,
  },
  {
    name: 'wide_screens_by_os',
    larder: `SELECT properties.$os AS os, count() AS c FROM events
             WHERE toInt(properties.$screen_width) >= 1440 GROUP BY os ORDER BY c DESC, os`,
    duckdb: `SELECT ${prop('$os')} AS os, count(*) AS c FROM events
             WHERE CAST(${prop('$screen_width')} AS BIGINT) >= 1440 GROUP BY os ORDER BY c DESC, os`,
  },
  {
    name: 'pricing_url_like',
    larder: `SELECT count() AS c FROM events WHERE properties.$current_url LIKE '%/pricing%'`,
    duckdb: `SELECT count(*) AS c FROM events WHERE ${prop('$current_url')} LIKE '%/pricing%'`,
  },
  {
    name: 'revenue_by_plan',
    larder: `SELECT properties.plan AS plan, count() AS purchases,
             sum(toFloat(properties.revenue)) AS revenue FROM events WHERE event = 'purchase'
             GROUP BY plan ORDER BY revenue DESC`,
    duckdb: `SELECT properties->>'plan' AS plan, count(*) AS purchases,
             sum(CAST(properties->>'revenue' AS DOUBLE)) AS revenue FROM events
             WHERE event = 'purchase' GROUP BY plan ORDER BY revenue DESC`,
  },
  {
    name: 'customer_revenue_by_plan',
    larder: `SELECT plan, count() AS customers, sum(revenue) AS total_revenue FROM customers
             GROUP BY plan ORDER BY plan`,
    duckdb: `SELECT plan, count(*) AS customers, sum(revenue) AS total_revenue FROM customers
             GROUP BY plan ORDER BY plan`,
  },
  {
    name: 'duration_quantiles',
    larder: `SELECT event, quantile(0.5)(toFloat(properties.$duration)) AS p50,
             quantile(0.9)(toFloat(properties.$duration)) AS p90,
             quantile(0.99)(toFloat(properties.$duration)) AS p99
             FROM events GROUP BY event ORDER BY event`,
    duckdb: `SELECT event, quantile_cont(CAST(${prop('$duration')} AS DOUBLE), 0.5) AS p50,
             quantile_cont(CAST(${prop('$duration')} AS DOUBLE), 0.9) AS p90,
             quantile_cont(CAST(${prop('$duration')} AS DOUBLE), 0.99) AS p99
             FROM events GROUP BY event ORDER BY event`,
    // Larder samples 2^20 values per group beyond that many; DuckDB is exact.
    approx: { p50: 0.02, p90: 0.02, p99: 0.02 },
  },
  {
    name: 'funnel_pageview_purchase',
    larder: `SELECT count() AS users, countIf(first_purchase > first_view) AS converted
             FROM (SELECT distinct_id, minIf(timestamp, event = '$pageview') AS first_view,
                          minIf(timestamp, event = 'purchase') AS first_purchase
                   FROM events WHERE event IN ('$pageview', 'purchase') GROUP BY distinct_id)
             WHERE first_view > toDateTime('1970-01-01 00:00:00')`,
    duckdb: `SELECT count(*) AS users, count(*) FILTER (WHERE first_purchase > first_view) AS converted
             FROM (SELECT distinct_id, min(timestamp) FILTER (WHERE event = '$pageview') AS first_view,
                          min(timestamp) FILTER (WHERE event = 'purchase') AS first_purchase
                   FROM events WHERE event IN ('$pageview', 'purchase') GROUP BY distinct_id)
             WHERE first_view > TIMESTAMP '1970-01-01 00:00:00'`,
  },
  {
    name: 'events_by_customer_plan',
    larder: `SELECT c.plan AS plan, count() AS events, uniqExact(e.distinct_id) AS users
             FROM events AS e INNER JOIN customers AS c ON e.distinct_id = c.distinct_id
             GROUP BY plan ORDER BY plan`,
    duckdb: `SELECT c.plan AS plan, count(*) AS events, count(DISTINCT e.distinct_id) AS users
             FROM events AS e INNER JOIN customers AS c ON e.distinct_id = c.distinct_id
             GROUP BY plan ORDER BY plan`,
  },
  {
    name: 'top_users',
    larder: `SELECT distinct_id, count() AS c, min(timestamp) AS first_seen,
             max(timestamp) AS last_seen FROM events
             GROUP BY distinct_id ORDER BY c DESC, distinct_id LIMIT 10`,
    duckdb: `SELECT distinct_id, count(*) AS c, min(timestamp) AS first_seen,
             max(timestamp) AS last_seen FROM events
             GROUP BY distinct_id ORDER BY c DESC, distinct_id LIMIT 10`,
  },
  {
    name: 'latest_events',
    larder: `SELECT timestamp, event, distinct_id, properties.$current_url AS url FROM events
             ORDER BY timestamp DESC LIMIT 100`,
    duckdb: `SELECT timestamp, event, distinct_id, ${prop('$current_url')} AS url FROM events
             ORDER BY timestamp DESC LIMIT 100`,
  },
  {
    name: 'longest_durations',
    larder: `SELECT toFloat(properties.$duration) AS duration, timestamp, event, distinct_id
             FROM events ORDER BY duration DESC, timestamp LIMIT 100`,
    duckdb: `SELECT CAST(${prop('$duration')} AS DOUBLE) AS duration, timestamp, event, distinct_id
             FROM events ORDER BY duration DESC, timestamp LIMIT 100`,
  },
  {
    name: 'retention_gaps',
    larder: `SELECT gap, count() AS c FROM (
               SELECT dateDiff('day', lagInFrame(day, 1, day)
                        OVER (PARTITION BY distinct_id ORDER BY day), day) AS gap
               FROM (SELECT distinct_id, toDate(timestamp) AS day FROM events
                     GROUP BY distinct_id, day))
             GROUP BY gap ORDER BY gap`,
    duckdb: `SELECT gap, count(*) AS c FROM (
               SELECT day - lag(day, 1, day) OVER (PARTITION BY distinct_id ORDER BY day) AS gap
               FROM (SELECT distinct_id, CAST(timestamp AS DATE) AS day FROM events
                     GROUP BY distinct_id, day))
             GROUP BY gap ORDER BY gap`,
  },
];

// One line: the query files and the engines take the text without its layout.
export function oneLine(sql) {
  return sql.replace(/\s+/g, ' ').trim();
}
