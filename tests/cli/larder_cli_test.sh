# The `larder` command line: flags, exit codes, the data directory, its lock, and corruption.
source "$(dirname "$0")/lib.sh"
D="$SCRATCH/data"

expect version 0 '^larder [0-9]+\.[0-9]+\.[0-9]+' -- "$LARDER" --version
expect help 0 'Subcommands:' -- "$LARDER" --help
expect subcommand-help 0 'Print the first rows' -- "$LARDER" head --help
expect no-subcommand 2 'a subcommand is required' -- "$LARDER"
expect unknown-flag 2 'bogus' -- "$LARDER" --data "$D" tables --bogus
expect unknown-subcommand 2 'frobnicate' -- "$LARDER" --data "$D" frobnicate
expect missing-argument 2 'table is required' -- "$LARDER" --data "$D" describe
expect bad-log-level 2 'log-level' -- "$LARDER" --data "$D" --log-level loud tables

expect init-prints-token 0 'project token: phc_[A-Za-z0-9_-]{43}' -- "$LARDER" --data "$D" init
expect init-api-key 0 'personal API key \(shown once\): phx_' -- "$LARDER" --data "$D" init --api-key
expect keys-list-masked 0 'phx_\.\.\.' -- "$LARDER" --data "$D" keys list
expect data-from-env 0 'data directory: .*/envdata' -- env LARDER_DATA="$SCRATCH/envdata" "$LARDER" init

expect demo-loads-and-counts 0 '\$pageview +\| [0-9]+' -- "$LARDER" --data "$D" demo --events 300000
# A second run adds nothing (the table already has the rows) and shows persons from ingestion.
expect demo-persons 0 'persons +\| identified' -- "$LARDER" --data "$D" demo --events 300000
expect tables-lists-rows 0 'events +\| events +\| 300000' -- "$LARDER" --data "$D" tables
expect describe 0 'sort key: \(timestamp\)' -- "$LARDER" --data "$D" describe events
expect head-csv 0 '^uuid,event,distinct_id,properties,timestamp,created_at,person_id' -- "$LARDER" --data "$D" head events -n 2 --format csv
expect head-bad-format 2 "unknown format 'xml'" -- "$LARDER" --data "$D" head events --format xml
expect missing-table 3 "table 'nope' does not exist" -- "$LARDER" --data "$D" describe nope
expect verify-ok 0 'every checksum verified' -- "$LARDER" --data "$D" verify

# A second process may not open a data directory that one has open.
flock -o "$D/LOCK" sleep 3 &
holder=$!
sleep 0.3
expect lock-refused 4 'in use by another larder process' -- "$LARDER" --data "$D" tables
kill "$holder" 2>/dev/null; wait "$holder" 2>/dev/null

# A damaged byte in a part is reported with table, part, column and block; nothing crashes.
part=$(ls "$D"/tables/p1/events_*/part-*.lpt | head -1)
printf '\xff' | dd of="$part" bs=1 seek=2000 conv=notrunc status=none
expect corruption-detected 5 'Corruption: table events, part part-[0-9a-f-]+\.lpt, column [a-z_]+, block 0: checksum mismatch' -- "$LARDER" --data "$D" verify
