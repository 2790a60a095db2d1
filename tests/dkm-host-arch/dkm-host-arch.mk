# tests/dkm-host-arch/dkm-host-arch.mk — suites dkm-host-ARCH: the module lifecycle through another
# architecture's dkm-host (tools/run-arch ARCH), with ark fixture modules (tests/fixtures) built by
# clang for ARCH in each of its code models: exports between modules in every pair of models and
# dependency order, export clashes, parameters, constructors and destructors, the init and exit
# chosen through the API table, failing and crashing init, unresolved symbols.
# Architectures listed in DKM_HOST_ARCH_TESTED that have a dkm-host take part.

DKM_HOST_ARCH_BUILD := $(BUILD)/tests/dkm-host-arch
DKM_HOST_ARCH_TESTED := riscv64 arm
DKM_HOST_ARCH_FIXTURES := hello provider consumer params ctors initfail initleak unresolved crash \
                          register export_clash
DKM_HOST_ARCH_MODELS_riscv64 := medlow medany pic
DKM_HOST_ARCH_MFLAGS_riscv64_medlow := -fno-pic -mcmodel=medlow
DKM_HOST_ARCH_MFLAGS_riscv64_medany := -fno-pic -mcmodel=medany
DKM_HOST_ARCH_MFLAGS_riscv64_pic := -fPIC
# 32-bit ARM: the ARM and Thumb-2 instruction sets, each without and with -fPIC.
DKM_HOST_ARCH_MODELS_arm := arm armpic thumb thumbpic
DKM_HOST_ARCH_MFLAGS_arm_arm := -marm -fno-pic
DKM_HOST_ARCH_MFLAGS_arm_armpic := -marm -fPIC
DKM_HOST_ARCH_MFLAGS_arm_thumb := -mthumb -fno-pic
DKM_HOST_ARCH_MFLAGS_arm_thumbpic := -mthumb -fPIC

define dkm_host_arch_model # 1: architecture, 2: model
$(DKM_HOST_ARCH_BUILD)/$(1)/$(2)/%.o: tests/fixtures/%.c $(wildcard include/ark/*.h) \
                                      tests/dkm-host-arch/dkm-host-arch.mk
	@mkdir -p $$(@D)
	$(call arch_cc,$(1),clang) -std=gnu11 -O2 -ffreestanding -fno-stack-protector -Iinclude $(WARN) \
	    $(DKM_HOST_ARCH_MFLAGS_$(1)_$(2)) -c $$< -o $$@
DKM_HOST_ARCH_FILES_$(1) += $(foreach f,$(DKM_HOST_ARCH_FIXTURES),$(DKM_HOST_ARCH_BUILD)/$(1)/$(2)/$(f).o)
endef

define dkm_host_arch_suite # 1: architecture
DKM_HOST_ARCH_FILES_$(1) :=
$$(foreach m,$$(DKM_HOST_ARCH_MODELS_$(1)),$$(eval $$(call dkm_host_arch_model,$(1),$$(m))))
ALL_TARGETS += $$(DKM_HOST_ARCH_FILES_$(1))
TEST_SUITES += dkm-host-$(1)
.PHONY: tap-dkm-host-$(1)
tap-dkm-host-$(1): $$(DKM_HOST_ARCH_FILES_$(1)) $$(DKM_HOST_$(1))
	@ARCH=$(1) DKM_HOST=$$(DKM_HOST_$(1)) FIXTURES=$(DKM_HOST_ARCH_BUILD)/$(1) MODELS="$$(DKM_HOST_ARCH_MODELS_$(1))" \
	    tools/tap-run $(TEST_RESULTS) dkm-host-$(1) --timeout 300 -- bats --tap tests/dkm-host-arch/dkm-host-arch.bats
endef
$(foreach a,$(filter $(DKM_HOST_ARCH_TESTED),$(LIBDKM_ARCHES)),$(eval $(call dkm_host_arch_suite,$(a))))
