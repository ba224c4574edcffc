#!/usr/bin/env bash
# Builds a file reader's fuzzer with clang's libFuzzer, AddressSanitizer and
# UndefinedBehaviorSanitizer, seeds it and fuzzes for a bounded time. FUZZ_TARGET picks it:
#   parquet (default)  src/formats/fuzz/parquet_fuzzer.cpp, seeded with small files from both
#                      fixture writers (make_parquet_fixtures.mjs with 12 rows)
#   text               src/formats/fuzz/text_fuzzer.cpp (CSV, TSV, JSON lines, gzip / zstd),
#                      seeded with small files written here
#
#   tests/formats/fuzz.sh                   # 10 seconds
#   FUZZ_SECONDS=600 tests/formats/fuzz.sh  # longer
#   tests/formats/fuzz.sh INPUT...          # only replay these inputs
#   FUZZ_TARGET=text tests/formats/fuzz.sh  # the text readers
#
# Environment: FUZZ_SECONDS (default 10), FUZZ_TARGET, FUZZ_DIR (build and corpus directory,
# default build/fuzz-TARGET, the corpus kept between runs), CXX (default clang++, then clang++-14).
# Prints one line "fuzz: ..." last. Exit status: 0 no finding; 1 a crash, leak, timeout or
# out-of-memory (the input is kept under $FUZZ_DIR/artifacts/); 2 the fuzzer could not be built
# or seeded.
set -uo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
FUZZ_SECONDS=${FUZZ_SECONDS:-10}
FUZZ_TARGET=${FUZZ_TARGET:-parquet}
[[ $FUZZ_TARGET == parquet || $FUZZ_TARGET == text ]] || { echo "fuzz: NOT RUN (FUZZ_TARGET is parquet or text)"; exit 2; }
FUZZ_DIR=${FUZZ_DIR:-$ROOT/build/fuzz-$FUZZ_TARGET}
FLAGS=(-std=c++20 -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all
  -fno-omit-frame-pointer -D_GLIBCXX_ASSERTIONS)

fail_setup() {
  echo "fuzz: NOT RUN ($*)"
  exit 2
}

CLANG=
for candidate in "${CXX:-}" clang++ clang++-14; do
  if [[ -n $candidate ]] && command -v "$candidate" >/dev/null &&
    [[ $("$candidate" --version 2>/dev/null) == *clang* ]]; then
    CLANG=$candidate
    break
  fi
done
[[ -n $CLANG ]] || fail_setup "no clang++ (apt-get install clang libclang-rt-14-dev)"
LAUNCHER=()
if command -v ccache >/dev/null; then
  LAUNCHER=(ccache)
  export CCACHE_DIR="${CCACHE_DIR:-$HOME/.cache/larder-ccache}"
fi

