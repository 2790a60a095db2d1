# tests/fuzz/fuzz.mk — libFuzzer target for libdkm's load path (clang, x86_64, ASan + UBSan, with
# libdkm itself built with coverage instrumentation), its seed corpus made from real modules, a
# short smoke run in `make test` (suite fuzz-smoke) and `make fuzz` for a long run:
#     make fuzz                 10 minutes
#     make fuzz FUZZ_TIME=3600  an hour (FUZZ_JOBS=2: two parallel jobs)
# The long run keeps its corpus in build/fuzz/corpus and crash inputs in build/fuzz/crashes/.

FUZZ_BUILD := $(BUILD)/fuzz
FUZZ_BIN := $(FUZZ_BUILD)/fuzz-load
FUZZ_TIME ?= 600
FUZZ_JOBS ?= 1
FUZZ_CFLAGS := -std=gnu11 -O1 -g -fsanitize=fuzzer-no-link,address,undefined \
               -fno-sanitize-recover=all -fno-omit-frame-pointer $(WARN) $(INCLUDES)
FUZZ_OBJS := $(patsubst libdkm/%.c,$(FUZZ_BUILD)/obj/libdkm/%.o,$(LIBDKM_SRCS)) \
             $(FUZZ_BUILD)/obj/port_linux.o $(FUZZ_BUILD)/obj/fuzz_load.o

$(FUZZ_BUILD)/obj/libdkm/%.o: libdkm/%.c $(LIBDKM_HDRS)
	@mkdir -p $(@D)
	$(CLANG) $(FUZZ_CFLAGS) -c -o $@ $<
$(FUZZ_BUILD)/obj/port_linux.o: host/port_linux.c host/port_linux.h libdkm/include/dkm/dkm.h
	@mkdir -p $(@D)
	$(CLANG) $(FUZZ_CFLAGS) -c -o $@ $<
$(FUZZ_BUILD)/obj/fuzz_load.o: tests/fuzz/fuzz_load.c host/port_linux.h libdkm/include/dkm/dkm.h
	@mkdir -p $(@D)
	$(CLANG) $(FUZZ_CFLAGS) -Ihost -c -o $@ $<

$(FUZZ_BIN): $(FUZZ_OBJS)
	$(CLANG) -fsanitize=fuzzer,address,undefined -o $@ $(FUZZ_OBJS) -ldl

# Seeds: the feature-rich seed module from each compiler and code model (partially linked with
# the runtime library and given import hashes, as modules are shipped), a shared-object build of it, the malformed suite's
# samples (fragments included later define their rules), every fixture module, and a few real-code modules that import the C library.
FUZZ_SEED_CCS := gcc clang
FUZZ_SEED_MODELS := nopic pie pic
fuzz_model_flag = $(if $(filter nopic,$1),-fno-pic,$(if $(filter pie,$1),-fpie,-fPIC))
FUZZ_SEED_CFLAGS := -m32 -std=gnu11 -O2 $(WARN) $(INCLUDES)
FUZZ_LIBGCC32 := $(LIBGCC32)

define fuzz_seed_module
$(FUZZ_BUILD)/seedsrc/seed-$1-$2.o: tests/fuzz/seed_module.c
	@mkdir -p $$(@D)
	$(if $(filter gcc,$1),$(CC),$(CLANG)) $(FUZZ_SEED_CFLAGS) $(call fuzz_model_flag,$2) -c -o $$@ $$<
$(FUZZ_BUILD)/seedsrc/seed-$1-$2.ko: $(FUZZ_BUILD)/seedsrc/seed-$1-$2.o $(SYMHASH)
	$(LD) -m elf_i386 -r -o $$@ $$< $(FUZZ_LIBGCC32)
	$(SYMHASH) $$@
endef
$(foreach c,$(FUZZ_SEED_CCS),$(foreach m,$(FUZZ_SEED_MODELS),$(eval $(call fuzz_seed_module,$c,$m))))

