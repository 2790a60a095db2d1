# tests/realc-arch/realc-arch.mk — the real-C corpus (tests/realc/progs) on every other architecture
# libdkm runs on: each program is built as a native program for ARCH and as a module (-c, then a
# partial link with the compiler's runtime library) in each of ARCH's code models, with every
# compiler the architecture has (mk/toolchain.mk); both run through tools/run-arch and must print
# the same and exit alike. Suites realc-ARCH. `make test` builds each program at one -O level
# (rotating O0/O2/Os over the corpus); `make test-arches` runs every program at all three.

REALC_ARCH_BUILD := $(BUILD)/realc-arch
REALC_ARCH_CFLAGS := -std=gnu11 -g $(WARN)
REALC_ARCH_PROGS := $(sort $(basename $(notdir $(wildcard tests/realc/progs/*.c))))
# Code models per architecture: name and the flags that select it.
REALC_MODELS_x86_64 := nopic pie pic large kernel
REALC_MFLAGS_x86_64_nopic := -fno-pic
REALC_MFLAGS_x86_64_pie := -fpie
REALC_MFLAGS_x86_64_pic := -fPIC
REALC_MFLAGS_x86_64_large := -fno-pic -mcmodel=large
REALC_MFLAGS_x86_64_kernel := -fno-pic -mcmodel=kernel
REALC_MODELS_aarch64 := small tiny large pic
REALC_MFLAGS_aarch64_small := -fno-pic
REALC_MFLAGS_aarch64_tiny := -fno-pic -mcmodel=tiny
REALC_MFLAGS_aarch64_large := -fno-pic -mcmodel=large
REALC_MFLAGS_aarch64_pic := -fPIC
REALC_MODELS_riscv64 := medlow medany pic
REALC_MFLAGS_riscv64_medlow := -fno-pic -mcmodel=medlow
REALC_MFLAGS_riscv64_medany := -fno-pic -mcmodel=medany
REALC_MFLAGS_riscv64_pic := -fPIC
REALC_MODELS_arm := arm armpic thumb thumbpic
REALC_MFLAGS_arm_arm := -marm -fno-pic
REALC_MFLAGS_arm_armpic := -marm -fPIC
REALC_MFLAGS_arm_thumb := -mthumb -fno-pic
REALC_MFLAGS_arm_thumbpic := -mthumb -fPIC

# realc_arch_variant ARCH PROG CC OLEVEL MODEL
define realc_arch_variant
REALC_ARCH_VARIANTS_$1 += $2-$3-$4-$5
$(REALC_ARCH_BUILD)/$1/$2-$3-$4-$5/native: tests/realc/progs/$2.c tests/realc-arch/realc-arch.mk
	@mkdir -p $$(@D)
	$(call arch_cc,$1,$3) $(REALC_ARCH_CFLAGS) -$4 -o $$@ $$< -lm
$(REALC_ARCH_BUILD)/$1/$2-$3-$4-$5/module.o: tests/realc/progs/$2.c tests/realc-arch/realc-arch.mk
	@mkdir -p $$(@D)
	$(call arch_cc,$1,$3) $(REALC_ARCH_CFLAGS) -$4 $(REALC_MFLAGS_$1_$5) -c -o $$@ $$<
$(REALC_ARCH_BUILD)/$1/$2-$3-$4-$5/module.elf: $(REALC_ARCH_BUILD)/$1/$2-$3-$4-$5/module.o
	$(call arch_ld,$1) -r -o $$@ $$< $(call arch_libgcc,$1)
endef

# The -O levels of program number N (1-based) of the corpus.
realc_arch_olevels = $(if $(REALC_ARCH_FULL),O0 O2 Os,$(word $(shell expr \( $2 - 1 \) % 3 + 1),O2 Os O0))

define realc_arch_suite # 1: architecture
REALC_ARCH_VARIANTS_$1 :=
$$(foreach n,$$(shell seq 1 $$(words $$(REALC_ARCH_PROGS))),\
  $$(foreach c,$$(ARCH_CCS_$1),\
    $$(foreach o,$$(call realc_arch_olevels,$1,$$(n)),\
      $$(foreach m,$$(REALC_MODELS_$1),\
        $$(eval $$(call realc_arch_variant,$1,$$(word $$(n),$$(REALC_ARCH_PROGS)),$$(c),$$(o),$$(m)))))))
REALC_ARCH_OUTPUTS_$1 := $$(foreach v,$$(REALC_ARCH_VARIANTS_$1),$(REALC_ARCH_BUILD)/$1/$$(v)/native $(REALC_ARCH_BUILD)/$1/$$(v)/module.elf)
.PHONY: realc-$1 tap-realc-$1
realc-$1: $$(REALC_ARCH_OUTPUTS_$1)
TEST_SUITES += realc-$1
tap-realc-$1: $$(REALC_ARCH_OUTPUTS_$1) $$(DKM_HOST_$1)
	@tools/tap-run $(TEST_RESULTS) realc-$1 --timeout 900 -- \
	    tests/realc/run-realc --arch $1 $(REALC_ARCH_BUILD)/$1 $$(DKM_HOST_$1) $$(REALC_ARCH_VARIANTS_$1)
endef
$(foreach a,$(LIBDKM_ARCHES),$(eval $(call realc_arch_suite,$(a))))

# The whole matrix (all -O levels) of every architecture: make test-arches
.PHONY: test-arches
test-arches:
	@$(MAKE) --no-print-directory REALC_ARCH_FULL=1 all
	@mkdir -p $(TEST_RESULTS)
	@$(MAKE) --no-print-directory -k REALC_ARCH_FULL=1 $(addprefix tap-realc-,$(LIBDKM_ARCHES)) tap-libdkm-arch || true
	@tools/tap-summary $(TEST_RESULTS) $(addprefix realc-,$(LIBDKM_ARCHES)) libdkm-arch
