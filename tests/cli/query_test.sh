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
