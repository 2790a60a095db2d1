# tests/libdkm-arch/libdkm-arch.mk — suite `libdkm-arch`: cmocka tests of each architecture file's
# relocation arithmetic (values encoded into real fields and read back, overflow per field rule,
# stubs decoded) and of ELF64 validation (a real module, then broken one rule at a time), against
# that architecture's libdkm. Architectures without a test file here are not listed.

LIBDKM_ARCH_TEST_BUILD := $(BUILD)/tests/libdkm-arch
LIBDKM_ARCH_TESTED := $(foreach a,$(LIBDKM_ARCHES),$(if $(wildcard tests/libdkm-arch/test_$(a).c),$(a)))

define libdkm_arch_test # 1: architecture
$(LIBDKM_ARCH_TEST_BUILD)/$(1)/mod.o: tests/libdkm-arch/mod_$(1).c
	@mkdir -p $$(@D)
	$(call arch_cc,$(1),clang) -std=gnu11 -O2 -fPIC $(WARN) -c -o $$@ $$<
$(LIBDKM_ARCH_TEST_BUILD)/$(1)/test: tests/libdkm-arch/test_$(1).c $(LIBDKM_ARCH_$(1)) $(HOST_BUILD)/$(1)/port_linux.o $(LIBDKM_HDRS)
	@mkdir -p $$(@D)
	$(call host_arch_cc,$(1)) $(call arch_cflags,$(1)) $(call host_arch_cflags,$(1)) $(call host_arch_ldflags,$(1)) -iquote libdkm -Ihost -o $$@ $$< \
	    $(HOST_BUILD)/$(1)/port_linux.o $(LIBDKM_ARCH_$(1)) -lcmocka -ldl
endef
# Architectures whose cross C library has no cmocka (Debian has no riscv64 build of it): the test
# is built for this machine, with libdkm compiled from source for that architecture's tables and
# ELF class. It checks the arithmetic, the encodings and validation, and loads the real module
# with DKM_LOAD_NO_RUN, decoding what the loader wrote; realc-ARCH runs module code under qemu-user.
LIBDKM_ARCH_ON_BUILD_MACHINE := riscv64
define libdkm_arch_test_here # 1: architecture
$(LIBDKM_ARCH_TEST_BUILD)/$(1)/mod.o: tests/libdkm-arch/mod_$(1).c
	@mkdir -p $$(@D)
	$(call arch_cc,$(1),clang) -std=gnu11 -O2 -fPIC $(WARN) -c -o $$@ $$<
$(LIBDKM_ARCH_TEST_BUILD)/$(1)/test: tests/libdkm-arch/test_$(1).c $(LIBDKM_CORE_SRCS) libdkm/arch/$(1).c host/port_linux.c $(LIBDKM_HDRS)
	@mkdir -p $$(@D)
	$(HOSTCC) -std=gnu11 -O2 -g $(WARN) $(INCLUDES) $(ARCH_DEFINE_$(1)) -iquote libdkm -Ihost -o $$@ $$< \
	    $(LIBDKM_CORE_SRCS) libdkm/arch/$(1).c host/port_linux.c -lcmocka -ldl
	@touch $$(@D)/runs-here
endef
$(foreach a,$(filter-out $(LIBDKM_ARCH_ON_BUILD_MACHINE),$(LIBDKM_ARCH_TESTED)),$(eval $(call libdkm_arch_test,$(a))))
$(foreach a,$(filter $(LIBDKM_ARCH_ON_BUILD_MACHINE),$(LIBDKM_ARCH_TESTED)),$(eval $(call libdkm_arch_test_here,$(a))))

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
	    tests/libdkm-arch/run-tests $(LIBDKM_ARCH_TEST_BUILD) $(LIBDKM_ARCH_TESTED)
