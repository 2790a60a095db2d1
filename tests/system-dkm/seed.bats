#!/usr/bin/env bats
# seed.bats — the seed README's commands work as written (strapper load/list/unload), parameters,
# `strapper info`, and the kmod names insmod/lsmod/rmmod/modinfo/modprobe.

load helpers

@test "seed: strapper load, list and unload" {
    ark_run "strapper load $DKMT/dkmt_core.elf
strapper list
strapper unload dkmt_core
strapper list
poweroff"
    expect_status 0
    expect_output "Module  Size  Used by"
    [ "$(command_output "strapper list" | grep -c '^dkmt_core ')" -eq 1 ] ||
        ark_fail "the first list does not show dkmt_core"
    # The second list (after the unload) must not show it: count over the whole transcript.
    [ "$(printf '%s\n' "$output" | grep -c '^dkmt_core .* Live 0x')" -eq 1 ] ||
        ark_fail "dkmt_core is listed after its unload"
    expect_no_output "strapper:"
    expect_output "dkm: dkmt_core: loaded" "dkm: dkmt_core: unloaded" "dkmt_core: init" "dkmt_core: exit"
}

@test "load with parameters: int, bool, string with a blank, array; readable in /proc and info" {
    ark_run "strapper load $DKMT/dkmt_params.elf count=7 loud=y \"greeting=hi there\" ports=1,2,3
cat /proc/dkm/dkmt_params/parameters/count
cat /proc/dkm/dkmt_params/parameters/greeting
echo 9 > /proc/dkm/dkmt_params/parameters/count
cat /proc/dkm/dkmt_params/parameters/count
strapper info dkmt_params
strapper unload dkmt_params
cat /proc/dkm/dkmt_params/parameters/count
strapper load $DKMT/dkmt_params.elf nosuch=1
strapper load $DKMT/dkmt_params.elf count=notanumber
poweroff"
    expect_status 0
    expect_output "dkmt_params: count=7 loud=1 greeting=hi there nports=3 ports=1,2,3"
    [ "$(command_output "cat /proc/dkm/dkmt_params/parameters/count" | head -n 1)" = 7 ] ||
        ark_fail "parameter file does not read 7"
    expect_line 9   # written through /proc/dkm/dkmt_params/parameters/count
    expect_output "parm: count:how many (int)" "version: 0.3" "license: MIT"
    expect_output "strapper: load $DKMT/dkmt_params.elf:"
    printf '%s\n' "$output" | grep -q "strapper: load $DKMT/dkmt_params.elf: .*nosuch" ||
        ark_fail "unknown parameter not named"
    printf '%s\n' "$output" | grep -q "strapper: load $DKMT/dkmt_params.elf: .*count" ||
        ark_fail "bad value's parameter not named"
}

@test "strapper info PATH reads .modinfo from the file; errors are specific" {
    ark_run "strapper info $DKMT/dkmt_mid.elf
strapper info /ramdisk/nonexistent.elf
strapper info /bin/sh
strapper frobnicate
strapper unload nosuchmodule
poweroff"
    expect_status 0
    expect_output "filename: $DKMT/dkmt_mid.elf" "name: dkmt_mid" "depends: dkmt_core>=1.1" "abi: 1.0"
    expect_output "strapper: info /ramdisk/nonexistent.elf: no such file"
    expect_output "strapper: unknown command 'frobnicate'"
    expect_output "strapper: unload nosuchmodule: module 'nosuchmodule' is not loaded"
    expect_no_output "failed"
}

@test "kmod names: insmod, lsmod, modinfo, rmmod, modprobe" {
    ark_run "insmod $DKMT/dkmt_params.elf count=3
lsmod
modinfo dkmt_params
rmmod dkmt_params
modprobe dkmt_top
lsmod
modprobe -r dkmt_top
lsmod
poweroff"
    expect_status 0
    expect_output "dkmt_params: count=3" "Module  Size  Used by" "name: dkmt_params"
    expect_output "dkm: dkmt_params: unloaded"
    expect_output "dkm: dkmt_core: unloaded" "dkm: dkmt_mid: unloaded" "dkm: dkmt_top: unloaded"
    expect_no_output "insmod:" "rmmod:" "modprobe:" "lsmod:"
}
