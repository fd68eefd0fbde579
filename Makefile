# trapp - plain Makefile (see README.md).
#   make          build build/trapp (a test build: TRAPP_TODAY pins the date)
#   make release  build build/release/trapp without test hooks (what `make
#                 run` and `make install` use)
#   make run      install missing packages, build the release, open the TUI
#   make check    install missing packages, build (gcc and clang, -Werror),
#                 run unit, CLI and tmux tests, and again under ASan+UBSan,
#                 then the importer's fuzz harness for a fixed number of runs
#   make fuzz     build the libFuzzer harness and fuzz the importer for
#                 FUZZ_TIME seconds (new inputs go to build/fuzz/corpus)
#   make install  PREFIX=/usr/local DESTDIR= (binary, man page, bash completion)

PREFIX  ?= /usr/local
BUILD   ?= build
CC      ?= cc
PKGS    := ncursesw sqlite3 uuid jansson cairo pangocairo pangofc fontconfig inih libcrypto libical libpq
VERSION := 0.1.0

WARN    := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wformat=2
CFLAGS  ?= -O2 -g
ifeq ($(WERROR),1)
WARN    += -Werror
endif
ifeq ($(SAN),1)
CFLAGS  := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined
LDFLAGS += -fsanitize=address,undefined
endif

# Test hooks (TRAPP_TODAY) are compiled into the test builds only: the
# release build that `make run` and `make install` use has none.
TEST_HOOKS ?= 1
ifeq ($(TEST_HOOKS),1)
HOOK_FLAGS := -DTRAPP_TEST_HOOKS
endif
RELEASE := build/release

PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
ALL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -DTRAPP_VERSION='"$(VERSION)"' $(HOOK_FLAGS) \
             $(WARN) -Iinclude $(PKG_CFLAGS) $(CFLAGS)
LIBS       = $(PKG_LIBS) -lcsv -lstemmer -lunistring

SRCS      := $(wildcard src/*.c src/*/*.c)
LIB_SRCS  := $(filter-out src/main.c,$(SRCS))
OBJS      := $(SRCS:%.c=$(BUILD)/%.o) $(BUILD)/embedded.o
LIB_OBJS  := $(LIB_SRCS:%.c=$(BUILD)/%.o) $(BUILD)/embedded.o
DATA      := $(sort $(wildcard data/*.csv))
TEST_SRCS := $(wildcard tests/unit/*.c)

.PHONY: all release bench deps run check test unit-tests cli-tests tui-tests asan clang-check fuzz fuzz-build install uninstall clean

all: $(BUILD)/trapp

release:
	@$(MAKE) --no-print-directory BUILD=$(RELEASE) TEST_HOOKS=0 all

$(BUILD)/trapp: $(OBJS)
	$(CC) $(LDFLAGS) -o $@ $(OBJS) $(LIBS)

$(BUILD)/%.o: %.c $(wildcard include/trapp/*.h src/*/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

# The data files are compiled in (tools/embed.c writes them as arrays).
$(BUILD)/tools/embed: tools/embed.c
	@mkdir -p $(dir $@)
	$(CC) -O2 -o $@ $<

$(BUILD)/embedded.c: $(DATA) $(BUILD)/tools/embed
	$(BUILD)/tools/embed $@ $(DATA)

$(BUILD)/embedded.o: $(BUILD)/embedded.c include/trapp/embedded.h
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/test-unit: $(TEST_SRCS) $(LIB_OBJS) $(wildcard tests/unit/*.h)
	$(CC) $(ALL_CFLAGS) -Itests/unit $(LDFLAGS) -o $@ $(TEST_SRCS) $(LIB_OBJS) $(LIBS)

# bench/filter.c: the live-filter path at 55 000 services (ms per keystroke).
$(BUILD)/bench-filter: bench/filter.c $(LIB_OBJS)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ bench/filter.c $(LIB_OBJS) $(LIBS)

# bench/gen.c: the seeded synthetic national database and import files;
# bench/timeit.c: median, spread and peak RSS of a command over several runs.
$(BUILD)/bench-gen: bench/gen.c $(LIB_OBJS)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ bench/gen.c $(LIB_OBJS) $(LIBS)

$(BUILD)/bench-timeit: bench/timeit.c
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ bench/timeit.c

BENCH_TOOLS := $(BUILD)/trapp $(BUILD)/bench-filter $(BUILD)/bench-gen $(BUILD)/bench-timeit

# The whole table (docs/PERFORMANCE.md); never part of `make check`.
bench: $(BENCH_TOOLS)
	@sh bench/bench.sh $(BUILD)

deps:
	@sh tools/deps.sh

run: deps
	@$(MAKE) --no-print-directory release
	./$(RELEASE)/trapp

# Every test: warnings as errors with gcc and clang, then the suites on the
# normal build and on an AddressSanitizer + UBSan build.
check: deps
	@$(MAKE) --no-print-directory WERROR=1 all $(BUILD)/test-unit $(BENCH_TOOLS)
	@$(MAKE) --no-print-directory WERROR=1 release
	@$(MAKE) --no-print-directory clang-check
	@$(MAKE) --no-print-directory BUILD=build/asan SAN=1 WERROR=1 all build/asan/test-unit
	@$(MAKE) --no-print-directory fuzz-build
	@sh tests/run-all.sh build build/asan

clang-check:
	@if command -v clang >/dev/null 2>&1; then \
		$(MAKE) --no-print-directory BUILD=build/clang CC=clang WERROR=1 all build/clang/test-unit; \
	else echo "clang ikke installert: hopper over clang-bygget"; fi

# The importer's libFuzzer harness (clang, ASan + UBSan). tests/fuzz.sh runs
# it in `make check` for a fixed number of runs over tests/fuzz/corpus.
FUZZ_BIN  := build/fuzz/fuzz-import
FUZZ_TIME ?= 120
FUZZ_SRCS := $(filter-out src/ui/%,$(LIB_SRCS))

fuzz-build: $(FUZZ_BIN)

$(FUZZ_BIN): tests/fuzz/fuzz_import.c $(FUZZ_SRCS) build/embedded.c $(wildcard include/trapp/*.h src/*/*.h)
	@mkdir -p $(dir $@)
	clang -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(WARN) -Werror -Iinclude \
		$(PKG_CFLAGS) -O1 -g -fno-omit-frame-pointer \
		-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
		-o $@ tests/fuzz/fuzz_import.c $(FUZZ_SRCS) build/embedded.c $(LIBS)

fuzz: deps $(FUZZ_BIN)
	@mkdir -p build/fuzz/corpus
	$(FUZZ_BIN) -max_total_time=$(FUZZ_TIME) -max_len=8192 -timeout=10 \
		build/fuzz/corpus tests/fuzz/corpus

# bash-completion looks in $XDG_DATA_DIRS/bash-completion/completions,
# so PREFIX/share works for /usr and /usr/local alike.
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions

install: release
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 $(DESTDIR)$(BASHCOMPDIR)
	install -m 755 $(RELEASE)/trapp $(DESTDIR)$(PREFIX)/bin/trapp
	install -m 644 man/trapp.1 $(DESTDIR)$(PREFIX)/share/man/man1/trapp.1
	install -m 644 completions/trapp $(DESTDIR)$(BASHCOMPDIR)/trapp

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/trapp $(DESTDIR)$(PREFIX)/share/man/man1/trapp.1 \
		$(DESTDIR)$(BASHCOMPDIR)/trapp

clean:
	rm -rf build
