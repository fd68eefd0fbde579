#!/bin/sh
# layers.sh - the allowed directions between the source folders (README,
# "For developers"). Each rule greps the #include lines of one folder; a
# file that reaches across a layer it may not use fails with its name.
#   base  <- everything      (no trapp header outside base's own)
#   record -> base only: the plan and catalogue records, their word lists
#            and free functions, which store and model both use
#   store -> base, record (and the plan/catalogue structs it stores)
#   model -> base, store     io -> base, model, store
#   session -> base, store, model, io (the front ends' one door)
#   cli, ui -> session, model, io, base; never the storage headers; ui
#   never includes cli; only ui uses curses; only store uses sqlite3 and
#   libpq (PostgreSQL).
. tests/lib.sh
# incl FILES... : the included header names, one per line "file:header"
incl() { grep -H -o '#include *[<"][^>"]*[>"]' "$@" 2>/dev/null | sed 's/#include *[<"]\([^>"]*\)[>"]/\1/'; }
# forbid NAME PATTERN FILES... : no include line of FILES matches PATTERN
forbid() {
	name=$1; pat=$2; shift 2
	bad=$(incl "$@" | grep -E ":($pat)\$")
	if [ -z "$bad" ]; then ok "$name"; else fail "$name:
$bad"; fi
}
files() { find "$@" -name '*.[ch]' 2>/dev/null | sort; }
forbid "sqlite3.h only in src/store" 'sqlite3\.h' $(files src include | grep -v '^src/store/')
forbid "libpq-fe.h only in src/store" 'libpq-fe\.h|postgresql/.*' $(files src include | grep -v '^src/store/')
forbid "curses only in src/ui" '(n)?cursesw?\.h|ncursesw/.*' $(files src include | grep -v '^src/ui/')
forbid "src/base uses no other layer" 'trapp/(db|db_plan|plan|catalog|import|svcfile|csvin|hsds|load|demo|plan_export|cli|ui)\.h' $(files src/base)
forbid "src/ui and src/cli never include storage" 'trapp/(db|db_plan|load|demo)\.h|db_internal\.h' $(files src/ui src/cli) src/main.c
forbid "src/ui does not call the CLI" 'trapp/cli\.h|cli_internal\.h' $(files src/ui)
forbid "nothing below the front ends uses session, cli or ui" 'trapp/(session|cli|ui)\.h' $(files src/base src/store src/model src/io)
forbid "nothing outside src/ui uses the UI" 'trapp/ui\.h|ui\.h' $(files src/base src/model src/store src/io src/cli)
forbid "src/store does not call the CLI, UI or io" 'trapp/(cli|ui|import|svcfile|hsds|plan_export)\.h' $(files src/store)
forbid "src/model does not call the CLI, UI" 'trapp/(cli|ui)\.h|cli_internal\.h' $(files src/model)
forbid "src/record uses no layer above it" 'trapp/(db|db_plan|db_backup|load|demo|session|cli|ui|import|svcfile|hsds|plan_export|plan_doc|plan_mask|search|curation|config|csvin)\.h|db_internal\.h' $(files src/record)

# Link level: an object of a lower layer has no undefined symbol that a
# higher layer defines (an include can be harmless; a call is not).
# BUILD (default build) holds the objects; they are built first.
BUILD=${1:-build}
objs() { for f in $(files "$@" | grep '\.c$'); do echo "$BUILD/${f%.c}.o"; done; }
make -s BUILD="$BUILD" $(objs src/base src/record src/store src/model) >/dev/null 2>&1 ||
	fail "building the objects of src/base, src/record, src/store and src/model in $BUILD"
defined() { nm --defined-only -g $(objs "$@") 2>/dev/null | awk 'NF == 3 { print $3 }' | sort -u; }
# calls NAME LOWER... -- HIGHER... : no object of LOWER uses a symbol defined in HIGHER
calls() {
	name=$1; shift
	lower=; while [ "$1" != -- ]; do lower="$lower $1"; shift; done; shift
	defined "$@" >"$TMP/higher"
	bad=$(for o in $(objs $lower); do
		nm -u "$o" 2>/dev/null | awk '{ print $2 }' | grep -Fx -f "$TMP/higher" | sed "s|^|$o: |"
	done)
	if [ -n "$bad" ]; then fail "$name:
$bad"; else ok "$name"; fi
}
calls "src/store calls no function of src/model (link level)" src/store -- src/model src/io src/session src/cli src/ui
calls "src/record calls no function of store or model (link level)" src/record -- src/store src/model src/io src/session src/cli src/ui
calls "src/base calls no function of another layer (link level)" src/base -- src/record src/store src/model src/io src/session src/cli src/ui

# The model writes no sentence for the user: a refusal is a code with its
# parameters (plan_refusal.h), phrased by the CLI and the TUI. So no call
# in src/model writes a string literal into an error buffer (its first
# argument names err), and no string literal there names a command
# («trapp ...») or an option (--why). Comments are left out; a call may
# span lines.
model_literals() {
	perl -0777 -ne 's{/\*.*?\*/}{}gs; s{//[^\n]*}{}g; while (/("(?:[^"\\\n]|\\.)*")/g) { print "$ARGV: $1\n" }' "$@"
}
bad=$(perl -0777 -ne 's{/\*.*?\*/}{}gs; while (/\b(\w+)\s*\(\s*&?(?:\w+->)?\w*err\w*\s*,\s*("(?:[^"\\]|\\.)*")/g) { print "$ARGV: $1(..., $2\n" }' $(files src/model | grep '\.c$'))
if [ -z "$bad" ]; then ok "src/model writes no sentence into an error buffer"; else fail "src/model writes a sentence into an error buffer (make it a code in plan_refusal.h):
$bad"; fi
bad=$(model_literals $(files src/model) | grep -E '«trapp|"trapp |(["( «]|^)--[a-z]')
if [ -z "$bad" ]; then ok "src/model names no command or option"; else fail "src/model names a command or an option (the front ends do):
$bad"; fi

# every C file says what it owns in a comment on its first line
for f in $(files src); do
	head -1 "$f" | grep -q '^/\*' || fail "$f: no comment at the top saying what it owns"
done
ok "every source file opens with a comment"
summary
