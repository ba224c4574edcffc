#!/usr/bin/env bash
# Builds a HogQL fuzzer with clang's libFuzzer, AddressSanitizer and UndefinedBehaviorSanitizer,
# seeds its corpus from tests/hogql/corpus.txt (and, for the binder, the queries of tests/sql)
# plus deep-nesting and long-chain inputs, and fuzzes for a bounded time. Two targets:
#   parser (default)  src/hogql/fuzz/parser_fuzzer.cpp: lexer, parser, AST serializer;
#   binder            src/planner/fuzz/binder_fuzzer.cpp: parser, binder, optimizer, EXPLAIN
#                     (links the function library from the CMake build in $BUILD_DIR).
#
#   tests/fuzz/build-and-run.sh                   # 60 seconds
#   FUZZ_SECONDS=600 tests/fuzz/build-and-run.sh  # longer
#   FUZZ_TARGET=binder tests/fuzz/build-and-run.sh
#   tests/fuzz/build-and-run.sh INPUT...          # only replay these inputs (a crash, a corpus)
#
# Environment: FUZZ_TARGET (parser or binder), FUZZ_SECONDS (default 60), FUZZ_DIR (build and
# corpus directory, default build/fuzz for the parser, build/fuzz-binder for the binder),
# BUILD_DIR (the CMake build, default build), CXX (default clang++, then clang++-14), FUZZ_CFLAGS
# (extra compiler flags), FUZZ_ARGS (extra libFuzzer flags, e.g. "-fork=2 -ignore_crashes=1" to
# collect many findings). The corpus in $FUZZ_DIR/corpus is kept between runs, so each run starts
# where the last ended.
#
# Prints one line "fuzz: ..." last. Exit status: 0 no finding; 1 a crash, leak, timeout or
# out-of-memory (the input is kept under $FUZZ_DIR/artifacts/ and its path printed); 2 the
# fuzzer could not be built (clang or its libFuzzer/sanitizer runtime missing: install them with
# scripts/install-deps; for the binder, no CMake build) or run. Nothing is skipped silently.
set -uo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
FUZZ_SECONDS=${FUZZ_SECONDS:-60}
FUZZ_TARGET=${FUZZ_TARGET:-parser}
BUILD_DIR=${BUILD_DIR:-$ROOT/build}
case $FUZZ_TARGET in
  parser) FUZZ_DIR=${FUZZ_DIR:-$ROOT/build/fuzz} ;;
  binder) FUZZ_DIR=${FUZZ_DIR:-$ROOT/build/fuzz-binder} ;;
  *)
    echo "fuzz: NOT RUN (FUZZ_TARGET is parser or binder, not $FUZZ_TARGET)"
    exit 2
    ;;
esac
# _GLIBCXX_ASSERTIONS: bounds checks on vector[], string[], optional and friends, which
# AddressSanitizer alone misses inside a container's spare capacity.
FLAGS=(-std=c++20 -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all
  -fno-omit-frame-pointer -D_GLIBCXX_ASSERTIONS ${FUZZ_CFLAGS:-})

fail_setup() {
  echo "fuzz: $*" >&2
  echo "fuzz: NOT RUN ($1)"
  exit 2
}

# A clang that can build and link a libFuzzer target with both sanitizers.
find_compiler() {
  local candidates=("${CXX:-}" clang++ clang++-14) candidate probe
  probe=$(mktemp -d /tmp/larder-fuzz-probe.XXXXXX)
  printf '%s\n' '#include <cstddef>' '#include <cstdint>' \
    'extern "C" int LLVMFuzzerTestOneInput(const uint8_t*, size_t) { return 0; }' \
    >"$probe/probe.cpp"
  for candidate in "${candidates[@]}"; do
    [[ -n $candidate ]] && command -v "$candidate" >/dev/null || continue
    [[ $("$candidate" --version 2>/dev/null) == *clang* ]] || continue
    if "$candidate" "${FLAGS[@]}" "$probe/probe.cpp" -o "$probe/probe" >"$probe/log" 2>&1; then
      rm -rf "$probe"
      echo "$candidate"
      return 0
    fi
    echo "fuzz: $candidate cannot build a fuzzer:" >&2
    head -5 "$probe/log" >&2
  done
  rm -rf "$probe"
  return 1
}

