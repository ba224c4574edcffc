# `larder serve` and `larder import --events` from the command line: the query API's time limit
# (504), projects and keys, PostHog event files imported with persons, bad lines refused whole.
source "$(dirname "$0")/lib.sh"
D="$SCRATCH/data"
F="$SCRATCH/files"
mkdir -p "$F"

count_events() {
  "$LARDER" --data "$D" query --format csv "SELECT count() FROM events" 2>&1 | tail -1
}

"$LARDER" --data "$D" init >/dev/null
expect projects-create 0 '^project 2 "Shop"' -- "$LARDER" --data "$D" projects create Shop --timezone Europe/Berlin
expect projects-list 0 '^2  phc_[A-Za-z0-9_-]+  Europe/Berlin  Shop$' -- "$LARDER" --data "$D" projects list
expect keys-create-other-project 0 '^phx_' -- "$LARDER" --data "$D" keys create shop-bot --project 2
expect keys-create-missing-project 3 'project 9 does not exist' -- "$LARDER" --data "$D" keys create x --project 9

cat >"$F/events.jsonl" <<'JSONL'
{"event":"$pageview","distinct_id":"anon-1","timestamp":"2024-03-01T10:00:00Z","uuid":"0190b1a2-0000-7000-8000-000000000001","properties":{"$browser":"Firefox"}}
{"event":"$identify","distinct_id":"ada","timestamp":"2024-03-01T10:01:00Z","uuid":"0190b1a2-0000-7000-8000-000000000002","properties":{"$anon_distinct_id":"anon-1","$set":{"email":"ada@example.com"}}}

{"event":"purchase","distinct_id":"ada","timestamp":"2024-03-01T10:02:00Z","uuid":"0190b1a2-0000-7000-8000-000000000003","properties":{"amount":42}}
JSONL
printf '{"event":"ok","distinct_id":"x"}\n{"event":"bad","distinct_id":"x","properties":"not an object"}\n' >"$F/bad.jsonl"

expect import-events 0 '^imported 3 events into events' -- "$LARDER" --data "$D" import --events "$F/events.jsonl"
same import-events-count 3 "$(count_events)"
same import-events-person 'ada@example.com,2' "$("$LARDER" --data "$D" query --format csv \
  "SELECT JSONExtractString(p.properties, 'email'), count() FROM person_distinct_ids d JOIN persons p ON d.person_id = p.id GROUP BY 1" 2>&1 | tail -1)"
expect import-events-again 0 'imported 0 events into events \(3 already there' -- "$LARDER" --data "$D" import --events "$F/events.jsonl"
expect import-events-bad-line 2 'bad\.jsonl:2: .*properties.* must be an object.*nothing was imported' -- "$LARDER" --data "$D" import --events "$F/bad.jsonl"
same import-events-bad-line-stores-nothing 3 "$(count_events)"
expect import-events-missing-file 3 'nope\.jsonl' -- "$LARDER" --data "$D" import --events "$F/nope.jsonl"

# The server: a query over its time limit ends with 504; the server stays up.
"$LARDER" --data "$D" init --api-key >"$SCRATCH/init.txt"
KEY=$(sed -n 's/^personal API key (shown once): //p' "$SCRATCH/init.txt")
"$LARDER" --data "$D" serve --port 0 --query-timeout-ms 300 --access-log off >"$SCRATCH/serve.out" 2>&1 &
server=$!
for _ in $(seq 50); do grep -q listening "$SCRATCH/serve.out" && break; sleep 0.1; done
URL=$(sed -n 's/^listening on //p' "$SCRATCH/serve.out")
query() {
  curl -s -o "$SCRATCH/body" -w '%{http_code}' "$URL/api/projects/1/query/" \
    -H "Authorization: Bearer $KEY" -d "{\"query\":{\"kind\":\"HogQLQuery\",\"query\":\"$1\"}}"
  printf ' '
  cat "$SCRATCH/body"
}
slow="SELECT count() FROM events a, events b, events c, events d, events e, events f, events g, events h, events i, events j, events k, events l, events m, events n, events o, events p, events q, events r, events s, events t, events u, events v, events w, events x, events y, events z, events aa, events ab, events ac, events ad"
result=$(query "$slow")
if [[ $result =~ ^504\ .*\"code\":\"query_timeout\".*0\.3\ s ]]; then
  echo "PASS query-timeout-504"
else
  printf 'FAIL query-timeout-504\n  got: %s\n' "$result"
fi
same query-after-timeout '200 {"columns":["count()"],"types":["Int64"],"results":[
[3]],"hogql":"SELECT count() FROM events","hasMore":false,"is_cached":false}' "$(query "SELECT count() FROM events")"

kill -TERM "$server"
wait "$server"
same serve-stops-cleanly 0 "$?"
