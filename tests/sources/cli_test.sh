# `larder sources` against the PostgreSQL that tests/sources/run.sh started: link, configure,
# full refresh, append (ties at the cursor), incremental (updates merged), schema drift, a query
# joining a synced table with events, bad credentials. Needs LARDER, PG_PORT and PG_PASSWORD;
# prints PASS / FAIL lines.
set -u
SCRATCH=$(mktemp -d /tmp/larder-sources-cli.XXXXXX)
trap 'rm -rf "$SCRATCH"' EXIT
D="$SCRATCH/data"

check() {  # check NAME WANTED GOT
  if [[ $2 == "$3" ]]; then printf 'PASS %s\n' "$1"; else printf 'FAIL %s\n  wanted: %s\n  got: %s\n' "$1" "$2" "$3"; fi
}
matches() {  # matches NAME REGEX TEXT
  if grep -Eq -- "$2" <<<"$3"; then printf 'PASS %s\n' "$1"; else printf 'FAIL %s\n  wanted /%s/ in:\n%s\n' "$1" "$2" "$3"; fi
}
pg() { PGPASSWORD=$PG_PASSWORD psql -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U larder -d larder_test -c "SET client_min_messages = warning; $1" >/dev/null; }
q() { "$LARDER" --data "$D" query --format csv "$1" 2>&1 | tail -n +2 | tr '\n' ' ' | sed 's/ $//'; }

pg "DROP TABLE IF EXISTS cli_orders; CREATE TABLE cli_orders(id bigint PRIMARY KEY, customer text, amount numeric(10,2), updated_at timestamp);
    INSERT INTO cli_orders VALUES (1,'ada',10.50,'2024-01-01 10:00'),(2,'bob',20,'2024-01-02 10:00'),(3,'ada',5,'2024-01-02 10:00');"
SET=(--set host=127.0.0.1 --set port="$PG_PORT" --set database=larder_test --set user=larder --set password="$PG_PASSWORD" --set sslmode=disable)

out=$("$LARDER" --data "$D" sources create postgres "${SET[@]}" --set password=wrong 2>&1)
matches bad-password 'password authentication failed' "$out"
check bad-password-links-nothing "" "$("$LARDER" --data "$D" sources list 2>&1)"
out=$("$LARDER" --data "$D" sources create postgres "${SET[@]}" --prefix shop_ 2>&1)
matches create-lists-tables 'cli_orders -> shop_postgres_cli_orders  \(replication key candidates: id, amount, updated_at\)' "$out"
SCHEMA=$(sed -n 's/^  schema \([0-9]*\)  cli_orders .*/\1/p' <<<"$out")
out=$("$LARDER" --data "$D" sources configure "$SCHEMA" --key customer 2>&1)
matches refused-key 'a replication key must be an integer' "$out"

"$LARDER" --data "$D" sources configure "$SCHEMA" --enable >/dev/null
out=$("$LARDER" --data "$D" sources sync "$SCHEMA" 2>&1)
matches full-refresh 'synced shop_postgres_cli_orders: 3 rows' "$out"
check full-refresh-rows "ada,15.50 bob,20.00" "$(q "SELECT customer, sum(amount) FROM shop_postgres_cli_orders GROUP BY customer ORDER BY customer")"
pg "DELETE FROM cli_orders WHERE id = 3"
"$LARDER" --data "$D" sources sync "$SCHEMA" >/dev/null 2>&1
check full-refresh-deletes "2" "$(q "SELECT count() FROM shop_postgres_cli_orders")"

"$LARDER" --data "$D" sources configure "$SCHEMA" --sync-type incremental --key updated_at >/dev/null
"$LARDER" --data "$D" sources sync "$SCHEMA" >/dev/null 2>&1
pg "UPDATE cli_orders SET amount = 99, updated_at = '2024-01-05 00:00' WHERE id = 1;
    INSERT INTO cli_orders VALUES (4,'cy',7,'2024-01-02 10:00'), (5,'dan',8,'2024-01-06 00:00');"
