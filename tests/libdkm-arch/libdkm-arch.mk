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
# 32-bit architectures whose Debian cross sysroot has no cmocka (arm) are tested through an i386
# build of their libdkm, run natively: the architecture file's arithmetic does not depend on the
# host, and its module is loaded (validated, laid out, relocated) without running it. Their code
# runs for real in realc-ARCH.
LIBDKM_ARCH_TEST_ON_I386 := arm
define libdkm_arch_test_i386 # 1: architecture
$(LIBDKM_ARCH_TEST_BUILD)/$(1)/mod.o: tests/libdkm-arch/mod_$(1).c
	@mkdir -p $$(@D)
	$(call arch_cc,$(1),clang) -std=gnu11 -O2 -fno-pic -ffunction-sections $(WARN) -c -o $$@ $$<
$(LIBDKM_ARCH_TEST_BUILD)/$(1)/lib/%.o: libdkm/%.c $(LIBDKM_HDRS)
	@mkdir -p $$(@D)
	$(HOSTCC) $(HOST32_CFLAGS) $(ARCH_DEFINE_$(1)) -c $$< -o $$@
$(LIBDKM_ARCH_TEST_BUILD)/$(1)/test: tests/libdkm-arch/test_$(1).c $(patsubst libdkm/%.c,$(LIBDKM_ARCH_TEST_BUILD)/$(1)/lib/%.o,$(LIBDKM_CORE_SRCS) libdkm/arch/$(1).c) $(PORT_LINUX32) $(LIBDKM_HDRS)
	@mkdir -p $$(@D)
	$(HOSTCC) $(HOST32_CFLAGS) $(ARCH_DEFINE_$(1)) -iquote libdkm -Ihost -o $$@ $$< \
	    $(patsubst libdkm/%.c,$(LIBDKM_ARCH_TEST_BUILD)/$(1)/lib/%.o,$(LIBDKM_CORE_SRCS) libdkm/arch/$(1).c) $(PORT_LINUX32) -lcmocka -ldl
endef
$(foreach a,$(LIBDKM_ARCH_TESTED),$(eval $(call $(if $(filter $(a),$(LIBDKM_ARCH_TEST_ON_I386)),libdkm_arch_test_i386,libdkm_arch_test),$(a))))
LIBDKM_ARCH_TEST_FILES := $(foreach a,$(LIBDKM_ARCH_TESTED),$(LIBDKM_ARCH_TEST_BUILD)/$(a)/test $(LIBDKM_ARCH_TEST_BUILD)/$(a)/mod.o)

ALL_TARGETS += $(LIBDKM_ARCH_TEST_FILES)
TEST_SUITES += libdkm-arch
.PHONY: tap-libdkm-arch
tap-libdkm-arch: $(LIBDKM_ARCH_TEST_FILES)
	@tools/tap-run $(TEST_RESULTS) libdkm-arch --timeout 120 -- \
	    tests/libdkm-arch/run-tests $(LIBDKM_ARCH_TEST_BUILD) \
	    $(foreach a,$(LIBDKM_ARCH_TESTED),$(a)$(if $(filter $(a),$(LIBDKM_ARCH_TEST_ON_I386)),:i386))
