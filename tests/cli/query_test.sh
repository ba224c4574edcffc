# `larder query`: runs HogQL over imported and demo tables in every output format; bad queries
# exit non-zero with the position; a query over its memory limit stops with a clear error.
source "$(dirname "$0")/lib.sh"
D="$SCRATCH/data"
F="$SCRATCH/files"
mkdir -p "$F"

cat >"$F/orders.csv" <<'CSV'
id,customer,amount,day
1,ada,10.5,2024-01-01
2,bob,20,2024-01-01
3,ada,5,2024-01-02
4,cy,,2024-01-03
CSV
"$LARDER" --data "$D" import orders "$F/orders.csv" >/dev/null 2>&1

same query-csv 'customer,total,n
ada,15.5,2
bob,20,1
cy,,1' "$("$LARDER" --data "$D" query --format csv \
  "SELECT customer, sum(amount) AS total, count() AS n FROM orders GROUP BY customer ORDER BY customer" 2>&1)"
same query-json '{"columns":["day","n"],"types":["Date","Int64"],"results":[
["2024-01-01",2],
["2024-01-02",1]]}' "$("$LARDER" --data "$D" query --format json \
  "SELECT day, count() AS n FROM orders WHERE day < '2024-01-03' GROUP BY day ORDER BY day" 2>&1)"
same query-jsonl '{"id":4,"customer":"cy"}' "$("$LARDER" --data "$D" query --format jsonl \
  "SELECT id, customer FROM orders WHERE amount IS NULL" 2>&1)"
expect query-table 0 '^\(2 rows\)$' -- "$LARDER" --data "$D" query "SELECT * FROM orders LIMIT 2"
same query-stdin '3' "$(echo "SELECT count() FROM orders WHERE amount > 1" | "$LARDER" --data "$D" query --format csv - 2>&1 | tail -1)"
same query-join 'ada,1' "$("$LARDER" --data "$D" query --format csv \
  "SELECT a.customer, count() FROM orders a JOIN orders b ON a.customer = b.customer AND a.id < b.id GROUP BY a.customer" 2>&1 | tail -1)"

expect query-syntax-error 2 'SyntaxError: unexpected end of query' -- "$LARDER" --data "$D" query "SELECT FROM WHERE"
expect query-unknown-column 2 'Unable to resolve field `amout`. Did you mean `amount`' -- "$LARDER" --data "$D" query "SELECT amout FROM orders"
expect query-unknown-table 2 'orderz' -- "$LARDER" --data "$D" query "SELECT 1 FROM orderz"
expect query-runtime-error 2 'division by zero' -- "$LARDER" --data "$D" query "SELECT intDiv(id, 0) FROM orders"
expect query-explain 0 'Aggregate' -- "$LARDER" --data "$D" query --explain "SELECT customer, count() FROM orders GROUP BY customer"

"$LARDER" --data "$D" demo --events 200000 >/dev/null 2>&1
expect query-memory-limit 1 'memory limit of 1\.0 MiB' -- "$LARDER" --data "$D" query --max-memory 1 \
  "SELECT uuid, count() FROM events GROUP BY uuid"
expect query-demo-properties 0 '\| [0-9]+' -- "$LARDER" --data "$D" query \
  "SELECT properties.\$browser AS browser, count() FROM events GROUP BY browser ORDER BY count() DESC LIMIT 3"
same query-demo-count '200000' "$("$LARDER" --data "$D" query --format csv "SELECT count() FROM events" 2>&1 | tail -1)"

# A project's time zone: DateTime results show its wall clock (HogQL prints them in the team's
# zone), fields and text comparisons read it; a zoned result keeps its own zone.
"$LARDER" --data "$D" projects create Berlin --timezone Europe/Berlin >/dev/null 2>&1
printf 'id,ts\n1,2024-06-01 12:00:00\n' >"$F/times.csv"
"$LARDER" --data "$D" import --project 2 times "$F/times.csv" >/dev/null 2>&1
same query-project-zone '{"columns":["ts","h","u"],"types":["DateTime('"'"'Europe/Berlin'"'"')","Int64","DateTime('"'"'UTC'"'"')"],"results":[
["2024-06-01 14:00:00",14,"2024-06-01 12:00:00"]]}' "$("$LARDER" --data "$D" query --project 2 --format json \
  "SELECT ts, toHour(ts) AS h, toTimeZone(ts, 'UTC') AS u FROM times WHERE ts = '2024-06-01 14:00:00'" 2>&1)"
same query-project-zone-array '{"a":["2024-06-01 14:00:00"]}' "$("$LARDER" --data "$D" query --project 2 \
  --format jsonl "SELECT groupArray(ts) AS a FROM times" 2>&1 | tail -1)"
same query-default-project-utc '2024-06-01 12:00:00' "$("$LARDER" --data "$D" query --format csv \
  "SELECT toDateTime('2024-06-01 12:00:00')" 2>&1 | tail -1)"
expect import-unknown-project 3 'project 9 does not exist' -- "$LARDER" --data "$D" import --project 9 \
  times "$F/times.csv"