out=$("$LARDER" --data "$D" sources sync "$SCHEMA" 2>&1)
matches incremental-cursor 'cursor 2024-01-02 10:00:00 -> 2024-01-06 00:00:00' "$out"
check incremental-merged "1,99.00 2,20.00 4,7.00 5,8.00" "$(q "SELECT id, amount FROM shop_postgres_cli_orders ORDER BY id")"

pg "ALTER TABLE cli_orders ADD COLUMN note text; INSERT INTO cli_orders VALUES (6,'eve',1,'2024-01-07 00:00','new column');"
out=$("$LARDER" --data "$D" sources sync "$SCHEMA" 2>&1)
matches drift-add-column 'synced shop_postgres_cli_orders: [0-9]+ rows' "$out"
check drift-new-column-values "6,new column" "$(q "SELECT id, note FROM shop_postgres_cli_orders WHERE note IS NOT NULL")"

out=$("$LARDER" --data "$D" sources show 1 2>&1)
matches show-status 'cli_orders -> shop_postgres_cli_orders  enabled  incremental on updated_at  every 6hour  last synced .* Completed  5 rows' "$out"
out=$("$LARDER" --data "$D" sources jobs "$SCHEMA" 2>&1)
check jobs-recorded 5 "$(grep -c '^job .* Completed' <<<"$out")"

# A change the cursor cannot see (updated_at unchanged) arrives only with a resync.
pg "UPDATE cli_orders SET amount = 21 WHERE id = 2"
"$LARDER" --data "$D" sources sync "$SCHEMA" >/dev/null 2>&1
check resync-needed "20.00" "$(q "SELECT amount FROM shop_postgres_cli_orders WHERE id = 2")"
out=$("$LARDER" --data "$D" sources sync "$SCHEMA" --resync 2>&1)
matches resync 'synced shop_postgres_cli_orders: 5 rows \(cursor none -> 2024-01-07 00:00:00\)' "$out"
check resync-reloaded "21.00,5" "$(q "SELECT amount, (SELECT count() FROM shop_postgres_cli_orders) FROM shop_postgres_cli_orders WHERE id = 2")"

# A synced table joins the product events: events by distinct_id with a customers table.
pg "DROP TABLE IF EXISTS cli_customers; CREATE TABLE cli_customers(distinct_id text PRIMARY KEY, plan text);
    INSERT INTO cli_customers VALUES ('ada','pro'),('bob','free');"
printf '%s\n' '{"event":"$pageview","distinct_id":"ada","timestamp":"2024-03-01T10:00:00Z"}' \
  '{"event":"purchase","distinct_id":"ada","timestamp":"2024-03-01T10:05:00Z"}' \
  '{"event":"$pageview","distinct_id":"bob","timestamp":"2024-03-01T11:00:00Z"}' \
  '{"event":"$pageview","distinct_id":"cy","timestamp":"2024-03-01T12:00:00Z"}' >"$SCRATCH/events.jsonl"
"$LARDER" --data "$D" import --events "$SCRATCH/events.jsonl" >/dev/null 2>&1
out=$("$LARDER" --data "$D" sources create postgres "${SET[@]}" --prefix crm_ 2>&1)
CUSTOMERS=$(sed -n 's/^  schema \([0-9]*\)  cli_customers .*/\1/p' <<<"$out")
"$LARDER" --data "$D" sources configure "$CUSTOMERS" --enable >/dev/null
"$LARDER" --data "$D" sources sync "$CUSTOMERS" >/dev/null 2>&1
check events-join-synced-table "free,1 pro,2" "$(q "SELECT c.plan, count() FROM events e JOIN crm_postgres_cli_customers c ON e.distinct_id = c.distinct_id GROUP BY c.plan ORDER BY c.plan")"
