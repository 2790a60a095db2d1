# tests/fuzz/fuzz-arch.mk — the libFuzzer target of fuzz.mk (fuzz_load.c: every load step and the
# multi-module scenarios, DKM_LOAD_NO_RUN) against libdkm built for each other architecture in
# LIBDKM_ARCHES (its ELF class and relocation table, built for this machine, which only parses and
# relocates), seeded with that architecture's real modules: the first real-C corpus variants of
# realc-ARCH, the lifecycle fixtures and the libdkm-arch module. Suite fuzz-smoke-arch replays the
# regression inputs and makes a short run per architecture; `make fuzz-ARCH` runs FUZZ_TIME seconds.
# (Fragments read later define the seed variables and FUZZ_CFLAGS: recipes use them, deferred.)

FUZZ_ARCH_BUILD := $(BUILD)/fuzz-arch
FUZZ_ARCH_RUNS ?= 4000
FUZZ_ARCH_REALC_SEEDS := 12
FUZZ_ARCHES := $(filter-out x86_64,$(LIBDKM_ARCHES))

# Variants of the corpus worth seeding beyond the first few, per architecture, when the current
# matrix has them: each code model, and the programs that exercise interworking, GOT forms and stubs.
FUZZ_ARCH_SEED_VARIANTS_riscv64 := interp-clang-O2-medlow hashmap-clang-O2-medany ctors-clang-O2-pic \
                                   mathlib-clang-O0-medlow
FUZZ_ARCH_SEED_VARIANTS_arm := interp-clang-O2-arm interp-clang-O2-thumbpic hashmap-clang-O2-armpic \
                               ctors-clang-O2-thumb interwork-clang-O2-thumb got_asm-clang-O2-arm
define fuzz_arch # 1: architecture
$(FUZZ_ARCH_BUILD)/$(1)/obj/libdkm/%.o: libdkm/%.c $(LIBDKM_HDRS)
	@mkdir -p $$(@D)
	$(CLANG) $$(FUZZ_CFLAGS) $(ARCH_DEFINE_$(1)) -c -o $$@ $$<
$(FUZZ_ARCH_BUILD)/$(1)/obj/port_linux.o: host/port_linux.c host/port_linux.h libdkm/include/dkm/dkm.h
	@mkdir -p $$(@D)
	$(CLANG) $$(FUZZ_CFLAGS) -c -o $$@ $$<
$(FUZZ_ARCH_BUILD)/$(1)/obj/fuzz_load.o: tests/fuzz/fuzz_load.c host/port_linux.h libdkm/include/dkm/dkm.h
	@mkdir -p $$(@D)
	$(CLANG) $$(FUZZ_CFLAGS) -Ihost -c -o $$@ $$<
$(FUZZ_ARCH_BUILD)/$(1)/fuzz-load: $(patsubst libdkm/%.c,$(FUZZ_ARCH_BUILD)/$(1)/obj/libdkm/%.o,$(LIBDKM_CORE_SRCS) libdkm/arch/$(1).c) \
                                   $(FUZZ_ARCH_BUILD)/$(1)/obj/port_linux.o $(FUZZ_ARCH_BUILD)/$(1)/obj/fuzz_load.o
	$(CLANG) -fsanitize=fuzzer,address,undefined -o $$@ $$^ -ldl
# realc-ARCH (phony) builds the corpus; the seeds are remade from it on every run.
$(FUZZ_ARCH_BUILD)/$(1)/seeds/.stamp: realc-$(1) libdkm-arch-files libdkm-lifecycle-arch-files tests/fuzz/mkseeds
	@rm -rf $$(@D)
	@tests/fuzz/mkseeds $$(@D) \
	    $$(foreach v,$$(wordlist 1,$(FUZZ_ARCH_REALC_SEEDS),$$(REALC_ARCH_VARIANTS_$(1))),$$(REALC_ARCH_BUILD)/$(1)/$$(v)/module.elf) \
	    $$(filter $$(LIFECYCLE_ARCH_BUILD)/$(1)/%,$$(LIFECYCLE_ARCH_FILES)) \
	    $$(filter $$(LIBDKM_ARCH_TEST_BUILD)/$(1)/mod.o $$(LIBDKM_ARCH_TEST_BUILD)/$(1)/dyn.so,$$(LIBDKM_ARCH_TEST_FILES)) \
	    $$(filter $$(REALC_ARCH_OUTPUTS_$(1)),$$(foreach v,$$(FUZZ_ARCH_SEED_VARIANTS_$(1)),$$(REALC_ARCH_BUILD)/$(1)/$$(v)/module.elf))
	@touch $$@
FUZZ_ARCH_TARGETS += $(FUZZ_ARCH_BUILD)/$(1)/fuzz-load $(FUZZ_ARCH_BUILD)/$(1)/seeds/.stamp
.PHONY: fuzz-$(1)
fuzz-$(1): $(FUZZ_ARCH_BUILD)/$(1)/fuzz-load $(FUZZ_ARCH_BUILD)/$(1)/seeds/.stamp
	FUZZ_JOBS=$$(FUZZ_JOBS) tests/fuzz/run-fuzz long $(FUZZ_ARCH_BUILD)/$(1)/fuzz-load $(FUZZ_ARCH_BUILD)/$(1) $$(FUZZ_TIME)
endef
FUZZ_ARCH_TARGETS :=
$(foreach a,$(FUZZ_ARCHES),$(eval $(call fuzz_arch,$(a))))

ALL_TARGETS += $(filter %/fuzz-load,$(FUZZ_ARCH_TARGETS))
TEST_SUITES += fuzz-smoke-arch
.PHONY: tap-fuzz-smoke-arch
tap-fuzz-smoke-arch: $(FUZZ_ARCH_TARGETS)
	@FUZZ_RUNS=$(FUZZ_ARCH_RUNS) tools/tap-run $(TEST_RESULTS) fuzz-smoke-arch --timeout 600 -- \
	    tests/fuzz/run-fuzz-arches $(FUZZ_ARCH_BUILD) $(FUZZ_ARCHES)
