# tests/system-dkm/system-dkm.mk — suite `system-dkm`: bats tests of modules inside ark under QEMU
# (strapper and the kmod names, SYS_DKM_*, memory reclamation, dependencies, ABI checks,
# permissions, lockdown, boot-time and on-demand loading). Its own small test modules
# (tests/system-dkm/mods/*.c) are built with plain gcc -c + ld -r and shipped in the ramdisk
# under /ramdisk/dkmt/.

DKMT_BUILD  := $(BUILD)/tests/system-dkm
DKMT_NAMES  := $(sort $(basename $(notdir $(wildcard tests/system-dkm/mods/*.c))))
DKMT_ELFS   := $(addprefix $(DKMT_BUILD)/,$(addsuffix .elf,$(DKMT_NAMES)))
DKMT_CFLAGS := -m32 -std=gnu11 -O2 -ffreestanding -fno-pic -fno-pie -fno-stack-protector \
               -mno-sse -mno-mmx -mno-80387 -fno-builtin $(WARN) -Iinclude

$(DKMT_BUILD)/%.o: tests/system-dkm/mods/%.c $(wildcard include/ark/*.h) tests/system-dkm/system-dkm.mk
	@mkdir -p $(@D)
	$(CC) $(DKMT_CFLAGS) -c $< -o $@

$(DKMT_BUILD)/%.elf: $(DKMT_BUILD)/%.o $(INTREE_OBJ)
	$(LD) -m elf_i386 -r -o $@ $^

RAMDISK_FILES += $(foreach n,$(DKMT_NAMES),$(DKMT_BUILD)/$(n).elf:dkmt/$(n).elf)
ALL_TARGETS   += $(DKMT_ELFS)

TEST_SUITES += system-dkm

.PHONY: tap-system-dkm
tap-system-dkm: $(BUILD)/kernel/ark.elf $(BUILD)/ramdisk.tar
	@ARK_BUILD=$(abspath $(BUILD)) tools/tap-run $(TEST_RESULTS) system-dkm --timeout 1800 -- \
	    bats --tap tests/system-dkm
.SECONDARY: $(DKMT_ELFS:.elf=.o)

# Hostile modules from the fixtures (hostile.bats): each once crashed the kernel at insmod.
DKMT_HOSTILE := $(FIXTURES_BUILD)/gcc-nopic/param_initdata.o:dkmt/param_initdata.o \
                $(FIXTURES_BUILD)/gcc-pic/param_const.so:dkmt/param_const.so \
                $(FIXTURES_BUILD)/gcc-pic/dyn_badrel.so:dkmt/dyn_badrel.so \
                $(FIXTURES_BUILD)/gcc-nopic/execstack.o:dkmt/execstack.o
RAMDISK_FILES += $(DKMT_HOSTILE)
