# `larder sources` against the MariaDB that tests/sources/run.sh started: link, full refresh,
# incremental (ties at the cursor, updates merged), types that need care (bigint unsigned, zero
# dates, timestamps in UTC), bad credentials. Needs LARDER, MYSQL_PORT and MYSQL_PASSWORD; prints
# PASS / FAIL lines.
set -u
SCRATCH=$(mktemp -d /tmp/larder-sources-mysql-cli.XXXXXX)
trap 'rm -rf "$SCRATCH"' EXIT
D="$SCRATCH/data"

check() {  # check NAME WANTED GOT
  if [[ $2 == "$3" ]]; then printf 'PASS %s\n' "$1"; else printf 'FAIL %s\n  wanted: %s\n  got: %s\n' "$1" "$2" "$3"; fi
}
matches() {  # matches NAME REGEX TEXT
  if grep -Eq -- "$2" <<<"$3"; then printf 'PASS %s\n' "$1"; else printf 'FAIL %s\n  wanted /%s/ in:\n%s\n' "$1" "$2" "$3"; fi
}
# Writes in time zone +05:30 (the server runs in -08:00) with zero dates allowed.
my() { mariadb --no-defaults -h127.0.0.1 -P"$MYSQL_PORT" -ularder -p"$MYSQL_PASSWORD" larder_test -e "SET time_zone = '+05:30', sql_mode = ''; $1"; }
q() { "$LARDER" --data "$D" query --format csv "$1" 2>&1 | tail -n +2 | tr '\n' ' ' | sed 's/ $//'; }

my "DROP TABLE IF EXISTS cli_orders; CREATE TABLE cli_orders(id bigint unsigned PRIMARY KEY, customer varchar(20), amount decimal(10,2), updated_at datetime, paid_at timestamp NULL, shipped date);
    INSERT INTO cli_orders VALUES (1,'ada',10.50,'2024-01-01 10:00','2024-01-01 05:30','2024-01-02'),(2,'bob',20,'2024-01-02 10:00',NULL,'0000-00-00'),(18446744073709551615,'ada',5,'2024-01-02 10:00',NULL,'2024-00-00');"
SET=(--set host=127.0.0.1 --set port="$MYSQL_PORT" --set database=larder_test --set user=larder --set password="$MYSQL_PASSWORD" --set ssl=disable)

out=$("$LARDER" --data "$D" sources create mysql "${SET[@]}" --set password=wrong 2>&1)
matches bad-password "Access denied for user 'larder'" "$out"
check bad-password-links-nothing "" "$("$LARDER" --data "$D" sources list 2>&1)"
out=$("$LARDER" --data "$D" sources create mysql "${SET[@]}" --prefix shop_ 2>&1)
matches create-lists-tables 'cli_orders -> shop_mysql_cli_orders  \(replication key candidates: id, amount, updated_at, paid_at, shipped\)' "$out"
SCHEMA=$(sed -n 's/^  schema \([0-9]*\)  cli_orders .*/\1/p' <<<"$out")
out=$("$LARDER" --data "$D" sources configure "$SCHEMA" --key customer 2>&1)
matches refused-key 'a replication key must be an integer' "$out"

"$LARDER" --data "$D" sources configure "$SCHEMA" --enable >/dev/null
out=$("$LARDER" --data "$D" sources sync "$SCHEMA" 2>&1)
matches full-refresh 'synced shop_mysql_cli_orders: 3 rows' "$out"
check full-refresh-rows "ada,15.50 bob,20.00" "$(q "SELECT customer, sum(amount) FROM shop_mysql_cli_orders GROUP BY customer ORDER BY customer")"
check unsigned-and-zero-dates "1,2024-01-01 00:00:00,2024-01-02 2,,0 18446744073709551615,,0" \
  "$(q "SELECT id, paid_at, coalesce(toString(shipped), '0') FROM shop_mysql_cli_orders ORDER BY id")"
my "DELETE FROM cli_orders WHERE id = 2"
"$LARDER" --data "$D" sources sync "$SCHEMA" >/dev/null 2>&1
check full-refresh-deletes "2" "$(q "SELECT count() FROM shop_mysql_cli_orders")"

"$LARDER" --data "$D" sources configure "$SCHEMA" --sync-type incremental --key updated_at >/dev/null
"$LARDER" --data "$D" sources sync "$SCHEMA" >/dev/null 2>&1
my "UPDATE cli_orders SET amount = 99, updated_at = '2024-01-05 00:00' WHERE id = 1;
    INSERT INTO cli_orders (id, customer, amount, updated_at) VALUES (4,'cy',7,'2024-01-02 10:00'), (5,'dan',8,'2024-01-06 00:00');"
out=$("$LARDER" --data "$D" sources sync "$SCHEMA" 2>&1)
matches incremental-cursor 'cursor 2024-01-02 10:00:00 -> 2024-01-06 00:00:00' "$out"
check incremental-merged "1,99.00 4,7.00 5,8.00 18446744073709551615,5.00" "$(q "SELECT id, amount FROM shop_mysql_cli_orders ORDER BY id")"
