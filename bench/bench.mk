# bench/bench.mk — `make bench` (hosted loader benchmark), `make bench-kernel` (in-kernel boot-time
# loading) and the bench-smoke suite that keeps both builds and the pipeline from rotting.

BENCH_DIR := $(BUILD)/bench
BENCH_SRCS := bench/harness.c bench/points.c bench/lookup.c bench/cycles.c bench/manifest.c \
              bench/common.c bench/floor.c bench/arena.c
BENCH_HDRS := $(wildcard bench/*.h) libdkm/include/dkm/dkm.h

$(BENCH_DIR)/gen: bench/gen.c
	@mkdir -p $(@D)
	$(HOSTCC) -std=gnu11 -O2 $(WARN) -o $@ $<

$(BENCH_DIR)/harness32: $(BENCH_SRCS) $(BENCH_HDRS) $(LIBDKM32)
	@mkdir -p $(@D)
	$(CC) $(HOST32_CFLAGS) -O2 -o $@ $(BENCH_SRCS) $(LIBDKM32) -ldl

$(BENCH_DIR)/harness64: $(BENCH_SRCS) $(BENCH_HDRS) $(LIBDKM64)
	@mkdir -p $(@D)
	$(CC) $(HOST64_CFLAGS) -O2 -o $@ $(BENCH_SRCS) $(LIBDKM64) -ldl

BENCH_TOOLS := $(BENCH_DIR)/gen $(BENCH_DIR)/harness32 $(BENCH_DIR)/harness64
ALL_TARGETS += $(BENCH_TOOLS)

.PHONY: bench bench-kernel
bench: all
	bench/run $(BENCH_DIR)

bench-kernel: all
	bench/run-kernel $(BENCH_DIR)/kernel

TEST_SUITES += bench-smoke bench-kernel-smoke
tap-bench-smoke: $(BENCH_TOOLS)
	@tools/tap-run $(TEST_RESULTS) bench-smoke --timeout 300 -- bench/run --smoke --tap $(BENCH_DIR)/smoke

tap-bench-kernel-smoke: $(BENCH_DIR)/gen $(BUILD)/kernel/ark.elf $(BUILD)/ramdisk.tar
	@tools/tap-run $(TEST_RESULTS) bench-kernel-smoke --timeout 600 -- bench/run-kernel --smoke --tap $(BENCH_DIR)/kernel-smoke
