# tkk — funding and performance bonus calculator for municipal employment pilots.
#
#   make            build ./tkk
#   make run        install what is missing, build, compute every scenarios/*.ini
#   make test       install what the tests need, build, run every test
#   make sanitize   the test suite under AddressSanitizer + UBSan
#   make bench      benchmarks (prints figures; tests/bench/)
#   make fuzz       libFuzzer harnesses, FUZZ_SECONDS=N each (tests/fuzz/)
#   make install    PREFIX=/usr/local DESTDIR=
#
# Quiet by default; V=1 shows the commands.

PREFIX  ?= /usr/local
DESTDIR ?=
Q       := $(if $(V),,@)

CC      ?= cc
BUILD   ?= build
PKGS    := gmp xlsxwriter nettle zlib
CFLAGS  ?= -O2 -g
# The flags the code needs, kept apart from CFLAGS so `make CFLAGS=...` cannot drop them.
TKK_CFLAGS := -std=c11 -D_GNU_SOURCE -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
           -Iinclude -MMD -MP
# A call without its header would be taken as returning int (a formatter's char * cut to
# 32 bits): refuse to build instead. Modules move between headers (number_format.h).
TKK_CFLAGS += -Werror=implicit-function-declaration
CPPFLAGS_PKG = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
LDLIBS_PKG   = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lcsv -lm -pthread
# iniparser is only the reference our INI parser is compared against (test_ini_source).
TEST_LIBS    = $(shell pkg-config --libs cmocka 2>/dev/null) -liniparser
TEST_CFLAGS  = -I/usr/include/iniparser

# Debian packages: building, running, testing. `make deps` installs only what is missing.
BUILD_DEBS := build-essential pkg-config libgmp-dev libxlsxwriter-dev libcsv-dev nettle-dev zlib1g-dev
TEST_DEBS  := libcmocka-dev libiniparser-dev libreoffice-calc-nogui python3-uno python3-openpyxl poppler-utils

SRC      := $(sort $(wildcard src/*.c src/*/*.c src/*/*/*.c))
LIB_SRC  := $(filter-out src/main.c,$(SRC))
LIB_OBJ  := $(LIB_SRC:src/%.c=$(BUILD)/src/%.o)
TEST_SRC := $(sort $(wildcard tests/test_*.c))
TEST_BIN := $(TEST_SRC:tests/%.c=$(BUILD)/tests/%)
BENCH_SRC:= $(sort $(wildcard tests/bench/bench_*.c))
BENCH_BIN:= $(BENCH_SRC:tests/bench/%.c=$(BUILD)/bench/%)

include tests/fuzz/fuzz.mk

export TKK_SKIP_RECALC ASAN_OPTIONS UBSAN_OPTIONS

.PHONY: suite all run test sanitize bench install uninstall clean deps deps-build deps-test
.DEFAULT_GOAL := all

TKK_BIN ?= tkk

all: $(TKK_BIN)

$(TKK_BIN): $(BUILD)/src/main.o $(BUILD)/libtkk.a
	@echo "  LD      $@"
	$(Q)$(CC) $(CFLAGS) $(TKK_CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS_PKG)

$(BUILD)/libtkk.a: $(LIB_OBJ)
	$(Q)rm -f $@ && ar rcs $@ $^

# Tests reach static helpers through STATIC (empty under -DTESTING), so the
# library is compiled a second time for them.
$(BUILD)/src/%.o: src/%.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(CFLAGS) $(TKK_CFLAGS) $(CPPFLAGS_PKG) -c -o $@ $<

$(BUILD)/test-obj/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(CFLAGS) $(TKK_CFLAGS) -DTESTING $(CPPFLAGS_PKG) -c -o $@ $<

$(BUILD)/libtkk-test.a: $(LIB_SRC:src/%.c=$(BUILD)/test-obj/%.o)
	$(Q)rm -f $@ && ar rcs $@ $^

$(BUILD)/tests/%: tests/%.c $(BUILD)/libtkk-test.a
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(CFLAGS) $(TKK_CFLAGS) $(TEST_CFLAGS) -DTESTING $(CPPFLAGS_PKG) -o $@ $< $(BUILD)/libtkk-test.a $(LDLIBS_PKG) $(TEST_LIBS)

$(BUILD)/bench/%: tests/bench/%.c $(BUILD)/libtkk.a
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(CFLAGS) $(TKK_CFLAGS) $(CPPFLAGS_PKG) -o $@ $< $(BUILD)/libtkk.a $(LDLIBS_PKG)

deps: deps-build deps-test

deps-build:
	$(Q)./tests/install-debs.sh $(BUILD_DEBS)

deps-test:
	$(Q)./tests/install-debs.sh $(BUILD_DEBS) $(TEST_DEBS)

run: deps-build
	$(Q)$(MAKE) --no-print-directory all
	$(Q)./tkk run scenarios/*.ini

test: deps-test
	$(Q)$(MAKE) --no-print-directory suite

# The same suite with every binary built under ASan + UBSan in its own build tree.
# The LibreOffice recalculation is skipped there: it checks the workbook, not our memory,
# and `make test` has already run it on the same files.
sanitize: deps-test
	$(Q)$(MAKE) --no-print-directory BUILD=build-san TKK_BIN=build-san/tkk \
	    CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
	    LDFLAGS="-fsanitize=address,undefined" TKK_SKIP_RECALC=1 \
	    ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 suite

suite: $(TKK_BIN) $(TEST_BIN)
	$(Q)TKK=./$(TKK_BIN) ./tests/run-tests.sh $(TEST_BIN)

bench: deps-build
	$(Q)$(MAKE) --no-print-directory all $(BENCH_BIN)
	$(Q)TKK=./$(TKK_BIN) ./tests/bench/run-bench.sh $(BENCH_BIN)

install: tkk
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 755 tkk $(DESTDIR)$(PREFIX)/bin/tkk

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/tkk

clean:
	rm -rf build build-san build-fuzz tkk

-include $(shell find $(BUILD) build-san -name '*.d' 2>/dev/null)
