# mk/kbuild.mk — out-of-tree modules, the kbuild way: `make -C /path/to/ark M=$PWD` reads obj-m
# (and NAME-objs / NAME-y for multi-object modules) from $(M)/Kbuild or $(M)/Makefile and builds
# $(M)/NAME.elf with tools/ark-gcc. `... M=$PWD clean` removes what it built. Needs nothing else of
# the ark build: only the headers and ark-gcc.

ARK_ROOT := $(abspath $(dir $(lastword $(MAKEFILE_LIST)))/..)
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

.DEFAULT_GOAL := modules
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

# NAME.o in obj-m -> NAME.elf; its objects are NAME-objs (or NAME-y), else NAME.o itself.
kb_names   := $(patsubst %.o,%,$(obj-m))
kb_objs_of  = $(or $(strip $($(1)-objs) $($(1)-y)),$(1).o)
kb_modules := $(foreach n,$(kb_names),$(KBUILD_DIR)/$(n).elf)
kb_allobjs := $(sort $(foreach n,$(kb_names),$(addprefix $(KBUILD_DIR)/,$(call kb_objs_of,$(n)))))
kb_cflags   = $(ccflags-y) $(EXTRA_CFLAGS) $(CFLAGS_$(notdir $@))
kb_depfile  = $(dir $@).$(notdir $@).d

.PHONY: modules clean help
modules: $(kb_modules)

define kb_module_rule
$(KBUILD_DIR)/$(1).elf: $(addprefix $(KBUILD_DIR)/,$(call kb_objs_of,$(1))) $(ARK_GCC)
	$(kb_say) "  LD [M]  $$@"
	$(kb_q)$(ARK_GCC) $(ldflags-y) -o $$@ $$(filter %.o,$$^)
endef
$(foreach n,$(kb_names),$(eval $(call kb_module_rule,$(n))))

$(KBUILD_DIR)/%.o: $(KBUILD_DIR)/%.c $(ARK_GCC)
	$(kb_say) "  CC [M]  $@"
	$(kb_q)$(ARK_GCC) $(kb_cflags) -MMD -MP -MF $(kb_depfile) -c $< -o $@

$(KBUILD_DIR)/%.o: $(KBUILD_DIR)/%.S $(ARK_GCC)
	$(kb_say) "  AS [M]  $@"
	$(kb_q)$(ARK_GCC) $(kb_cflags) -MMD -MP -MF $(kb_depfile) -c $< -o $@

clean:
	$(kb_say) "  CLEAN   $(KBUILD_DIR)"
	$(kb_q)rm -f $(kb_modules) $(kb_allobjs) \
		$(foreach o,$(kb_allobjs),$(dir $(o)).$(notdir $(o)).d)

help:
	@echo "make -C $(ARK_ROOT) M=DIR [modules|clean] [V=1]"
	@echo "  builds DIR/NAME.elf for each NAME.o in obj-m (objects: NAME-objs or NAME-y)"

-include $(foreach o,$(kb_allobjs),$(dir $(o)).$(notdir $(o)).d)
