# Files linked in place (self-managed tables) from the command line and through the HTTP API:
# `larder link` over a local folder, queries joining them with events, and the server's file
# roots — only folders named with --file-root may be read, `..` and symbolic links out refused.
source "$(dirname "$0")/lib.sh"
D="$SCRATCH/data"
ROOT="$SCRATCH/shared"
OUTSIDE="$SCRATCH/private"
mkdir -p "$ROOT/plans" "$OUTSIDE"
printf 'distinct_id,plan\nada,pro\nbob,free\n' >"$ROOT/plans/a.csv"
printf '{"distinct_id":"cy","plan":"team"}\n' >"$ROOT/plans/b.jsonl"
printf 'secret\n42\n' >"$OUTSIDE/secret.csv"
ln -s "$OUTSIDE" "$ROOT/escape"
cat >"$SCRATCH/events.jsonl" <<'JSONL'
{"event":"purchase","distinct_id":"ada","timestamp":"2024-03-01T10:00:00Z","properties":{"amount":42}}
{"event":"purchase","distinct_id":"ada","timestamp":"2024-03-01T11:00:00Z","properties":{"amount":8}}
{"event":"purchase","distinct_id":"bob","timestamp":"2024-03-01T12:00:00Z","properties":{"amount":5}}
JSONL
"$LARDER" --data "$D" init --api-key >"$SCRATCH/init.txt"
KEY=$(sed -n 's/^personal API key (shown once): //p' "$SCRATCH/init.txt")
"$LARDER" --data "$D" import --events "$SCRATCH/events.jsonl" >/dev/null 2>&1

expect link-csv 0 'linked plans .*read in place' -- "$LARDER" --data "$D" link plans "file://$ROOT/plans/*.csv"
expect link-jsonl 0 'plan Nullable\(String\)' -- "$LARDER" --data "$D" link more_plans "file://$ROOT/plans/*.jsonl" --format JSONEachRow
expect link-taken 4 'table plans already exists' -- "$LARDER" --data "$D" link plans "file://$ROOT/plans/*.csv"
expect link-nothing 3 'no file matches' -- "$LARDER" --data "$D" link none "file://$ROOT/plans/*.parquet"
expect link-bad-url 2 'file://' -- "$LARDER" --data "$D" link bad "file://relative/*.csv"
same join-events 'plan,revenue
free,5
pro,50' "$("$LARDER" --data "$D" query --format csv "SELECT p.plan, sum(toInt64(e.properties.amount)) AS revenue FROM events e JOIN plans p ON e.distinct_id = p.distinct_id GROUP BY p.plan ORDER BY p.plan" 2>&1)"
# Files change under the table: the next query reads them as they are.
printf 'distinct_id,plan\nada,pro\nbob,free\ndee,pro\n' >"$ROOT/plans/a.csv"
same reads-current-files '3' "$("$LARDER" --data "$D" query --format csv "SELECT count() FROM plans" 2>&1 | tail -1)"
expect describe 0 'self-managed: read in place from file://' -- "$LARDER" --data "$D" describe plans

# The server reads only inside --file-root.
"$LARDER" --data "$D" serve --port 0 --access-log off --no-scheduler --file-root "$ROOT" >"$SCRATCH/serve.out" 2>&1 &
server=$!
for _ in $(seq 50); do grep -q listening "$SCRATCH/serve.out" && break; sleep 0.1; done
URL=$(sed -n 's/^listening on //p' "$SCRATCH/serve.out")
api() {  # api METHOD PATH [BODY]: prints "STATUS BODY"
  curl -s -o "$SCRATCH/body" -w '%{http_code}' -X "$1" "$URL/api/projects/1/$2" \
    -H "Authorization: Bearer $KEY" ${3:+-d "$3"}
  printf ' '
  cat "$SCRATCH/body"
}
link() { api POST warehouse_tables/ "{\"name\":\"$1\",\"url_pattern\":\"$2\",\"format\":\"$3\"}"; }
expect api-create 0 '^201 \{"columns":\[\{"key":"distinct_id".*"format":"CSVWithNames".*"name":"api_plans"' -- link api_plans "file://$ROOT/plans/*.csv" CSVWithNames
expect api-outside-root 0 '^403 ' -- link stolen "file://$OUTSIDE/*.csv" ""
expect api-dotdot 0 '^403 ' -- link stolen "file://$ROOT/../private/*.csv" ""
expect api-symlink-out 0 '^403 .*escape' -- link stolen "file://$ROOT/escape/*.csv" ""
expect api-bad-format 0 '^400 .*unknown format' -- link other "file://$ROOT/plans/*.csv" XML
expect api-list 0 '^200 \{"count":3,.*"api_plans"' -- api GET warehouse_tables/
expect api-query 0 '^\[3\]\],"hogql"' -- api POST query/ '{"query":{"kind":"HogQLQuery","query":"SELECT count() FROM api_plans"}}'
id=$(api GET warehouse_tables/ | grep -o '"id":[0-9]*,"name":"api_plans"' | grep -o '[0-9]*' | head -1)
expect api-delete 0 '^204' -- api DELETE "warehouse_tables/$id/"
expect api-deleted 0 '^404 ' -- api GET "warehouse_tables/$id/"
same api-deleted-files-stay 'yes' "$([[ -f $ROOT/plans/a.csv ]] && echo yes)"
kill -TERM "$server"
wait "$server"