$(FUZZ_BUILD)/seedsrc/seed-dyn.so: tests/fuzz/seed_module.c
	@mkdir -p $(@D)
	$(CC) $(FUZZ_SEED_CFLAGS) -fPIC -shared -nostdlib -o $@ $< $(FUZZ_LIBGCC32)

FUZZ_SEED_INPUTS := \
    $(foreach c,$(FUZZ_SEED_CCS),$(foreach m,$(FUZZ_SEED_MODELS),$(FUZZ_BUILD)/seedsrc/seed-$c-$m.ko)) \
    $(FUZZ_BUILD)/seedsrc/seed-dyn.so $(FIXTURE_FILES) \
    $(addprefix $(BUILD)/tests/libdkm-malformed/,sample.o sample_dyn.elf sample_exec.elf) \
    $(foreach v,interp-gcc-O2-nopic interp-clang-O2-pie hashmap-gcc-O2-pic,$(BUILD)/realc/$(v)/module.elf) \
    $(addprefix $(BUILD)/tests/system-dkm/,dkmt_core.elf dkmt_mid.elf dkmt_top.elf)
FUZZ_SEEDS_STAMP := $(FUZZ_BUILD)/seeds/.stamp

$(FUZZ_SEEDS_STAMP): $(FUZZ_SEED_INPUTS) tests/fuzz/mkseeds tests/fuzz/mkscenario
	@rm -rf $(@D)
	@tests/fuzz/mkseeds $(@D) $(filter-out tests/fuzz/mkseeds tests/fuzz/mkscenario,$^)
	@touch $@

ALL_TARGETS += $(FUZZ_BIN) $(FUZZ_SEEDS_STAMP)

TEST_SUITES += fuzz-smoke
tap-fuzz-smoke: $(FUZZ_BIN) $(FUZZ_SEEDS_STAMP)
	@tools/tap-run $(TEST_RESULTS) fuzz-smoke --timeout 300 -- \
	    tests/fuzz/run-fuzz smoke $(FUZZ_BIN) $(FUZZ_BUILD)

.PHONY: fuzz
fuzz: $(FUZZ_BIN) $(FUZZ_SEEDS_STAMP)
	FUZZ_JOBS=$(FUZZ_JOBS) tests/fuzz/run-fuzz long $(FUZZ_BIN) $(FUZZ_BUILD) $(FUZZ_TIME)

# Source-based coverage of libdkm over the fuzz corpus (clang's -fprofile-instr-generate and
# llvm-cov): the seeds, the regression inputs and, when a long run made one, build/fuzz/corpus.
#     make fuzz-coverage          prints the line/branch report for libdkm/ and its totals
FUZZ_COV_BIN := $(FUZZ_BUILD)/cov/fuzz-load-cov
FUZZ_COV_CFLAGS := -std=gnu11 -O1 -g -fsanitize=fuzzer-no-link -fprofile-instr-generate \
                   -fcoverage-mapping $(WARN) $(INCLUDES)
FUZZ_COV_OBJS := $(patsubst libdkm/%.c,$(FUZZ_BUILD)/cov/obj/libdkm/%.o,$(LIBDKM_SRCS)) \
                 $(FUZZ_BUILD)/cov/obj/port_linux.o $(FUZZ_BUILD)/cov/obj/fuzz_load.o
LLVM_PROFDATA ?= llvm-profdata
LLVM_COV ?= llvm-cov

$(FUZZ_BUILD)/cov/obj/libdkm/%.o: libdkm/%.c $(LIBDKM_HDRS)
	@mkdir -p $(@D)
	$(CLANG) $(FUZZ_COV_CFLAGS) -c -o $@ $<
$(FUZZ_BUILD)/cov/obj/port_linux.o: host/port_linux.c host/port_linux.h libdkm/include/dkm/dkm.h
	@mkdir -p $(@D)
	$(CLANG) -std=gnu11 -O1 -g -fsanitize=fuzzer-no-link $(WARN) $(INCLUDES) -c -o $@ $<
