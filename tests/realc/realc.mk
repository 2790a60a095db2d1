# tests/realc/realc.mk — "real code" suite: ordinary C programs built both as native 32-bit Linux
# executables and as dkm modules (gcc/clang x -O levels x code models), run both ways and compared.
#
# Each program is built with both compilers and all three code models; to keep the suite quick,
# every program gets -O2 plus one of -O0 / -Os (alternating over the corpus, so both are covered).
# `make REALC_FULL=1 ...` builds and runs the complete matrix instead.

REALC_BUILD := $(BUILD)/realc
REALC_PROGS := $(sort $(basename $(notdir $(wildcard tests/realc/progs/*.c))))
REALC_CCS := gcc clang
REALC_MODELS := nopic pie pic
REALC_LIBGCC32 := $(LIBGCC32)
REALC_CFLAGS := -m32 -std=gnu11 -g $(WARN)

realc_model_cflags = $(if $(filter nopic,$1),-fno-pic,$(if $(filter pie,$1),-fpie,-fPIC))
realc_model_ldflags = $(if $(filter nopic,$1),-no-pie,-pie)
realc_cc = $(if $(filter gcc,$1),$(CC),$(CLANG))

# Programs at odd positions of the sorted list get -O0, the others -Os (besides -O2).
realc_odd = $(if $1,$(firstword $1) $(call realc_even,$(wordlist 2,999,$1)))
realc_even = $(if $1,$(call realc_odd,$(wordlist 2,999,$1)))
REALC_PROGS_O0 := $(call realc_odd,$(REALC_PROGS))
realc_olevels = $(if $(REALC_FULL),O0 O2 Os,O2 $(if $(filter $1,$(REALC_PROGS_O0)),O0,Os))

# realc_variant PROG CC OLEVEL MODEL — rules for build/realc/PROG-CC-OLEVEL-MODEL/{native,module.elf}
define realc_variant
REALC_VARIANTS += $1-$2-$3-$4
$(REALC_BUILD)/$1-$2-$3-$4/native: tests/realc/progs/$1.c tests/realc/realc.mk
	@mkdir -p $$(@D)
	$(call realc_cc,$2) $(REALC_CFLAGS) -$3 $(call realc_model_cflags,$4) \
	    $(call realc_model_ldflags,$4) -o $$@ $$< -lm
$(REALC_BUILD)/$1-$2-$3-$4/module.o: tests/realc/progs/$1.c tests/realc/realc.mk
	@mkdir -p $$(@D)
	$(call realc_cc,$2) $(REALC_CFLAGS) -$3 $(call realc_model_cflags,$4) -c -o $$@ $$<
endef

REALC_VARIANTS :=
$(foreach p,$(REALC_PROGS),\
  $(foreach c,$(REALC_CCS),\
    $(foreach o,$(call realc_olevels,$(p)),\
      $(foreach m,$(REALC_MODELS),$(eval $(call realc_variant,$(p),$(c),$(o),$(m)))))))

# The module: the object partially linked with the compiler's runtime library (64-bit division etc.).
$(REALC_BUILD)/%/module.elf: $(REALC_BUILD)/%/module.o
	$(LD) -m elf_i386 -r -o $@ $< $(REALC_LIBGCC32)

REALC_OUTPUTS := $(foreach v,$(REALC_VARIANTS),$(REALC_BUILD)/$(v)/native $(REALC_BUILD)/$(v)/module.elf)

.PHONY: realc
realc: $(REALC_OUTPUTS)

TEST_SUITES += realc
tap-realc: $(REALC_OUTPUTS) $(DKM_HOST) $(PROBE32)
	@tools/tap-run $(TEST_RESULTS) realc --timeout 900 -- \
	    tests/realc/run-realc $(REALC_BUILD) $(DKM_HOST) $(REALC_VARIANTS)
