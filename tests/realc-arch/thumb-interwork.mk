# tests/realc-arch/thumb-interwork.mk — an ARM-only program of realc-arm: ARM and Thumb functions in
# one module (tests/realc-arch/arm/interwork.c), built in each of arm's code models at the same -O
# levels as the corpus, run natively and as a module and compared like the rest of realc-arm.
# (Included after realc-arch.mk, whose variant list it extends.)

ifneq ($(filter arm,$(LIBDKM_ARCHES)),)
REALC_ARM_EXTRA_OLEVELS := $(if $(REALC_ARCH_FULL),O0 O2 Os,O2)
define realc_arm_interwork # 1: OLEVEL, 2: MODEL
REALC_ARCH_VARIANTS_arm += interwork-clang-$1-$2
REALC_ARM_EXTRA_OUTPUTS += $(REALC_ARCH_BUILD)/arm/interwork-clang-$1-$2/native $(REALC_ARCH_BUILD)/arm/interwork-clang-$1-$2/module.elf
$(REALC_ARCH_BUILD)/arm/interwork-clang-$1-$2/native: tests/realc-arch/arm/interwork.c tests/realc-arch/thumb-interwork.mk
	@mkdir -p $$(@D)
	$(call arch_cc,arm,clang) $(REALC_ARCH_CFLAGS) -$1 -ffunction-sections -o $$@ $$<
$(REALC_ARCH_BUILD)/arm/interwork-clang-$1-$2/module.o: tests/realc-arch/arm/interwork.c tests/realc-arch/thumb-interwork.mk
	@mkdir -p $$(@D)
	$(call arch_cc,arm,clang) $(REALC_ARCH_CFLAGS) -$1 $(REALC_MFLAGS_arm_$2) -ffunction-sections -c -o $$@ $$<
$(REALC_ARCH_BUILD)/arm/interwork-clang-$1-$2/module.elf: $(REALC_ARCH_BUILD)/arm/interwork-clang-$1-$2/module.o
	$(call arch_ld,arm) -r -o $$@ $$< $(call arch_libgcc,arm)
endef
REALC_ARM_EXTRA_OUTPUTS :=
$(foreach o,$(REALC_ARM_EXTRA_OLEVELS),$(foreach m,$(REALC_MODELS_arm),$(eval $(call realc_arm_interwork,$(o),$(m)))))
realc-arm tap-realc-arm: $(REALC_ARM_EXTRA_OUTPUTS)
endif