$(FUZZ_BUILD)/cov/obj/fuzz_load.o: tests/fuzz/fuzz_load.c host/port_linux.h libdkm/include/dkm/dkm.h
	@mkdir -p $(@D)
	$(CLANG) -std=gnu11 -O1 -g -fsanitize=fuzzer-no-link $(WARN) $(INCLUDES) -Ihost -c -o $@ $<
$(FUZZ_COV_BIN): $(FUZZ_COV_OBJS)
	$(CLANG) -fsanitize=fuzzer -fprofile-instr-generate -o $@ $(FUZZ_COV_OBJS) -ldl

.PHONY: fuzz-coverage
fuzz-coverage: $(FUZZ_COV_BIN) $(FUZZ_SEEDS_STAMP)
	tests/fuzz/fuzz-coverage $(FUZZ_COV_BIN) $(FUZZ_BUILD) $(LLVM_PROFDATA) $(LLVM_COV)

# The ELF64 path: the same target over the x86_64 build of libdkm, seeded with x86_64 modules of
# the real-C corpus in every code model and the libdkm-arch module (suite fuzz-smoke-x86_64).
FUZZ64_BUILD := $(FUZZ_BUILD)/x86_64
FUZZ64_BIN := $(FUZZ64_BUILD)/fuzz-load
FUZZ64_CFLAGS := $(FUZZ_CFLAGS) -DDKM_ARCH_X86_64
FUZZ64_OBJS := $(patsubst libdkm/%.c,$(FUZZ64_BUILD)/obj/libdkm/%.o,$(LIBDKM_CORE_SRCS) libdkm/arch/x86_64.c) \
               $(FUZZ64_BUILD)/obj/port_linux.o $(FUZZ64_BUILD)/obj/fuzz_load.o
$(FUZZ64_BUILD)/obj/libdkm/%.o: libdkm/%.c $(LIBDKM_HDRS)
	@mkdir -p $(@D)
	$(CLANG) $(FUZZ64_CFLAGS) -c -o $@ $<
$(FUZZ64_BUILD)/obj/port_linux.o: host/port_linux.c host/port_linux.h libdkm/include/dkm/dkm.h
	@mkdir -p $(@D)
	$(CLANG) $(FUZZ64_CFLAGS) -c -o $@ $<
$(FUZZ64_BUILD)/obj/fuzz_load.o: tests/fuzz/fuzz_load.c host/port_linux.h libdkm/include/dkm/dkm.h
	@mkdir -p $(@D)
	$(CLANG) $(FUZZ64_CFLAGS) -Ihost -c -o $@ $<
$(FUZZ64_BIN): $(FUZZ64_OBJS)
	$(CLANG) -fsanitize=fuzzer,address,undefined -o $@ $(FUZZ64_OBJS) -ldl
FUZZ64_SEED_INPUTS := $(foreach v,interp-gcc-O2-nopic interp-clang-O2-pie hashmap-gcc-O2-pic \
                        ctors-gcc-O2-kernel ctors-clang-O2-large,$(BUILD)/realc-arch/x86_64/$(v)/module.elf) \
                      $(BUILD)/tests/libdkm-arch/x86_64/mod.o
FUZZ64_SEEDS_STAMP := $(FUZZ64_BUILD)/seeds/.stamp
$(FUZZ64_SEEDS_STAMP): $(FUZZ64_SEED_INPUTS) tests/fuzz/mkseeds
	@rm -rf $(@D)
	@tests/fuzz/mkseeds $(@D) $(FUZZ64_SEED_INPUTS)
	@touch $@
ALL_TARGETS += $(FUZZ64_BIN)
TEST_SUITES += fuzz-smoke-x86_64
tap-fuzz-smoke-x86_64: $(FUZZ64_BIN) $(FUZZ64_SEEDS_STAMP)
	@tools/tap-run $(TEST_RESULTS) fuzz-smoke-x86_64 --timeout 300 -- \
	    tests/fuzz/run-fuzz smoke $(FUZZ64_BIN) $(FUZZ64_BUILD)
