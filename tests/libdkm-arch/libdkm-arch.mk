# tests/libdkm-arch/libdkm-arch.mk — suite `libdkm-arch`: cmocka tests of each architecture file's
# relocation arithmetic (values encoded into real fields and read back, overflow per field rule,
# stubs decoded) and of ELF64 validation (a real module, then broken one rule at a time), against
# that architecture's libdkm. Architectures without a test file here are not listed.
#
# Where cmocka exists for the architecture (its Debian multiarch library), the test is built for
# it and runs through tools/run-arch. Elsewhere (Debian has no cross cmocka: it would take a
# foreign dpkg architecture) the test is built for this machine against a build of libdkm with
# that architecture's file (libdkm is portable C; the ELF class only needs a host of the same
# pointer width, -m32 for 32-bit classes): the same arithmetic and validation, with module code
# left unrun, which realc-ARCH and libdkm-lifecycle-arch do under qemu-user.

LIBDKM_ARCH_TEST_BUILD := $(BUILD)/tests/libdkm-arch
LIBDKM_ARCH_TESTED := $(foreach a,$(LIBDKM_ARCHES),$(if $(wildcard tests/libdkm-arch/test_$(a).c),$(a)))
# libdkm_arch_on_target ARCH: non-empty when cmocka can be linked into ARCH programs
libdkm_arch_on_target = $(or $(filter x86_64,$1),$(wildcard /usr/lib/$(ARCH_TRIPLE_$1)/libcmocka.so))
libdkm_arch_hostbits = $(if $(filter arm,$1),32,64)
# How each test module is compiled (the ARM test decodes fields of a non-PIC, per-function build).
LIBDKM_ARCH_MODFLAGS_arm := -fno-pic -ffunction-sections

define libdkm_arch_test # 1: architecture
$(LIBDKM_ARCH_TEST_BUILD)/$(1)/mod.o: tests/libdkm-arch/mod_$(1).c
	@mkdir -p $$(@D)
	$(call arch_cc,$(1),clang) -std=gnu11 -O2 $(or $(LIBDKM_ARCH_MODFLAGS_$(1)),-fPIC) $(WARN) -c -o $$@ $$<
ifneq ($(call libdkm_arch_on_target,$(1)),)
LIBDKM_ARCH_RUNNER_$(1) := $(1)
$(LIBDKM_ARCH_TEST_BUILD)/$(1)/test: tests/libdkm-arch/test_$(1).c tests/libdkm-arch/arch_test.h $(LIBDKM_ARCH_$(1)) $(HOST_BUILD)/$(1)/port_linux.o $(LIBDKM_HDRS)
	@mkdir -p $$(@D)
	$(call host_arch_cc,$(1)) $(call arch_cflags,$(1)) $(call host_arch_cflags,$(1)) $(call host_arch_ldflags,$(1)) -iquote libdkm -Ihost -o $$@ $$< \
	    $(HOST_BUILD)/$(1)/port_linux.o $(LIBDKM_ARCH_$(1)) -lcmocka -ldl
else
LIBDKM_ARCH_RUNNER_$(1) := $(if $(filter 32,$(call libdkm_arch_hostbits,$(1))),i386,native)
LIBDKM_ARCH_ONHOST_$(1) := $(LIBDKM_BUILD)/onhost-$(1)/libdkm.a
LIBDKM_ARCH_HOSTFLAGS_$(1) := $(if $(filter 32,$(call libdkm_arch_hostbits,$(1))),-m32,)
$(LIBDKM_BUILD)/onhost-$(1)/%.o: libdkm/%.c $(LIBDKM_HDRS)
	@mkdir -p $$(@D)
	$(HOSTCC) $$(LIBDKM_ARCH_HOSTFLAGS_$(1)) $(call arch_cflags,$(1)) -c $$< -o $$@
$(LIBDKM_BUILD)/onhost-$(1)/libdkm.a: $(patsubst libdkm/%.c,$(LIBDKM_BUILD)/onhost-$(1)/%.o,$(LIBDKM_CORE_SRCS) libdkm/arch/$(1).c)
	@rm -f $$@
	ar rcs $$@ $$^
$(LIBDKM_ARCH_TEST_BUILD)/$(1)/test: tests/libdkm-arch/test_$(1).c tests/libdkm-arch/arch_test.h $$(LIBDKM_ARCH_ONHOST_$(1)) $(if $(filter 32,$(call libdkm_arch_hostbits,$(1))),$(PORT_LINUX32),$(PORT_LINUX64)) $(LIBDKM_HDRS)
	@mkdir -p $$(@D)
	$(HOSTCC) $$(LIBDKM_ARCH_HOSTFLAGS_$(1)) $(call arch_cflags,$(1)) -DLIBDKM_ARCH_TEST_ON_HOST -iquote libdkm -Ihost -o $$@ $$< \
	    $(if $(filter 32,$(call libdkm_arch_hostbits,$(1))),$(PORT_LINUX32),$(PORT_LINUX64)) $$(LIBDKM_ARCH_ONHOST_$(1)) -lcmocka -ldl
endif
endef
$(foreach a,$(LIBDKM_ARCH_TESTED),$(eval $(call libdkm_arch_test,$(a))))

# A linked image (ET_DYN with DT_RELA) for the architectures that have a dyn_ARCH.c: `ld -shared`.
LIBDKM_ARCH_DYN_TESTED := $(foreach a,$(LIBDKM_ARCH_TESTED),$(if $(wildcard tests/libdkm-arch/dyn_$(a).c),$(a)))
define libdkm_arch_dyn # 1: architecture
$(LIBDKM_ARCH_TEST_BUILD)/$(1)/dyn.so: tests/libdkm-arch/dyn_$(1).c
	@mkdir -p $$(@D)
	$(call arch_cc,$(1),clang) -std=gnu11 -O2 -fPIC $(WARN) -c -o $$(@:.so=.o) $$<
	$(call arch_ld,$(1)) -shared -o $$@ $$(@:.so=.o)
endef
$(foreach a,$(LIBDKM_ARCH_DYN_TESTED),$(eval $(call libdkm_arch_dyn,$(a))))

LIBDKM_ARCH_TEST_FILES := $(foreach a,$(LIBDKM_ARCH_TESTED),$(LIBDKM_ARCH_TEST_BUILD)/$(a)/test $(LIBDKM_ARCH_TEST_BUILD)/$(a)/mod.o) \
                          $(foreach a,$(LIBDKM_ARCH_DYN_TESTED),$(LIBDKM_ARCH_TEST_BUILD)/$(a)/dyn.so)

ALL_TARGETS += $(LIBDKM_ARCH_TEST_FILES)
TEST_SUITES += libdkm-arch
.PHONY: tap-libdkm-arch
tap-libdkm-arch: $(LIBDKM_ARCH_TEST_FILES)
	@tools/tap-run $(TEST_RESULTS) libdkm-arch --timeout 120 -- \
	    tests/libdkm-arch/run-tests $(LIBDKM_ARCH_TEST_BUILD) $(foreach a,$(LIBDKM_ARCH_TESTED),$(a):$(LIBDKM_ARCH_RUNNER_$(a)))
# Everything above, by one name (the fuzz seeds of tests/fuzz/fuzz-arch.mk use the modules).
.PHONY: libdkm-arch-files
libdkm-arch-files: $(LIBDKM_ARCH_TEST_FILES)
