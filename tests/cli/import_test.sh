# `larder import`: CSV and JSON lines into tables — inferred types, overrides, appends, --replace,
# bad rows reported with file, line and column, and nothing changed by a failed import.
source "$(dirname "$0")/lib.sh"
D="$SCRATCH/data"
F="$SCRATCH/files"
mkdir -p "$F"

cat >"$F/customers.csv" <<'EOF'
id,name,plan,mrr,active,signed_up,last_seen
1,Ada,pro,49.5,true,2024-01-31,2024-02-01T10:00:00Z
2,"Lovelace, Bob",free,0,false,2023-12-01,2024-02-02 08:30:00
3,"Cy ""the"" third",,12,true,2022-06-15,
EOF

expect import-csv 0 '^imported 3 rows into customers \(7 columns\)$' -- "$LARDER" --data "$D" import customers "$F/customers.csv"
expect import-progress 0 'importing into customers2: 3 / 3 rows, 0\.0 / 0\.0 MiB, [0-9]+ rows/s' -- "$LARDER" --data "$D" import customers2 "$F/customers.csv"
expect describe-int 0 'id +Int64$' -- "$LARDER" --data "$D" describe customers
expect describe-string 0 'name +String$' -- "$LARDER" --data "$D" describe customers
expect describe-nullable 0 'plan +Nullable\(String\)$' -- "$LARDER" --data "$D" describe customers
expect describe-float 0 'mrr +Float64$' -- "$LARDER" --data "$D" describe customers
expect describe-bool 0 'active +Bool$' -- "$LARDER" --data "$D" describe customers
expect describe-date 0 'signed_up +Date$' -- "$LARDER" --data "$D" describe customers
expect describe-datetime 0 'last_seen +Nullable\(DateTime\)$' -- "$LARDER" --data "$D" describe customers
expect describe-rows 0 '^rows: 3$' -- "$LARDER" --data "$D" describe customers
expect tables-kind 0 'customers +\| synced +\| 3 ' -- "$LARDER" --data "$D" tables
same head-csv 'id,name,plan,mrr,active,signed_up,last_seen
1,Ada,pro,49.5,true,2024-01-31,2024-02-01 10:00:00
2,"Lovelace, Bob",free,0,false,2023-12-01,2024-02-02 08:30:00
3,"Cy ""the"" third",,12,true,2022-06-15,' "$("$LARDER" --data "$D" head customers --format csv 2>&1)"

# What `head --format csv` prints imports back to the same rows.
"$LARDER" --data "$D" head customers --format csv >"$F/roundtrip.csv" 2>/dev/null
expect import-roundtrip 0 'imported 3 rows into roundtrip' -- "$LARDER" --data "$D" import roundtrip "$F/roundtrip.csv"
same head-roundtrip "$("$LARDER" --data "$D" head customers --format csv 2>&1)" "$("$LARDER" --data "$D" head roundtrip --format csv 2>&1)"

# JSON lines: nested values become JSON, missing keys NULL, into a new table and appended.
cat >"$F/events.jsonl" <<'EOF'
{"event": "signup", "user": 1, "props": {"plan": "pro"}, "at": "2024-03-01T12:00:00+01:00"}

{"event": "login", "user": 2, "at": "2024-03-02T08:00:00Z"}
EOF
expect import-jsonl 0 '^imported 2 rows into events_raw \(4 columns\)$' -- "$LARDER" --data "$D" import events_raw "$F/events.jsonl"
expect describe-json 0 'props +Nullable\(JSON\)$' -- "$LARDER" --data "$D" describe events_raw
same head-jsonl '{"event":"signup","user":1,"props":{"plan": "pro"},"at":"2024-03-01 11:00:00"}
{"event":"login","user":2,"props":null,"at":"2024-03-02 08:00:00"}' "$("$LARDER" --data "$D" head events_raw --format jsonl 2>&1)"
printf '{"id": 4, "name": "Di", "mrr": 7, "active": false, "signed_up": "2024-04-01"}\n' >"$F/more.jsonl"
expect append-jsonl 0 '^imported 1 row into customers \(7 columns\)$' -- "$LARDER" --data "$D" import customers "$F/more.jsonl"
expect append-rows 0 '^rows: 4$' -- "$LARDER" --data "$D" describe customers