CLANG=$(find_compiler) ||
  fail_setup "no clang++ that links -fsanitize=fuzzer,address,undefined" \
    "(apt-get install clang libclang-rt-14-dev, or run scripts/install-deps as root)"
LAUNCHER=()
if command -v ccache >/dev/null; then
  LAUNCHER=(ccache)
  export CCACHE_DIR="${CCACHE_DIR:-$HOME/.cache/larder-ccache}"
fi

# Build, one object per source. The parser: the lexer, parser and AST serializer, what they link
# from common/ (Status, Json; fmt from the system), and the fuzz target; the rest of src/hogql/
# (printers and later stages) is left out: that fuzzer does not reach it. The binder: all of
# src/hogql/ and src/planner/ instrumented, linked with the function, type and common libraries
# of the CMake build (not instrumented for coverage; the fuzzer aims at the binder).
mkdir -p "$FUZZ_DIR/obj" "$FUZZ_DIR/corpus" "$FUZZ_DIR/artifacts" || fail_setup "cannot create $FUZZ_DIR"
LIBS=(-lfmt)
if [[ $FUZZ_TARGET == parser ]]; then
  SOURCES=(src/hogql/{token,lexer,parser,syntax_error,ast_json}.cpp src/hogql/parse_*.cpp
    src/common/{status,json}.cpp src/hogql/fuzz/parser_fuzzer.cpp)
