# tests/libdkm-arch/lifecycle.mk — suite `libdkm-lifecycle-arch`: the behaviour suite's lifecycle
# checks (exports between modules, dependencies and version constraints, parameters,
# constructors and destructors, rollback of a failed init with no residue, containment of a
# faulting init, registrations left behind) on every architecture libdkm runs on, through that
# architecture's dkm-host (tools/run-arch: natively or under qemu-user). The modules are the
# fixture sources the i386 suites use (tests/fixtures), built for each architecture in LIBDKM_ARCHES
# without and with -fPIC; an architecture is picked up as soon as its libdkm/arch file exists.

LIFECYCLE_ARCH_BUILD := $(BUILD)/tests/libdkm-lifecycle-arch
LIFECYCLE_ARCH_MODULES := hello provider consumer consumer_newer initfail ctors params leaky crash
# C programs of tests/libdkm-arch/lifecycle/, run with --libc --entry main
LIFECYCLE_ARCH_PROGS := bigdata
LIFECYCLE_ARCH_VARIANTS := nopic pic
LIFECYCLE_ARCH_FLAGS_nopic := -fno-pic
LIFECYCLE_ARCH_FLAGS_pic := -fPIC
LIFECYCLE_ARCH_CFLAGS := -std=gnu11 -O2 -ffreestanding -fno-stack-protector $(WARN) $(INCLUDES)

define lifecycle_arch_module # 1: architecture, 2: variant
$(LIFECYCLE_ARCH_BUILD)/$(1)/$(2)/%.o: tests/fixtures/%.c tests/libdkm-arch/lifecycle.mk
	@mkdir -p $$(@D)
	$(call arch_cc,$(1),clang) $(LIFECYCLE_ARCH_CFLAGS) $(LIFECYCLE_ARCH_FLAGS_$(2)) -c -o $$@ $$<
$(LIFECYCLE_ARCH_BUILD)/$(1)/$(2)/%.o: tests/libdkm-arch/lifecycle/%.c tests/libdkm-arch/lifecycle.mk
	@mkdir -p $$(@D)
	$(call arch_cc,$(1),clang) -std=gnu11 -O2 $(WARN) $(LIFECYCLE_ARCH_FLAGS_$(2)) -c -o $$@ $$<
LIFECYCLE_ARCH_FILES += $(foreach m,$(LIFECYCLE_ARCH_MODULES) $(LIFECYCLE_ARCH_PROGS),$(LIFECYCLE_ARCH_BUILD)/$(1)/$(2)/$(m).o)
endef
# Linked images (ET_DYN: DT_RELA, DT_INIT_ARRAY...) of some of the fixtures, position-independent.
LIFECYCLE_ARCH_SHARED := ctors provider consumer
define lifecycle_arch_shared # 1: architecture
$(LIFECYCLE_ARCH_BUILD)/$(1)/pic/%.so: tests/fixtures/%.c tests/libdkm-arch/lifecycle.mk
	@mkdir -p $$(@D)
	$(call arch_cc,$(1),clang) $(LIFECYCLE_ARCH_CFLAGS) -fPIC -shared -nostdlib -o $$@ $$<
LIFECYCLE_ARCH_FILES += $(foreach m,$(LIFECYCLE_ARCH_SHARED),$(LIFECYCLE_ARCH_BUILD)/$(1)/pic/$(m).so)
endef
LIFECYCLE_ARCH_FILES :=
$(foreach a,$(LIBDKM_ARCHES),$(foreach v,$(LIFECYCLE_ARCH_VARIANTS),$(eval $(call lifecycle_arch_module,$(a),$(v)))))
$(foreach a,$(LIBDKM_ARCHES),$(eval $(call lifecycle_arch_shared,$(a))))

ALL_TARGETS += $(LIFECYCLE_ARCH_FILES)
TEST_SUITES += libdkm-lifecycle-arch
.PHONY: tap-libdkm-lifecycle-arch
tap-libdkm-lifecycle-arch: $(LIFECYCLE_ARCH_FILES) $(foreach a,$(LIBDKM_ARCHES),$(DKM_HOST_$(a)))
	@LIFECYCLE_ARCHES="$(LIBDKM_ARCHES)" LIFECYCLE_VARIANTS="$(LIFECYCLE_ARCH_VARIANTS)" \
	    LIFECYCLE_BUILD=$(LIFECYCLE_ARCH_BUILD) HOST_BUILD=$(HOST_BUILD) \
	    tools/tap-run $(TEST_RESULTS) libdkm-lifecycle-arch --timeout 600 -- \
	    bats --tap tests/libdkm-arch/lifecycle.bats
# The modules, by one name (the fuzz seeds of tests/fuzz/fuzz-arch.mk use them).
.PHONY: libdkm-lifecycle-arch-files
libdkm-lifecycle-arch-files: $(LIFECYCLE_ARCH_FILES)
