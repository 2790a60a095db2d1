# mk/kbuild.mk — out-of-tree modules, the kbuild way: `make -C /path/to/ark M=$PWD [modules]`
# reads obj-m (and NAME-objs / NAME-y for multi-object modules) from $(M)/Kbuild or $(M)/Makefile
# and builds $(M)/NAME.ko with tools/ark-gcc; `clean` removes what it built; `modules_install`
# copies the modules to INSTALL_MOD_PATH/lib/modules/ark/INSTALL_MOD_DIR and indexes them there
# (depmod), where tools/ark-run picks them up. Needs nothing else of the ark build: only the
# headers, ark-gcc and the sources of the index tool.

ARK_ROOT := $(abspath $(dir $(lastword $(MAKEFILE_LIST)))/..)

# Reached through the top-level Makefile (`make -C ARK M=DIR GOAL`), which runs GOAL here as
# __kb_GOAL; any other goal is unknown.
__kb_%:
	@echo "kbuild: unknown target '$*' (modules, clean, modules_install, help)" >&2; exit 2
ARK_GCC  := $(ARK_ROOT)/tools/ark-gcc

ifeq ($(filter /%,$(M)),)
$(error kbuild: M=$(M) must be an absolute path (use M=$$PWD))
endif
KBUILD_DIR := $(patsubst %/,%,$(M))

# A module Makefile written for Linux tests KERNELRELEASE to tell the kbuild pass from the user's
# own invocation; ark sets it too, so such Makefiles work unchanged.
KERNELRELEASE := ark
ARK_KBUILD := 1
obj-m :=
ccflags-y :=

KBUILD_FILE := $(firstword $(wildcard $(KBUILD_DIR)/Kbuild $(KBUILD_DIR)/Makefile $(KBUILD_DIR)/makefile))
ifeq ($(KBUILD_FILE),)
$(error kbuild: no Kbuild or Makefile in $(KBUILD_DIR))
endif
include $(KBUILD_FILE)

.DEFAULT_GOAL := __kb_modules
ifeq ($(strip $(obj-m)),)
$(error kbuild: $(KBUILD_FILE) sets no obj-m (write e.g. 'obj-m := hello.o'))
endif

ifeq ($(V),1)
kb_q :=
kb_say := @:
else
kb_q := @
kb_say := @echo
endif

# The warnings and code-generation flags Linux's kbuild uses for modules, so that code which
# builds cleanly there builds cleanly here (e.g. -Wno-pointer-sign: Linux code mixes int and
# unsigned int pointers freely).
KBUILD_CFLAGS := -std=gnu11 -Wall -Wundef -Wno-trigraphs -fno-strict-aliasing -fno-common \
                 -Werror=implicit-function-declaration -Werror=implicit-int -Werror=return-type \
                 -Werror=strict-prototypes -Wno-format-security -Wno-pointer-sign \
                 -Wno-sign-compare -Wno-unused-but-set-variable -DMODULE

# NAME.o in obj-m -> NAME.ko; its objects are NAME-objs (or NAME-y), else NAME.o itself.
kb_names   := $(patsubst %.o,%,$(obj-m))
kb_objs_of  = $(or $(strip $($(1)-objs) $($(1)-y)),$(1).o)
kb_modules := $(foreach n,$(kb_names),$(KBUILD_DIR)/$(n).ko)
kb_allobjs := $(sort $(foreach n,$(kb_names),$(addprefix $(KBUILD_DIR)/,$(call kb_objs_of,$(n)))))
kb_cflags   = $(KBUILD_CFLAGS) -DKBUILD_MODNAME='"$(KB_MODNAME)"' \
              -DKBUILD_BASENAME='"$(basename $(notdir $@))"' \
              $(ccflags-y) $(EXTRA_CFLAGS) $(CFLAGS_$(notdir $@))
kb_depfile  = $(dir $@).$(notdir $@).d

.PHONY: __kb_modules __kb_clean __kb_help __kb_modules_install
__kb_modules: $(kb_modules)

# As on Linux, KBUILD_MODNAME is the module's name with '-' turned into '_'.
define kb_module_rule
$(KBUILD_DIR)/$(1).ko: $(addprefix $(KBUILD_DIR)/,$(call kb_objs_of,$(1))) $(ARK_GCC)
	$(kb_say) "  LD [M]  $$@"
	$(kb_q)$(ARK_GCC) $(ldflags-y) -o $$@ $$(filter %.o,$$^)
