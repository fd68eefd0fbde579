#!/bin/sh
# deps.sh - make sure the Debian packages trapp needs are installed.
# Installs them with apt-get when run as root; otherwise prints the command.
set -u
missing=""
need_pkg() { missing="$missing $1"; }

command -v cc >/dev/null 2>&1 || need_pkg gcc
command -v make >/dev/null 2>&1 || need_pkg make
command -v pkg-config >/dev/null 2>&1 || need_pkg pkg-config
pkg-config --exists ncursesw 2>/dev/null || need_pkg libncurses-dev
pkg-config --exists sqlite3 2>/dev/null || need_pkg libsqlite3-dev
# SHA-256 for the tamper-evident audit chain (OpenSSL's libcrypto, EVP API)
pkg-config --exists libcrypto 2>/dev/null || need_pkg libssl-dev
[ -f /usr/include/csv.h ] || need_pkg libcsv-dev
pkg-config --exists uuid 2>/dev/null || need_pkg uuid-dev   # libuuid: HSDS ids (uuid_generate_sha1)
pkg-config --exists jansson 2>/dev/null || need_pkg libjansson-dev   # JSON: datapackage.json, --format json
pkg-config --exists inih 2>/dev/null || need_pkg libinih-dev   # the settings file
pkg-config --exists libical 2>/dev/null || need_pkg libical-dev   # trapp due --format ics (RFC 5545)
command -v script >/dev/null 2>&1 || need_pkg bsdutils   # tests: a terminal for the TUI and tables
# the PDF export: cairo + pango typesetting, DejaVu Sans, Symbola for emoji
pkg-config --exists cairo 2>/dev/null || need_pkg libcairo2-dev
pkg-config --exists pangocairo pangofc 2>/dev/null || need_pkg libpango1.0-dev
pkg-config --exists fontconfig 2>/dev/null || need_pkg libfontconfig-dev
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need_pkg fonts-dejavu-core
fc-list 2>/dev/null | grep -q Symbola || need_pkg fonts-symbola
command -v pdftotext >/dev/null 2>&1 || need_pkg poppler-utils   # the PDF tests
# the search: Snowball's Norwegian stemmer and GNU libunistring's NFC
[ -f /usr/include/libstemmer.h ] || need_pkg libstemmer-dev
[ -f /usr/include/uninorm.h ] || need_pkg libunistring-dev
command -v tmux >/dev/null 2>&1 || need_pkg tmux
command -v sqlite3 >/dev/null 2>&1 || need_pkg sqlite3
# the PostgreSQL backend: libpq to build, a server for the tests (tests/pg.sh
# starts a throwaway cluster with initdb from /usr/lib/postgresql/*/bin)
pkg-config --exists libpq 2>/dev/null || need_pkg libpq-dev
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need_pkg postgresql
command -v psql >/dev/null 2>&1 || need_pkg postgresql-client
command -v python3 >/dev/null 2>&1 || need_pkg python3
# the HSDS validator (tests/cli-hsds.sh) runs on Debian's python3 with its jsonschema
/usr/bin/python3 -c 'import jsonschema' >/dev/null 2>&1 || need_pkg python3-jsonschema
# the calendar test (tests/cli-dayrules.sh) reads the .ics with an independent parser
/usr/bin/python3 -c 'import icalendar' >/dev/null 2>&1 || need_pkg python3-icalendar
command -v pgrep >/dev/null 2>&1 || need_pkg procps   # the tmux tests signal trapp
# tests/cli-reliability.sh: a Latin-1 locale built with localedef, and
# setpriv to run as an ordinary user (read-only files)
[ -f /usr/share/i18n/locales/nb_NO ] || need_pkg locales
command -v setpriv >/dev/null 2>&1 || need_pkg util-linux
# the importer's fuzz harness (make fuzz, run in make check): clang's libFuzzer
command -v clang >/dev/null 2>&1 || need_pkg clang
ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a >/dev/null 2>&1 || need_pkg libclang-rt-14-dev
# terminfo entries the tests use (screen, linux, vt100, tmux-256color)
[ -e /usr/share/terminfo/t/tmux-256color ] || [ -e /lib/terminfo/t/tmux-256color ] || need_pkg ncurses-term

[ -z "$missing" ] && exit 0
cmd="apt-get install -y --no-install-recommends$missing"
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
	echo "deps: installerer$missing"
	export DEBIAN_FRONTEND=noninteractive
	if ! $cmd >/tmp/trapp-deps.log 2>&1; then
		apt-get update >>/tmp/trapp-deps.log 2>&1
		$cmd >>/tmp/trapp-deps.log 2>&1 || { echo "deps: installasjonen feilet, se /tmp/trapp-deps.log" >&2; exit 1; }
	fi
	exit 0
fi
echo "deps: disse pakkene mangler:$missing" >&2
echo "deps: installer dem med:  sudo $cmd" >&2
exit 1
