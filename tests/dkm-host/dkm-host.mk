# tests/dkm-host/dkm-host.mk — suite dkm-host: bats tests of the dkm-host command line, run against
# the fixture modules and a few ordinary C programs built here as modules:
#     gcc -m32 -c prog.c && ld -m elf_i386 -r prog.o <compiler runtime> -o prog.elf

DKM_HOST_TEST_BUILD := $(BUILD)/tests/dkm-host
DKM_HOST_PROGS := wordfreq mathy lifecycle
# Each program built by gcc -O2 (default code model) and by clang -O0 -fPIC.
DKM_HOST_PROG_FILES := $(foreach p,$(DKM_HOST_PROGS),$(DKM_HOST_TEST_BUILD)/gcc/$(p).elf \
                                                      $(DKM_HOST_TEST_BUILD)/clang/$(p).elf)

$(DKM_HOST_TEST_BUILD)/gcc/%.elf: tests/dkm-host/progs/%.c
	@mkdir -p $(@D)
	$(CC) -m32 -std=gnu11 -O2 $(WARN) -c $< -o $(@:.elf=.o)
	$(LD) -m elf_i386 -r -o $@ $(@:.elf=.o) $(FIXTURE_RTLIB_gcc)

$(DKM_HOST_TEST_BUILD)/clang/%.elf: tests/dkm-host/progs/%.c
	@mkdir -p $(@D)
	$(CLANG) -m32 -std=gnu11 -O0 -fPIC $(WARN) -c $< -o $(@:.elf=.o)
	$(LD) -m elf_i386 -r -o $@ $(@:.elf=.o) $(FIXTURE_RTLIB_clang)

ALL_TARGETS += $(DKM_HOST_PROG_FILES)
TEST_SUITES += dkm-host

# tests/fixtures/fixtures.mk is included after this file: its phony target stands for its files.
tap-dkm-host: $(DKM_HOST) $(PROBE32) fixtures $(DKM_HOST_PROG_FILES)
	@DKM_HOST=$(DKM_HOST) RUN32=$(RUN32) FIXTURES=$(FIXTURES_BUILD) PROGS=$(DKM_HOST_TEST_BUILD) \
	    tools/tap-run $(TEST_RESULTS) dkm-host --timeout 600 -- bats --tap tests/dkm-host/dkm-host.bats
