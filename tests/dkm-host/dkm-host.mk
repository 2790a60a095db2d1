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

# The same programs as shared objects (ET_DYN): --entry must find main in them as well.
$(DKM_HOST_TEST_BUILD)/gcc/%.so: tests/dkm-host/progs/%.c
	@mkdir -p $(@D)
	$(CC) -m32 -std=gnu11 -O2 -fPIC -shared -nostdlib $(WARN) -o $@ $< $(FIXTURE_RTLIB_gcc)

# A shared object with 100k functions, each named twice in .dkm.exports: registering its exports
# must cost time linear in their number (a per-name scan of the symbol table took minutes).
DKM_HOST_MANY_EXPORTS := $(DKM_HOST_TEST_BUILD)/many_exports.so
$(DKM_HOST_TEST_BUILD)/many_exports.S: tests/dkm-host/dkm-host.mk
	@mkdir -p $(@D)
	awk 'BEGIN { n = 100000; print ".text"; \
	    for (i = 0; i < n; i++) printf ".globl f%d\n.type f%d,@function\nf%d: ret\n", i, i, i; \
	    print ".section .dkm.exports,\"a\""; \
	    for (k = 0; k < 2; k++) for (i = 0; i < n; i++) printf ".asciz \"f%d\"\n", i; \
	    print ".section .note.GNU-stack,\"\",@progbits" }' >$@
$(DKM_HOST_MANY_EXPORTS): $(DKM_HOST_TEST_BUILD)/many_exports.S
	$(CC) -m32 -c -o $(@:.so=.o) $<
	$(LD) -m elf_i386 -shared -o $@ $(@:.so=.o)

DKM_HOST_DYN_PROGS := $(DKM_HOST_TEST_BUILD)/gcc/wordfreq.so $(DKM_HOST_TEST_BUILD)/gcc/mathy.so
ALL_TARGETS += $(DKM_HOST_DYN_PROGS) $(DKM_HOST_MANY_EXPORTS)
tap-dkm-host: $(DKM_HOST_DYN_PROGS) $(DKM_HOST_MANY_EXPORTS)
