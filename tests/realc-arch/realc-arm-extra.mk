# tests/realc-arch/realc-arm-extra.mk — ARM-only programs of realc-arm (tests/realc-arch/arm/):
# interwork.c, ARM and Thumb functions in one module, and got_asm.c with got_asm.S, GOT-relative
# assembly as GNU as writes it. Each is built in every arm code model at the corpus's -O levels,
# run natively and as a module, and compared like the rest of realc-arm. A program's .S, if any,
# is assembled by GNU as into both builds. (Included after realc-arch.mk, whose variant list it
# extends.)

ifneq ($(filter arm,$(LIBDKM_ARCHES)),)
REALC_ARM_EXTRA_PROGS := interwork got_asm
REALC_ARM_EXTRA_OLEVELS := $(if $(REALC_ARCH_FULL),O0 O2 Os,O2)
REALC_ARM_EXTRA_FLAGS := -ffunction-sections
REALC_ARM_AS := $(ARCH_TRIPLE_arm)-as

# The assembly part of a program, when it has one.
$(REALC_ARCH_BUILD)/arm/extra/%.o: tests/realc-arch/arm/%.S
	@mkdir -p $(@D)
	$(REALC_ARM_AS) -o $@ $<
realc_arm_asm = $(if $(wildcard tests/realc-arch/arm/$1.S),$(REALC_ARCH_BUILD)/arm/extra/$1.o)

define realc_arm_extra # 1: PROG, 2: OLEVEL, 3: MODEL
REALC_ARCH_VARIANTS_arm += $1-clang-$2-$3
REALC_ARM_EXTRA_OUTPUTS += $(REALC_ARCH_BUILD)/arm/$1-clang-$2-$3/native $(REALC_ARCH_BUILD)/arm/$1-clang-$2-$3/module.elf
$(REALC_ARCH_BUILD)/arm/$1-clang-$2-$3/native: tests/realc-arch/arm/$1.c $(call realc_arm_asm,$1) tests/realc-arch/realc-arm-extra.mk
	@mkdir -p $$(@D)
	$(call arch_cc,arm,clang) $(REALC_ARCH_CFLAGS) -$2 $(REALC_ARM_EXTRA_FLAGS) -o $$@ $$< $(call realc_arm_asm,$1)
$(REALC_ARCH_BUILD)/arm/$1-clang-$2-$3/module.o: tests/realc-arch/arm/$1.c tests/realc-arch/realc-arm-extra.mk
	@mkdir -p $$(@D)
	$(call arch_cc,arm,clang) $(REALC_ARCH_CFLAGS) -$2 $(REALC_MFLAGS_arm_$3) $(REALC_ARM_EXTRA_FLAGS) -c -o $$@ $$<
$(REALC_ARCH_BUILD)/arm/$1-clang-$2-$3/module.elf: $(REALC_ARCH_BUILD)/arm/$1-clang-$2-$3/module.o $(call realc_arm_asm,$1)
	$(call arch_ld,arm) -r -o $$@ $$^ $(call arch_libgcc,arm)
endef
REALC_ARM_EXTRA_OUTPUTS :=
$(foreach p,$(REALC_ARM_EXTRA_PROGS),$(foreach o,$(REALC_ARM_EXTRA_OLEVELS),$(foreach m,$(REALC_MODELS_arm),\
  $(eval $(call realc_arm_extra,$(p),$(o),$(m))))))
realc-arm tap-realc-arm: $(REALC_ARM_EXTRA_OUTPUTS)
endif
