# tests/fuzz/fuzz-arm.mk — the libFuzzer load target (tests/fuzz/fuzz_load.c) over the ARM build
# of libdkm (ELF32, REL, instruction fields decoded from untrusted words), seeded with ARM and
# Thumb modules of realc-arm and the libdkm-arch module; suite fuzz-smoke-arm. Built for this
# x86_64 machine, where the port maps module memory below 4 GiB. (Included before fuzz.mk: its
# flags are taken when the recipes run.)

ifneq ($(filter arm,$(LIBDKM_ARCHES)),)
FUZZARM_BUILD := $(BUILD)/fuzz/arm
FUZZARM_BIN := $(FUZZARM_BUILD)/fuzz-load
FUZZARM_CFLAGS = $(FUZZ_CFLAGS) -DDKM_ARCH_ARM
FUZZARM_OBJS := $(patsubst libdkm/%.c,$(FUZZARM_BUILD)/obj/libdkm/%.o,$(LIBDKM_CORE_SRCS) libdkm/arch/arm.c) \
                $(FUZZARM_BUILD)/obj/port_linux.o $(FUZZARM_BUILD)/obj/fuzz_load.o
$(FUZZARM_BUILD)/obj/libdkm/%.o: libdkm/%.c $(LIBDKM_HDRS)
	@mkdir -p $(@D)
	$(CLANG) $(FUZZARM_CFLAGS) -c -o $@ $<
$(FUZZARM_BUILD)/obj/port_linux.o: host/port_linux.c host/port_linux.h libdkm/include/dkm/dkm.h
	@mkdir -p $(@D)
	$(CLANG) $(FUZZARM_CFLAGS) -c -o $@ $<
$(FUZZARM_BUILD)/obj/fuzz_load.o: tests/fuzz/fuzz_load.c host/port_linux.h libdkm/include/dkm/dkm.h
	@mkdir -p $(@D)
	$(CLANG) $(FUZZARM_CFLAGS) -Ihost -c -o $@ $<
$(FUZZARM_BIN): $(FUZZARM_OBJS)
	$(CLANG) -fsanitize=fuzzer,address,undefined -o $@ $(FUZZARM_OBJS) -ldl
FUZZARM_SEED_INPUTS := $(foreach v,interp-clang-O2-arm interp-clang-O2-thumbpic hashmap-clang-O2-armpic \
                         ctors-clang-O2-thumb interwork-clang-O2-thumb got_asm-clang-O2-arm,\
                         $(BUILD)/realc-arch/arm/$(v)/module.elf) \
                       $(BUILD)/tests/libdkm-arch/arm/mod.o
FUZZARM_SEEDS_STAMP := $(FUZZARM_BUILD)/seeds/.stamp
$(FUZZARM_SEEDS_STAMP): $(FUZZARM_SEED_INPUTS) tests/fuzz/mkseeds
	@rm -rf $(@D)
	@tests/fuzz/mkseeds $(@D) $(FUZZARM_SEED_INPUTS)
	@touch $@
ALL_TARGETS += $(FUZZARM_BIN)
TEST_SUITES += fuzz-smoke-arm
.PHONY: tap-fuzz-smoke-arm
tap-fuzz-smoke-arm: $(FUZZARM_BIN) $(FUZZARM_SEEDS_STAMP)
	@tools/tap-run $(TEST_RESULTS) fuzz-smoke-arm --timeout 300 -- \
	    tests/fuzz/run-fuzz smoke $(FUZZARM_BIN) $(FUZZARM_BUILD)
endif
