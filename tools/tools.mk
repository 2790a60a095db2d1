# tools/tools.mk — the ramdisk image. Every fragment appends HOST:GUEST entries to RAMDISK_FILES;
# secondary expansion lets entries added by fragments included after this one count too. The list
# itself is a prerequisite (through $(RAMDISK_LIST)) so that removing an entry rebuilds the image.

RAMDISK      := $(BUILD)/ramdisk.tar
RAMDISK_LIST := $(BUILD)/ramdisk.list

ramdisk_hosts = $(foreach e,$(RAMDISK_FILES),$(firstword $(subst :, ,$(e))))

.SECONDEXPANSION:
$(RAMDISK): tools/mkramdisk $(RAMDISK_LIST) $$(call ramdisk_hosts)
	tools/mkramdisk $@ $(RAMDISK_FILES)

# Rewritten only when the list of entries changes.
$(RAMDISK_LIST): FORCE
	@mkdir -p $(@D)
	@printf '%s\n' $(RAMDISK_FILES) >$@.tmp
	@if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv $@.tmp $@; fi

.PHONY: FORCE ramdisk
FORCE:
ramdisk: $(RAMDISK)

ALL_TARGETS += $(RAMDISK)