# Build: the reader, what it links from common/ and types/, and the target; one object each.
mkdir -p "$FUZZ_DIR/obj" "$FUZZ_DIR/corpus" "$FUZZ_DIR/artifacts" || fail_setup "cannot create $FUZZ_DIR"
mapfile -t SOURCES < <(ls src/formats/parquet/*.cpp | grep -v '_test\.cpp$')
SOURCES+=(src/common/{status,json}.cpp src/types/{column_vector,logical_type,value,datetime,time_zone}.cpp)
LIBS=(-lfmt -lsnappy -lzstd -llz4 -lz)
if [[ $FUZZ_TARGET == text ]]; then
  mapfile -t -O "${#SOURCES[@]}" SOURCES < <(ls src/formats/*.cpp | grep -v '_test\.cpp$')
  SOURCES+=(src/common/{thread_pool,file_system}.cpp)
  LIBS+=(-lsimdjson -lpthread)
fi
SOURCES+=("src/formats/fuzz/${FUZZ_TARGET}_fuzzer.cpp")
OBJECTS=()
for source in "${SOURCES[@]}"; do
  object="$FUZZ_DIR/obj/$(echo "${source#src/}" | tr / _).o"
  OBJECTS+=("$object")
  "${LAUNCHER[@]}" "$CLANG" "${FLAGS[@]}" -Isrc -c "$source" -o "$object" >"$object.log" 2>&1 ||
    { cat "$object.log" >&2; fail_setup "compiling $source failed"; }
done
FUZZER="$FUZZ_DIR/${FUZZ_TARGET}_fuzzer"
"$CLANG" "${FLAGS[@]}" "${OBJECTS[@]}" "${LIBS[@]}" -o "$FUZZER" \
  >"$FUZZ_DIR/link.log" 2>&1 || { cat "$FUZZ_DIR/link.log" >&2; fail_setup "link failed"; }

if (($# > 0)); then
  "$FUZZER" -timeout=10 -rss_limit_mb=2048 "$@"
  exit $?
fi

# Seeds: small files from both writers, and one input per decoder mode (Parquet); small files of
# every format, a byte saying which first (text).
SEEDS="$FUZZ_DIR/seeds"
rm -rf "$SEEDS" && mkdir -p "$SEEDS"
if [[ $FUZZ_TARGET == text ]]; then
  printf '\x00\x08id,name,when\n1,"a ""b""\n c",2024-01-02\n2,,2024-01-03 10:00:00\n' >"$SEEDS/csv"
  printf '\x01\x05\xef\xbb\xbf1,2.5,true\r\n3,,false\r\n' >"$SEEDS/csv-no-header"
  printf '\x02\x03x,y\n1,2\n' >"$SEEDS/csv-detect"
  printf '\x03\x07a\tb\n1\t"x"\n' >"$SEEDS/tsv"
  printf '\x04\x10{"a":1,"b":{"c":[1,2]},"d":"x"}\n{"a":null,"e":1.5}\n\n{"a":"s"}\n' >"$SEEDS/jsonl"
  { printf '\x00\x20'; printf 'k,v\n1,one\n2,two\n' | gzip -c; } >"$SEEDS/csv-gzip"
  { printf '\x04\x20'; printf '{"k":1}\n{"k":2}\n' | zstd -q -c; } >"$SEEDS/jsonl-zstd"
else
  if [[ ! -d tests/formats/node_modules ]]; then
    (cd tests/formats && npm ci --no-audit --no-fund >"$FUZZ_DIR/npm.log" 2>&1) ||
      { cat "$FUZZ_DIR/npm.log" >&2; fail_setup "npm ci in tests/formats failed"; }
  fi
  FIXTURE_ROWS=12 node tests/formats/make_parquet_fixtures.mjs "$SEEDS" >"$FUZZ_DIR/seeds.log" 2>&1 ||
    { cat "$FUZZ_DIR/seeds.log" >&2; fail_setup "writing seed files failed"; }
  rm -f "$SEEDS/expected.json"
  printf '\x02\x05\x01\x00\x80\x01\x02\x03\x04\x05\x06\x07' >"$SEEDS/delta-int32"
  printf '\x02\x08\x06\x00\x02\x03\x11\x22' >"$SEEDS/dictionary-indices"
fi

LOG="$FUZZ_DIR/fuzz.log"
STARTED="$FUZZ_DIR/started"
touch "$STARTED"
echo "fuzz: $FUZZER for ${FUZZ_SECONDS}s (log $LOG)"
"$FUZZER" -max_total_time="$FUZZ_SECONDS" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
  -artifact_prefix="$FUZZ_DIR/artifacts/" -print_final_stats=1 "$FUZZ_DIR/corpus" "$SEEDS" \
  >"$LOG" 2>&1
status=$?
runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$LOG" | tail -1)
mapfile -t artifacts < <(find "$FUZZ_DIR/artifacts" -type f -newer "$STARTED" | sort)
if [[ $status == 0 && ${#artifacts[@]} == 0 ]]; then
  echo "fuzz: OK, ${runs:-?} runs in ${FUZZ_SECONDS}s, no crash, leak or timeout"
  exit 0
fi
grep -E '^(==[0-9]+==|SUMMARY|    #[0-9]+ )|ERROR|runtime error|Test unit written' "$LOG" | head -40
if ((${#artifacts[@]} > 0)); then
  echo "fuzz: FAILED after ${runs:-?} runs; input kept at ${artifacts[0]};" \
    "replay: tests/formats/fuzz.sh ${artifacts[0]}"
  exit 1
fi
echo "fuzz: FAILED (libFuzzer exited with $status, no input written; see $LOG)"
exit 2
