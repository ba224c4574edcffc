# Helpers for command-line tests: each `check` runs one case and prints PASS/FAIL with its name.
# The suite gets the binary in $LARDER and a fresh scratch directory in $SCRATCH.
set -u
SCRATCH=$(mktemp -d /tmp/larder-cli.XXXXXX)
trap 'rm -rf "$SCRATCH"' EXIT

# expect NAME EXPECTED_EXIT PATTERN -- COMMAND...: runs COMMAND, checks its exit code and that
# stdout+stderr match the extended regex PATTERN ('' matches anything).
expect() {
  local name=$1 want=$2 pattern=$3
  shift 4
  local output status
  output=$("$@" 2>&1)
  status=$?
  if [[ $status != "$want" ]]; then
    printf 'FAIL %s\n  exit %s, wanted %s\n%s\n' "$name" "$status" "$want" "$output"
  elif [[ -n $pattern ]] && ! grep -Eq -- "$pattern" <<<"$output"; then
    printf 'FAIL %s\n  output does not match /%s/:\n%s\n' "$name" "$pattern" "$output"
  else
    printf 'PASS %s\n' "$name"
  fi
}

# same NAME WANTED GOT: PASS when the two texts are equal.
same() {
  if [[ $2 == "$3" ]]; then
    printf 'PASS %s\n' "$1"
  else
    printf 'FAIL %s\n  wanted:\n%s\n  got:\n%s\n' "$1" "$2" "$3"
  fi
}
