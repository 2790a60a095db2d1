# tests/bench-unit/bench-unit.mk — suite `bench-unit`: cmocka tests of the benchmark's module
# arena (bench/arena.c), whose protections the enforced `make bench` figures depend on.
BENCH_UNIT_DIR  := $(BUILD)/tests/bench-unit
BENCH_UNIT_BIN  := $(BENCH_UNIT_DIR)/bench-unit
BENCH_UNIT_SRCS := tests/bench-unit/test_arena.c bench/arena.c

$(BENCH_UNIT_BIN): $(BENCH_UNIT_SRCS) bench/arena.h libdkm/include/dkm/dkm.h | $(DEPS_STAMP)
	@mkdir -p $(@D)
	$(HOSTCC) $(HOST64_CFLAGS) -Ibench -o $@ $(BENCH_UNIT_SRCS) -lcmocka

ALL_TARGETS += $(BENCH_UNIT_BIN)
TEST_SUITES += bench-unit
.PHONY: tap-bench-unit
tap-bench-unit: $(BENCH_UNIT_BIN)
	@CMOCKA_MESSAGE_OUTPUT=TAP tools/tap-run $(TEST_RESULTS) bench-unit --timeout 60 -- $(BENCH_UNIT_BIN)