$(addprefix $(KBUILD_DIR)/,$(call kb_objs_of,$(1))): KB_MODNAME := $(subst -,_,$(1))
endef
$(foreach n,$(kb_names),$(eval $(call kb_module_rule,$(n))))

$(KBUILD_DIR)/%.o: $(KBUILD_DIR)/%.c $(ARK_GCC)
	$(kb_say) "  CC [M]  $@"
	$(kb_q)$(ARK_GCC) $(kb_cflags) -MMD -MP -MF $(kb_depfile) -c $< -o $@

$(KBUILD_DIR)/%.o: $(KBUILD_DIR)/%.S $(ARK_GCC)
	$(kb_say) "  AS [M]  $@"
	$(kb_q)$(ARK_GCC) $(kb_cflags) -D__ASSEMBLY__ -MMD -MP -MF $(kb_depfile) -c $< -o $@

__kb_clean:
	$(kb_say) "  CLEAN   $(KBUILD_DIR)"
	$(kb_q)rm -f $(kb_modules) $(kb_allobjs) $(KBUILD_DIR)/modules.order \
		$(foreach o,$(kb_allobjs),$(dir $(o)).$(notdir $(o)).d)

# ---- modules_install and depmod ----------------------------------------------------------------
# The tree the modules go to; tools/ark-run adds $(INSTALL_MOD_PATH)/lib/modules/ark to the
# ramdisk (at /ramdisk/, so extra/NAME.ko is /ramdisk/extra/NAME.ko) with a merged index.
INSTALL_MOD_PATH ?= $(ARK_ROOT)/build/modules-install
INSTALL_MOD_DIR  ?= extra
kb_modroot := $(INSTALL_MOD_PATH)/lib/modules/$(KERNELRELEASE)
kb_depmod  := $(kb_modroot)/.depmod/mkindex
kb_depmod_srcs := $(ARK_ROOT)/tools/mkindex/mkindex.c $(ARK_ROOT)/lib/elfinfo.c \
                  $(ARK_ROOT)/lib/crypto/sha256.c

$(kb_depmod): $(kb_depmod_srcs) $(ARK_ROOT)/include/ark/elfinfo.h $(ARK_ROOT)/lib/crypto/crypto.h \
              $(ARK_ROOT)/libdkm/include/dkm/modsig.h
	@mkdir -p $(@D)
	$(kb_q)$${HOSTCC:-cc} -O2 -I$(ARK_ROOT)/include -I$(ARK_ROOT)/libdkm/include \
	    -I$(ARK_ROOT)/lib/crypto -o $@ $(kb_depmod_srcs)

__kb_modules_install: $(kb_modules) $(kb_depmod)
	@mkdir -p $(kb_modroot)/$(INSTALL_MOD_DIR)
	$(foreach m,$(kb_modules),$(kb_say) "  INSTALL $(kb_modroot)/$(INSTALL_MOD_DIR)/$(notdir $(m))";\
	    install -m 644 $(m) $(kb_modroot)/$(INSTALL_MOD_DIR)/;)
	$(kb_say) "  DEPMOD  $(kb_modroot)"
	$(kb_q)cd $(kb_modroot) && $(kb_depmod) . $$(find . -path ./.depmod -prune -o \
	    \( -name '*.ko' -o -name '*.elf' \) -type f -print | sed 's|^\./||' | sort | \
	    while read -r f; do printf '%s:%s ' "$$f" "$$f"; done)

__kb_help:
	@echo "make -C $(ARK_ROOT) M=DIR [modules|clean|modules_install] [V=1]"
	@echo "  modules          builds DIR/NAME.ko for each NAME.o in obj-m (objects: NAME-objs or NAME-y)"
	@echo "  modules_install  copies them to INSTALL_MOD_PATH/lib/modules/ark/INSTALL_MOD_DIR"
	@echo "                   (default $(ARK_ROOT)/build/modules-install, extra) and runs depmod"

-include $(foreach o,$(kb_allobjs),$(dir $(o)).$(notdir $(o)).d)
