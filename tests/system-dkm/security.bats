#!/usr/bin/env bats
# security.bats — only root may use the module system, lockdown is one-way, incompatible ABIs are
# refused, every user pointer is checked, and malformed module files are rejected specifically.

load helpers

@test "a non-root load and unload get EPERM; a non-root list works without addresses" {
    ark_run "strapper load $DKMT/dkmt_core.elf
runas 1000 strapper load $DKMT/dkmt_params.elf
runas 1000 strapper unload dkmt_core
runas 1000 strapper list
strapper list
poweroff"
    expect_status 0
    expect_output "strapper: load $DKMT/dkmt_params.elf: permission denied"
    expect_output "strapper: unload dkmt_core: permission denied"
    expect_no_output "strapper: list: permission denied"
    expect_no_output "dkmt_params: count="
    command_output "runas 1000 strapper list" | grep -Eq '^dkmt_core .* 0x00000000( \([A-Z]+\))?$' ||
        ark_fail "a non-root list shows the module with address 0"
    command_output "strapper list" | grep -q '^dkmt_core .* 0xe' || ark_fail "root sees the address"
}

@test "lockdown: echo 1 > /proc/sys/dkm/disabled stops loads and unloads until reboot" {
    ark_run "strapper load $DKMT/dkmt_core.elf
echo 1 > /proc/sys/dkm/disabled
cat /proc/sys/dkm/disabled
strapper load $DKMT/dkmt_params.elf
strapper unload dkmt_core
echo 0 > /proc/sys/dkm/disabled
cat /proc/sys/dkm/disabled
strapper list
poweroff"
    expect_status 0
    expect_output "strapper: load $DKMT/dkmt_params.elf: module loading disabled (lockdown)"
    expect_output "strapper: unload dkmt_core: module unloading disabled (lockdown)"
    [ "$(command_output "strapper list" | grep -c '^dkmt_core ')" -eq 1 ] || ark_fail "dkmt_core gone"
    [ "$(printf '%s\n' "$output" | grep -c '^1$')" -eq 2 ] || ark_fail "lockdown switch did not stay at 1"
}

@test "ABI: an incompatible module is refused naming both versions; one without a record warns" {
    ark_run "strapper load $DKMT/dkmt_abi2.elf
strapper load $DKMT/dkmt_noabi.elf
strapper list
dmesg
poweroff"
    expect_status 0
    expect_output "strapper: load $DKMT/dkmt_abi2.elf: " "built for ark ABI 2.0, kernel provides 1.0"
    [ "$(command_output "strapper list" | grep -c '^dkmt_noabi ')" -eq 1 ] || ark_fail "dkmt_noabi not loaded"
    expect_output "dkm: dkmt_noabi: no ABI record"
}

@test "a bad user pointer to each SYS_DKM_* call returns EFAULT" {
    ark_run "dkmtest badptr
badptr --dkm-only
echo still alive
poweroff"
    expect_status 0
    expect_output "dkmtest: 0 of 14 bad-pointer calls did not return EFAULT" "still alive"
    expect_no_output "UNEXPECTED"
}

@test "garbage and truncated module files get specific errors and the system keeps running" {
    local tmp=$BATS_TEST_TMPDIR
    head -c 3000 /dev/urandom >"$tmp/garbage.elf"
    head -c 100 "$ARK_BUILD/tests/system-dkm/dkmt_core.elf" >"$tmp/trunc.elf"
    printf 'This is a plain text file, long enough to hold an ELF header, but not a module.\n' >"$tmp/text.elf"
    ark_run "strapper load /ramdisk/garbage.elf
strapper load /ramdisk/trunc.elf
strapper load /ramdisk/text.elf
strapper info /ramdisk/text.elf
strapper load /ramdisk/nonexistent.elf
strapper load $DKMT/dkmt_unres.elf
strapper load $DKMT/dkmt_core.elf
strapper list
poweroff" --file "$tmp/garbage.elf:/ramdisk/garbage.elf" --file "$tmp/trunc.elf:/ramdisk/trunc.elf" \
        --file "$tmp/text.elf:/ramdisk/text.elf"
    expect_status 0
    expect_output "strapper: load /ramdisk/text.elf: not an ELF file" "strapper: info /ramdisk/text.elf: not an ELF file"
    expect_output "strapper: load /ramdisk/garbage.elf: "
    expect_output "strapper: load /ramdisk/trunc.elf: "
    expect_output "strapper: load /ramdisk/nonexistent.elf: "
    expect_output "unresolved symbols: " "'dkmt_no_such_function'" "'dkmt_nor_this_one'"
    [ "$(command_output "strapper list" | grep -c '^dkmt_core ')" -eq 1 ] || ark_fail "loading stopped working"
    expect_no_output "failed$"
}