else
  mapfile -t SOURCES < <(ls src/hogql/*.cpp src/planner/*.cpp | grep -v '_test\.cpp$')
  SOURCES+=(src/planner/fuzz/binder_fuzzer.cpp)
  for library in functions types common; do
    [[ -f $BUILD_DIR/liblarder_$library.a ]] ||
      fail_setup "no $BUILD_DIR/liblarder_$library.a: build first (./scripts/build) or set BUILD_DIR"
    LIBS+=("$BUILD_DIR/liblarder_$library.a")
  done
  LIBS+=(-lsimdjson -lfmt -lxxhash -lcrypto -lcurl -lpthread)
fi
OBJECTS=()
pids=()
for source in "${SOURCES[@]}"; do
  object="$FUZZ_DIR/obj/$(echo "${source#src/}" | tr / _).o"
  OBJECTS+=("$object")
  "${LAUNCHER[@]}" "$CLANG" "${FLAGS[@]}" -Isrc -c "$source" -o "$object" \
    >"$object.log" 2>&1 &
  pids+=($!)
  # At most $FUZZ_BUILD_JOBS compilers at once.
  if ((${#pids[@]} >= ${FUZZ_BUILD_JOBS:-2})); then
    wait "${pids[0]}" || { cat "$FUZZ_DIR/obj/"*.log >&2; fail_setup "compile failed"; }
    pids=("${pids[@]:1}")
  fi
done
for pid in "${pids[@]}"; do
  wait "$pid" || { cat "$FUZZ_DIR/obj/"*.log >&2; fail_setup "compile failed"; }
done
FUZZER="$FUZZ_DIR/${FUZZ_TARGET}_fuzzer"
"$CLANG" "${FLAGS[@]}" "${OBJECTS[@]}" "${LIBS[@]}" -o "$FUZZER" >"$FUZZ_DIR/link.log" 2>&1 ||
  { cat "$FUZZ_DIR/link.log" >&2; fail_setup "link failed"; }

# Seeds: every corpus.txt input (prefix, listed-difference reason and ~ escapes handled as
# tests/hogql/README.md describes), then inputs that nest deeply or chain long.
SEEDS="$FUZZ_DIR/seeds"
rm -rf "$SEEDS" && mkdir -p "$SEEDS"
LC_ALL=C awk -v dir="$SEEDS" '
  match($0, /^(select|expr)[~!]*:/) {
    kind = substr($0, 1, RLENGTH - 1)
    text = substr($0, RLENGTH + 1)
    sub(/^ /, "", text)
    if (kind ~ /!/) { at = index(text, "  ## "); if (at) text = substr(text, 1, at - 1) }
    if (kind ~ /~/) {
      out = ""
      for (i = 1; i <= length(text); i++) {
        c = substr(text, i, 1)
        if (c == "\\" && i < length(text)) {
          n = substr(text, ++i, 1)
          c = n == "n" ? "\n" : n == "t" ? "\t" : n == "r" ? "\r" : n
        }
        out = out c
      }
      text = out
    }
    file = sprintf("%s/corpus-%04d", dir, ++count)
    printf "%s", text > file
    close(file)
  }
  END { if (count == 0) exit 1 }
' tests/hogql/corpus.txt || fail_setup "no inputs read from tests/hogql/corpus.txt"
# The binder: every query of the SQL tests too (the lines of a query, statement or plan block up
# to its ---- line), with their tables' names; the fuzzer's tables are events, persons,
# person_distinct_ids, groups, customers and the view paying.
if [[ $FUZZ_TARGET == binder ]]; then
  LC_ALL=C awk -v dir="$SEEDS" '
    function flush() {
      if (text != "") { file = sprintf("%s/sql-%05d", dir, ++count); printf "%s", text > file; close(file) }
      text = ""; reading = 0
    }
    /^(query|statement|plan)/ { flush(); reading = 1; next }
    /^----/ || /^$/ { flush(); next }
    reading { text = text (text == "" ? "" : "\n") $0 }
    END { flush() }
  ' $(find tests/sql -name '*.test' | sort) || fail_setup "no queries read from tests/sql"
fi
seed() {  # seed NAME PREFIX COUNT MIDDLE SUFFIX: PREFIX×COUNT MIDDLE SUFFIX×COUNT
  local text="" index
  for ((index = 0; index < $3; ++index)); do text+=$2; done
  text+=$4
  for ((index = 0; index < $3; ++index)); do text+=$5; done
  printf '%s' "$text" >"$SEEDS/$1"
}
for depth in 50 250; do
  seed "parens-$depth" '(' $depth 1 ')'
  seed "calls-$depth" 'f(' $depth 1 ')'
  seed "arrays-$depth" '[' $depth 1 ']'
  seed "tuples-$depth" '(1, ' $depth 1 ')'
  seed "minus-$depth" '- ' $depth x ''
  seed "not-$depth" 'not ' $depth x ''
  seed "case-$depth" 'case when a then ' $depth x ' end'
  seed "cast-$depth" 'cast(' $depth x ' as Int64)'
  seed "types-$depth" 'cast(x as ' 1 "$(printf 'Array(%.0s' $(seq $depth))Int64" ')'
  seed "subquery-$depth" 'select (' $depth 'select 1' ')'
  seed "from-$depth" 'select 1 from (' $depth 'select 1' ')'
  seed "join-$depth" 'select 1 from (' $depth 't' ')'
  seed "lambda-$depth" 'x -> ' $depth x ''
  seed "ternary-$depth" 'a ? b : ' $depth c ''
done
# Constructs read two ways (speculatively, then otherwise), nested: exponential if a failed
# reading is not remembered.
seed speculation-case 'case(' 30 1 ')'
seed speculation-substring 'substring(' 40 1 ')'
seed speculation-limit 'select 1 limit (' 30 'select 1' ')'
seed speculation-cast 'cast(' 40 '1 +' ')'
seed speculation-subquery 'select (' 40 '1 +' ')'
seed speculation-join 'select 1 from ((' 30 'select 1 +' ') t)'
seed speculation-interpolate 'select 1 order by 1 interpolate ((' 20 'select 1' '))'
# Long chains, which the parser builds with loops, not recursion.
seed chain-plus 'a + ' 2000 b ''
seed chain-or 'a or ' 2000 b ''
seed chain-index 'a' 1 "$(printf '[1]%.0s' $(seq 2000))" ''
seed chain-in 'a in (' 1 "$(printf '1, %.0s' $(seq 2000))1" ')'
seed chain-from 'select 1 from t' 1 "$(printf ', t%.0s' $(seq 2000))" ''
printf '%s' "f'$(printf 'x{y}%.0s' $(seq 500))'" >"$SEEDS/template-500"

# Dictionary: HogQL's keywords and operators.
DICT="$FUZZ_DIR/hogql.dict"
{
  sed -n '/^#define LARDER_HOGQL_KEYWORDS/,/^\/\/ clang-format on/p' src/hogql/token.h |
    grep -o 'X([A-Z_]*)' | sed 's/X(\(.*\))/\1/; s/_SQL$//' | sed 's/.*/"&"/'
  for op in '<=>' '=~*' '!~*' '->' '::' ':=' '||' '==' '>=' '~*' '<=' '!=' '<>' '!~' '?.' '??' \
    '=~' "f'" '{' '}' '/*' '*/' '--' '//' '0x' '0b' '1e' '.5' "''" '\\' ; do
    printf '"%s"\n' "${op//\\/\\\\}"
  done
  if [[ $FUZZ_TARGET == binder ]]; then
    for word in events persons person_distinct_ids groups customers paying person pdi properties \
      '$browser' distinct_id timestamp event uuid revenue tags extra '{n}' '{name}' count sum \
      avg uniq arrayMap toDateTime JSONExtractString '->' 'OVER' 'PARTITION BY'; do
      printf '"%s"\n' "$word"
    done
  fi
} >"$DICT"

