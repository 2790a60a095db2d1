# tests/system-wx/system-wx.mk — suite `system-wx`: bats tests under QEMU of W^X with PAE and NX:
# module data, bss, stack and kmalloc memory do not execute, module text and read-only data, the
# kernel's text and its __ro_after_init tables are not writable; each attempt is a contained fault.
# Its module (tests/system-wx/mods) is built with plain gcc -c + ld -r, signed, and ships in the
# ramdisk under /ramdisk/wx/.

WX_BUILD  := $(BUILD)/tests/system-wx
WX_CFLAGS := -m32 -std=gnu11 -O2 -ffreestanding -fno-pic -fno-pie -fno-stack-protector \
             -mno-sse -mno-mmx -mno-80387 -fno-builtin $(WARN) -Iinclude
WX_ELFS   := $(WX_BUILD)/wx_probe.elf $(WX_BUILD)/wx_seal.elf

$(WX_BUILD)/%.o: tests/system-wx/mods/%.c $(wildcard include/ark/*.h) tests/system-wx/system-wx.mk
	@mkdir -p $(@D)
	$(CC) $(WX_CFLAGS) -c $< -o $@

$(WX_BUILD)/%.elf: $(WX_BUILD)/%.o $(SIGN_DEPS)
	$(LD) -m elf_i386 -r -o $@.tmp $<
	tools/ark-sign $@.tmp && mv $@.tmp $@

RAMDISK_FILES += $(foreach e,$(WX_ELFS),$(e):wx/$(notdir $(e)))
ALL_TARGETS   += $(WX_ELFS)

TEST_SUITES += system-wx

.PHONY: tap-system-wx
tap-system-wx: $(BUILD)/kernel/ark.elf $(BUILD)/ramdisk.tar
	@ARK_BUILD=$(abspath $(BUILD)) tools/tap-run $(TEST_RESULTS) system-wx --timeout 900 -- \
	    bats --tap tests/system-wx
.SECONDARY: $(WX_ELFS:.elf=.o)

# A linked module (ET_DYN) whose one PT_LOAD segment is RWX (ld -N): the kernel refuses to map it.
$(WX_BUILD)/wx_rwx.so: tests/system-wx/mods/wx_rwx.c $(wildcard include/ark/*.h) $(SIGN_DEPS)
	@mkdir -p $(@D)
	$(CC) -m32 -O2 -fPIC -ffreestanding -fno-stack-protector -fno-builtin $(WARN) -Iinclude \
	    -nostdlib -shared -Wl,-N -Wl,--no-warn-rwx-segments -o $@.tmp $<
	tools/ark-sign $@.tmp && mv $@.tmp $@

RAMDISK_FILES += $(WX_BUILD)/wx_rwx.so:wx/wx_rwx.so
ALL_TARGETS   += $(WX_BUILD)/wx_rwx.so
