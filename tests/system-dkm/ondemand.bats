#!/usr/bin/env bats
# ondemand.bats — modules loaded at boot (dkm.load=), on demand through an alias when a device is
# first opened, and by strapper probe through the ramdisk's module index.

load helpers

@test "dkm.load= on the kernel command line loads modules at boot, in order" {
    ark_run "strapper list
dmesg
poweroff" --cmdline "dkm.load=$DKMT/dkmt_core.elf,$DKMT/dkmt_mid.elf"
    expect_status 0
    [ "$(command_output "strapper list" | grep -Ec '^dkmt_(core|mid) ')" -eq 2 ] ||
        ark_fail "boot-time modules not listed"
    printf '%s\n' "$output" | grep -Eq 'dkm: dkmt_core: loaded in [0-9]+ us' || ark_fail "no load time"
    printf '%s\n' "$output" | grep -Eq 'dkm: dkmt_mid: sections .*\.text=0x' || ark_fail "no section addresses"
}

@test "opening an absent device loads the module whose alias is dev:NAME" {
    ark_run "strapper list
cat /dev/dkmtdev
strapper list
poweroff"
    expect_status 0
    expect_output "dkmt_dev says hi"
    [ "$(printf '%s\n' "$output" | grep -Ec '^dkmt_dev +[0-9]+ +0 ')" -eq 1 ] || ark_fail "dkmt_dev not listed once"
}

@test "strapper probe loads dependencies in order; probe -r removes the unused ones" {
    ark_run "strapper probe -v dkmt_top
strapper list
strapper probe -r -v dkmt_top
strapper list
strapper probe dev:dkmtdev
strapper probe nosuchthing
poweroff"
    expect_status 0
    local order
    order=$(printf '%s\n' "$output" | grep -o 'dkmt_[a-z]*: init' | tr '\n' ' ')
    [ "$order" = "dkmt_core: init dkmt_mid: init dkmt_top: init " ] || ark_fail "init order: $order"
    expect_output "dkm: dkmt_top: unloaded" "dkm: dkmt_mid: unloaded" "dkm: dkmt_core: unloaded"
    expect_output "dkmt_dev: registered /dev/dkmtdev"
    expect_output "strapper: probe nosuchthing: no module or alias 'nosuchthing' in the module index"
}

@test "dkm.load= keeps booting past modules that fail, and loads the rest" {
    ark_run "strapper list
poweroff" --cmdline "dkm.load=$DKMT/dkmt_fail.elf,/ramdisk/nope.elf,$DKMT/dkmt_core.elf"
    expect_status 0
    expect_output "dkm: boot: $DKMT/dkmt_fail.elf: " "dkm: boot: /ramdisk/nope.elf: no such file"
    [ "$(command_output "strapper list" | grep -Ec '^dkmt_core ')" -eq 1 ] || ark_fail "dkmt_core not loaded"
}
