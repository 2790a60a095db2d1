# tests/dkm-host-arm/dkm-host-arm.mk — suite dkm-host-arm: the module lifecycle on 32-bit ARM, through
# build/host/arm/dkm-host under qemu-arm: fixture modules (tests/fixtures) built by clang for arm in
# each of its code models (-marm/-mthumb, each without and with -fPIC) into
#     $(DKM_HOST_ARM_BUILD)/<model>/NAME.o
# and run for init and exit, parameters, exports between modules, constructors and destructors,
# failing and crashing init with nothing left behind, and unresolved symbols.

ifneq ($(filter arm,$(LIBDKM_ARCHES)),)
DKM_HOST_ARM_BUILD := $(BUILD)/tests/dkm-host-arm
DKM_HOST_ARM_FIXTURES := hello params provider consumer ctors initfail crash initleak unresolved \
                         register export_clash
DKM_HOST_ARM_MODELS := arm armpic thumb thumbpic
DKM_HOST_ARM_MFLAGS_arm := -marm -fno-pic
DKM_HOST_ARM_MFLAGS_armpic := -marm -fPIC
DKM_HOST_ARM_MFLAGS_thumb := -mthumb -fno-pic
DKM_HOST_ARM_MFLAGS_thumbpic := -mthumb -fPIC
DKM_HOST_ARM_CFLAGS := -std=gnu11 -O2 -ffreestanding -fno-stack-protector -Iinclude $(WARN)

define dkm_host_arm_model # 1: model
$(DKM_HOST_ARM_BUILD)/$(1)/%.o: tests/fixtures/%.c $(wildcard include/ark/*.h)
	@mkdir -p $$(@D)
	$(call arch_cc,arm,clang) $(DKM_HOST_ARM_CFLAGS) $(DKM_HOST_ARM_MFLAGS_$(1)) -c $$< -o $$@
endef
$(foreach m,$(DKM_HOST_ARM_MODELS),$(eval $(call dkm_host_arm_model,$(m))))
DKM_HOST_ARM_FILES := $(foreach m,$(DKM_HOST_ARM_MODELS),$(foreach f,$(DKM_HOST_ARM_FIXTURES),$(DKM_HOST_ARM_BUILD)/$(m)/$(f).o))

ALL_TARGETS += $(DKM_HOST_ARM_FILES)
TEST_SUITES += dkm-host-arm
.PHONY: tap-dkm-host-arm
tap-dkm-host-arm: $(DKM_HOST_arm) $(DKM_HOST_ARM_FILES)
	@DKM_HOST=$(DKM_HOST_arm) FIXTURES=$(DKM_HOST_ARM_BUILD) MODELS="$(DKM_HOST_ARM_MODELS)" \
	    tools/tap-run $(TEST_RESULTS) dkm-host-arm --timeout 300 -- bats --tap tests/dkm-host-arm/dkm-host-arm.bats
endif