# Overrides.
printf 'zip,city\n02134,Boston\n10001,New York\n' >"$F/zips.csv"
expect override 0 'imported 2 rows' -- "$LARDER" --data "$D" import zips "$F/zips.csv" --column zip:String
expect override-kept 0 '^02134,Boston$' -- "$LARDER" --data "$D" head zips --format csv

# A bad row: the error names file, line and column; nothing is written.
before=$("$LARDER" --data "$D" head customers -n 100 --format csv 2>&1)
printf 'id,name,plan,mrr,active,signed_up,last_seen\n5,Ed,pro,1,true,2024-01-01,\nsix,Fay,pro,1,true,2024-01-01,\n' >"$F/bad.csv"
expect bad-row 2 'bad\.csv:3: column `id`: cannot read "six" as Int64' -- "$LARDER" --data "$D" import customers "$F/bad.csv"
expect bad-row-replace 2 'bad\.csv:3: column `id`' -- "$LARDER" --data "$D" import customers "$F/bad.csv" --replace
same bad-row-changes-nothing "$before" "$("$LARDER" --data "$D" head customers -n 100 --format csv 2>&1)"
printf 'a,b\n1,2\n3\n' >"$F/short.csv"
expect short-row 2 'short\.csv:3: 1 field, but the header has 2 columns' -- "$LARDER" --data "$D" import fresh "$F/short.csv"
expect short-row-no-table 3 "table 'fresh' does not exist" -- "$LARDER" --data "$D" describe fresh
printf '{"a": 1}\n{"a": 2\n' >"$F/broken.jsonl"
expect bad-json 2 'broken\.jsonl:2: invalid JSON' -- "$LARDER" --data "$D" import fresh "$F/broken.jsonl"
printf 'id,name,extra\n9,Gus,x\n' >"$F/extra.csv"
expect unknown-column 2 'extra\.csv: column `extra` is not in table customers' -- "$LARDER" --data "$D" import customers "$F/extra.csv"
same unknown-column-changes-nothing "$before" "$("$LARDER" --data "$D" head customers -n 100 --format csv 2>&1)"

# --replace swaps every row for the file's.
printf 'id,name,mrr,active,signed_up\n7,Hal,3,true,2024-05-05\n' >"$F/replacement.csv"
expect replace 0 'imported 1 row into customers' -- "$LARDER" --data "$D" import customers "$F/replacement.csv" --replace
same replaced 'id,name,plan,mrr,active,signed_up,last_seen
7,Hal,,3,true,2024-05-05,' "$("$LARDER" --data "$D" head customers --format csv 2>&1)"

# Compressed files load like the plain ones (gzip and zstd, told by their first bytes).
printf 'k,v\n1,one\n2,two\n' | gzip -c >"$F/kv.csv.gz"
printf 'k,v\n3,three\n' | zstd -q -c >"$F/kv.csv.zst"
expect gzip-zstd 0 'imported 3 rows into kv' -- "$LARDER" --data "$D" import kv "$F/kv.csv.gz" "$F/kv.csv.zst"
same gzip-zstd-rows '6' "$("$LARDER" --data "$D" query --format csv "SELECT sum(k) FROM kv" 2>&1 | tail -1)"

# Usage errors.
expect needs-files 2 'needs a table name and at least one file' -- "$LARDER" --data "$D" import lonely
expect bad-format 2 "unknown format 'xml'" -- "$LARDER" --data "$D" import t "$F/zips.csv" --format xml
expect bad-override 2 'expected NAME:TYPE' -- "$LARDER" --data "$D" import t "$F/zips.csv" --column zip
expect unknown-extension 2 'cannot tell the format' -- "$LARDER" --data "$D" import t "$D/catalog.sqlite"
expect missing-file 3 'no-such\.csv' -- "$LARDER" --data "$D" import t "$F/no-such.csv"
expect bad-table-name 2 'bad-name' -- "$LARDER" --data "$D" import bad-name "$F/zips.csv"
expect import-help 0 'NAME FILE' -- "$LARDER" import --help

# Many rows over many chunks, in parallel.
awk 'BEGIN { print "id,user,value,day,note"; for (i = 0; i < 300000; i++) printf "%d,user_%d,%.2f,2024-01-%02d,\"a, \"\"b\"\"\"\n", i, i % 1000, i / 7, i % 28 + 1 }' >"$F/big.csv"
expect import-big 0 '^imported 300000 rows into big \(5 columns\)$' -- "$LARDER" --data "$D" import big "$F/big.csv"
expect big-verify 0 'big: ok \(300000 rows' -- "$LARDER" --data "$D" verify big
