# lib.sh - shared helpers for the shell test suites: a temporary HOME and
# database, pinned locale and clock, and assertions that count.
set -u
PASS=0; FAIL=0
TMP=$(mktemp -d "${TMPDIR:-/tmp}/trapp-test-XXXXXX")
trap 'rm -rf "$TMP"' EXIT
export HOME="$TMP/home" LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC
unset TRAPP_DB XDG_DATA_HOME NO_COLOR
# ASan builds: known third-party caches only (see the file)
export LSAN_OPTIONS="suppressions=$(pwd)/tests/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
mkdir -p "$HOME"

ok()   { PASS=$((PASS + 1)); echo "ok $1"; }
fail() { FAIL=$((FAIL + 1)); echo "FAIL $1"; }
# check NAME CONDITION-COMMAND...
check() { name=$1; shift; if "$@"; then ok "$name"; else fail "$name"; fi; }
# expect_eq NAME GOT WANT
expect_eq() { if [ "$2" = "$3" ]; then ok "$1"; else fail "$1: got «$2», want «$3»"; fi; }
# contains NAME HAYSTACK NEEDLE
contains() { case $2 in *"$3"*) ok "$1" ;; *) fail "$1: «$3» not in output:
$2" ;; esac; }
lacks() { case $2 in *"$3"*) fail "$1: «$3» should not appear" ;; *) ok "$1" ;; esac; }
summary() { echo "$PASS passed, $FAIL failed"; [ "$FAIL" = 0 ]; }
