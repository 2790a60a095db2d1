# tests/system/system.mk — QEMU system tests (bats). system-boot boots the real kernel and checks
# the shell, programs, /proc, bad input and the panic path; ark-run tests the launcher alone with a
# tiny stand-in kernel.

SYSTEM_TEST_BUILD := $(BUILD)/tests/system
SYSTEM_FAKE_KERNEL := $(SYSTEM_TEST_BUILD)/fake-kernel.elf

$(SYSTEM_FAKE_KERNEL): tests/system/fixtures/fake-kernel.S
	@mkdir -p $(@D)
	$(CC) -m32 -c $< -o $(@:.elf=.o)
	$(LD) -m elf_i386 -Ttext 0x100000 -o $@ $(@:.elf=.o)

TEST_SUITES += system-boot ark-run

SYSTEM_BOOT_TESTS := tests/system/boot.bats tests/system/shell.bats tests/system/badinput.bats \
                     tests/system/jobs.bats \
                     tests/system/console.bats

tap-system-boot: $(BUILD)/kernel/ark.elf $(BUILD)/ramdisk.tar $(USER_BINS)
	@tools/tap-run $(TEST_RESULTS) system-boot --timeout 1500 -- bats --tap $(SYSTEM_BOOT_TESTS)

tap-ark-run: $(SYSTEM_FAKE_KERNEL)
	@tools/tap-run $(TEST_RESULTS) ark-run --timeout 300 -- bats --tap tests/system/launcher.bats \
	    tests/system/helpers.bats
