# kernel/dkm/dkm.mk — the kernel's DKM glue (kernel/dkm/*.c), strapper's kmod names, and the
# ramdisk's module index (modules.dep, modules.alias, modules.sha256) built by the host tool mkindex
# from every ramdisk entry whose guest path ends in .elf or .ko.

KERNEL_SRCS += $(sort $(wildcard kernel/dkm/*.c))
# The module index parser (lib/modindex.c) and the module file reader (lib/elfinfo.c) are shared
# with strapper and the host tools; kernel.mk compiles every lib/ source.

DKM_BUILD   := $(BUILD)/dkm
MKINDEX     := $(DKM_BUILD)/mkindex
DKM_STRAPPER := $(BUILD)/user/bin/strapper

$(MKINDEX): tools/mkindex/mkindex.c lib/elfinfo.c include/ark/elfinfo.h \
            lib/crypto/sha256.c lib/crypto/crypto.h libdkm/include/dkm/modsig.h
	@mkdir -p $(@D)
	$(HOSTCC) $(HOST64_CFLAGS) -Iinclude -Ilib/crypto -o $@ tools/mkindex/mkindex.c \
	    lib/elfinfo.c lib/crypto/sha256.c

# strapper answers to the kmod names too: it looks at the name it was started as.
RAMDISK_FILES += $(foreach n,insmod rmmod lsmod modinfo modprobe,$(DKM_STRAPPER):bin/$(n))
RAMDISK_FILES += $(DKM_BUILD)/modules.dep:modules.dep $(DKM_BUILD)/modules.alias:modules.alias \
                 $(DKM_BUILD)/modules.sha256:modules.sha256
ALL_TARGETS   += $(MKINDEX)

# Every .elf entry of the ramdisk, as HOST:GUEST; expanded late so that fragments included after
# this one (modules/, tests/) count too.
dkm_index_entries = $(filter %.elf %.ko,$(RAMDISK_FILES))
dkm_index_hosts   = $(foreach e,$(dkm_index_entries),$(firstword $(subst :, ,$(e))))

.SECONDEXPANSION:
$(DKM_BUILD)/modules.dep $(DKM_BUILD)/modules.alias $(DKM_BUILD)/modules.sha256 &: $(MKINDEX) $(BUILD)/ramdisk.list $$(dkm_index_hosts)
	@mkdir -p $(DKM_BUILD)
	$(MKINDEX) $(DKM_BUILD) $(dkm_index_entries)
