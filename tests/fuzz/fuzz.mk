# Fuzzing (tests/fuzz/, README "Fuzzing"), included by the Makefile.
#
#   make fuzz FUZZ_SECONDS=N   build the libFuzzer harnesses with clang (ASan + UBSan) into
#                              build-fuzz/ and run each for N seconds from its seed corpus
#
# Each harness is also built without libFuzzer, with the ordinary compiler and a small
# cmocka main (replay.c), as $(BUILD)/tests/test_fuzz_<harness>: `make test` and
# `make sanitize` replay every input kept in tests/fuzz/regressions/<harness>/.

FUZZ_HARNESSES := number scenario projects_csv workbook
# libFuzzer's runtime (libclang_rt.fuzzer*.a) comes with libclang-rt-14-dev on Debian 12.
FUZZ_DEBS      := clang libclang-rt-14-dev
FUZZ_SECONDS   ?= 30
FUZZ_BUILD     := build-fuzz
FUZZ_CC        := clang
FUZZ_FLAGS     := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_COMMON    := tests/fuzz/fuzz_files.c
# One link of several sources: no dependency files (-MMD would name them after the output).
FUZZ_LINK_CFLAGS = $(filter-out -MMD -MP,$(TKK_CFLAGS)) -Itests/fuzz

TEST_BIN += $(FUZZ_HARNESSES:%=$(BUILD)/tests/test_fuzz_%)

$(BUILD)/tests/test_fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c $(FUZZ_COMMON) tests/fuzz/fuzz_files.h $(BUILD)/libtkk-test.a
	@mkdir -p $(dir $@)
	@echo "  CC      $@"
	$(Q)$(CC) $(CFLAGS) $(FUZZ_LINK_CFLAGS) -DTESTING -DFUZZ_HARNESS='"$*"' $(CPPFLAGS_PKG) -o $@ \
	    tests/fuzz/fuzz_$*.c tests/fuzz/replay.c $(FUZZ_COMMON) $(BUILD)/libtkk-test.a \
	    $(LDLIBS_PKG) $(TEST_LIBS)

$(FUZZ_BUILD)/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_COMMON) tests/fuzz/fuzz_files.h $(FUZZ_BUILD)/libtkk.a
	@mkdir -p $(dir $@)
	@echo "  FUZZ    $@"
	$(Q)$(FUZZ_CC) $(FUZZ_FLAGS) -fsanitize=fuzzer $(FUZZ_LINK_CFLAGS) $(CPPFLAGS_PKG) -o $@ \
	    $< $(FUZZ_COMMON) $(FUZZ_BUILD)/libtkk.a $(LDLIBS_PKG)

.PHONY: fuzz fuzz-build
fuzz: fuzz-build
	$(Q)./tests/fuzz/run-fuzz.sh $(FUZZ_BUILD) $(FUZZ_SECONDS) $(FUZZ_HARNESSES)

# The library a third time, with clang and libFuzzer's coverage instrumentation.
fuzz-build: deps-build
	$(Q)./tests/install-debs.sh $(FUZZ_DEBS)
	$(Q)$(MAKE) --no-print-directory $(if $(V),,-s) BUILD=$(FUZZ_BUILD) CC=$(FUZZ_CC) \
	    CFLAGS="$(FUZZ_FLAGS) -fsanitize=fuzzer-no-link" \
	    $(FUZZ_HARNESSES:%=$(FUZZ_BUILD)/fuzz/fuzz_%)