# Replay mode: run the given inputs once each.
if (($# > 0)); then
  "$FUZZER" -timeout=5 -rss_limit_mb=2048 "$@"
  exit $?
fi

LOG="$FUZZ_DIR/fuzz.log"
STARTED="$FUZZ_DIR/started"
touch "$STARTED"
echo "fuzz: $FUZZER for ${FUZZ_SECONDS}s (log $LOG)"
# shellcheck disable=SC2086 # FUZZ_ARGS is a list of flags.
"$FUZZER" -max_total_time="$FUZZ_SECONDS" -timeout=5 -rss_limit_mb=2048 -max_len=65536 \
  -dict="$DICT" -artifact_prefix="$FUZZ_DIR/artifacts/" -print_final_stats=1 \
  ${FUZZ_ARGS:-} "$FUZZ_DIR/corpus" "$SEEDS" >"$LOG" 2>&1
status=$?
# Executions: the final stats, or in -fork mode the last "#N: cov: …" line.
runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$LOG" | tail -1)
[[ -n $runs ]] || runs=$(sed -n 's/^#\([0-9]*\):* .*/\1/p' "$LOG" | tail -1)
corpus_size=$(find "$FUZZ_DIR/corpus" -type f | wc -l)
# Every input this run kept (crash-, leak-, timeout-, oom-), also those -fork mode went past.
mapfile -t artifacts < <(find "$FUZZ_DIR/artifacts" -type f -newer "$STARTED" | sort)
artifact=${artifacts[0]:-}
if [[ $status == 0 && -z $artifact ]]; then
  echo "fuzz: OK, ${runs:-?} runs in ${FUZZ_SECONDS}s, no crash, leak or timeout; corpus $corpus_size inputs"
  exit 0
fi
grep -E '^(==[0-9]+==|SUMMARY|    #[0-9]+ )|ERROR|runtime error|Test unit written' "$LOG" | head -40
if [[ -n $artifact ]]; then
  for other in "${artifacts[@]:1}"; do echo "fuzz: also kept $other"; done
  kind=$(basename "$artifact" | cut -d- -f1)
  echo "fuzz: FAILED ($kind) after ${runs:-?} runs; input kept at $artifact;" \
    "replay: tests/fuzz/build-and-run.sh $artifact"
  exit 1
fi
echo "fuzz: FAILED (libFuzzer exited with $status, no input written; see $LOG)"
exit 2
