# tests/linux/linux.mk — suite `system-linux`: Linux-style modules of our own (one directory per
# topic, each with a Linux module Makefile), built the way a Linux developer builds them — a copy
# of the directory, then `make KDIR=<ark>`, which runs `make -C $(KDIR) M=$(PWD) modules` — and
# shipped in the ramdisk under /ramdisk/linux/. linux.bats drives them inside ark under QEMU.

LXT_BUILD := $(BUILD)/tests/linux
LXT_DIRS  := $(sort $(notdir $(patsubst %/,%,$(dir $(wildcard tests/linux/*/Makefile)))))
# Every module: DIR/NAME for each NAME.o in DIR's obj-m.
lxt_mods_of = $(patsubst %.o,%,$(shell sed -n 's/^obj-m[[:space:]]*+*:*=[[:space:]]*//p' tests/linux/$(1)/Makefile))
LXT_KOS   := $(foreach d,$(LXT_DIRS),$(addprefix $(LXT_BUILD)/$(d)/,$(addsuffix .ko,$(call lxt_mods_of,$(d)))))
LXT_DEPS  := $(wildcard include/linux/*.h include/linux/*/*.h include/asm/*.h include/ark/*.h) mk/kbuild.mk tools/ark-gcc

define lxt_dir_rule
$(LXT_BUILD)/$(1)/.built: $(wildcard tests/linux/$(1)/*) $(LXT_DEPS) $(SIGN_DEPS)
	@rm -rf $(LXT_BUILD)/$(1) && mkdir -p $(LXT_BUILD)/$(1)
	@cp tests/linux/$(1)/* $(LXT_BUILD)/$(1)/
	+$(MAKE) --no-print-directory -s -C $(LXT_BUILD)/$(1) KDIR=$(abspath .)
	@touch $$@
# A recipe, even one that only checks the module is there, makes make look at the .ko's time again
# after the directory's build: without one, the ramdisk kept the old module after a source edit.
$(addprefix $(LXT_BUILD)/$(1)/,$(addsuffix .ko,$(call lxt_mods_of,$(1)))): $(LXT_BUILD)/$(1)/.built
	@test -f $$@ || { echo "$$@ was not built" >&2; exit 1; }
endef
$(foreach d,$(LXT_DIRS),$(eval $(call lxt_dir_rule,$(d))))

# Modules with the mistakes the loader gives hints for (tests/linux/hints/): built as their author
# would have built them, with ark-gcc, and the x86_64 one with the host's compiler; named .o so
# that the module index leaves them out.
LXT_HINTS := $(addprefix $(LXT_BUILD)/hints/,hint_printf.o hint_float.o hint_linux.o hint_x86_64.o)
$(LXT_BUILD)/hints/hint_x86_64.o: tests/linux/hints/hint_x86_64.c
	@mkdir -p $(@D)
	$(HOSTCC) -O2 -c $< -o $@
# SIGN_DEPS: ark-gcc signs what it builds once the key exists; without it a parallel build from
# a fresh clone could build these before the key and leave them unsigned.
$(LXT_BUILD)/hints/%.o: tests/linux/hints/%.c $(LXT_DEPS) $(SIGN_DEPS)
	@mkdir -p $(@D)
	tools/ark-gcc -o $@ $<

RAMDISK_FILES += $(foreach k,$(LXT_KOS),$(k):linux/$(notdir $(k)))
RAMDISK_FILES += $(foreach k,$(LXT_HINTS),$(k):linux/hints/$(notdir $(k)))
ALL_TARGETS   += $(LXT_KOS) $(LXT_HINTS)

TEST_SUITES += system-linux

.PHONY: tap-system-linux
# modtest (the program that drives devices) comes from tests/modules/system-modules.mk.
tap-system-linux: $(BUILD)/kernel/ark.elf $(BUILD)/ramdisk.tar $(BUILD)/tests/modules/modtest
	@ARK_BUILD=$(abspath $(BUILD)) MODTEST=$(abspath $(BUILD)/tests/modules/modtest) \
	    tools/tap-run $(TEST_RESULTS) system-linux --timeout 1200 -- bats --tap tests/linux
