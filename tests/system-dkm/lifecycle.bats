#!/usr/bin/env bats
# lifecycle.bats — dependencies and the "in use by" refusal, failing init rollback, memory coming
# back exactly (500 cycles), no stale bytes in reused module memory, 100 modules at once, open
# devices pinning their module, and the sweep of what a module's exit left registered.

load helpers

@test "dependency chain: load order, in-use refusal, unload order, /proc/modules" {
    ark_run "strapper load $DKMT/dkmt_top.elf
strapper load $DKMT/dkmt_core.elf
strapper load $DKMT/dkmt_mid.elf
strapper load $DKMT/dkmt_top.elf
strapper list
cat /proc/modules
strapper unload dkmt_core
strapper unload dkmt_mid
strapper unload dkmt_top
strapper unload dkmt_mid
strapper unload dkmt_core
strapper list
poweroff"
    expect_status 0
    # Loading the top first fails naming what it lacks. Lines may end in taint letters, " (PE)".
    expect_output "strapper: load $DKMT/dkmt_top.elf: unresolved symbol: 'dkmt_mid_value'"
    expect_output "dkmt_mid: init, core says 40" "dkmt_top: init, chain says 41"
    expect_output "strapper: unload dkmt_core: module 'dkmt_core' is in use by: dkmt_mid"
    expect_output "strapper: unload dkmt_mid: module 'dkmt_mid' is in use by: dkmt_top"
    printf '%s\n' "$output" | grep -Eq '^dkmt_core [0-9]+ 1 dkmt_mid Live 0x[0-9a-f]+( \([A-Z]+\))?$' ||
        ark_fail "/proc/modules line for dkmt_core not in Linux format"
    printf '%s\n' "$output" | grep -Eq '^dkmt_top [0-9]+ 0 - Live 0x[0-9a-f]+( \([A-Z]+\))?$' ||
        ark_fail "/proc/modules line for dkmt_top not in Linux format"
    # exits ran top first
    local order
    order=$(printf '%s\n' "$output" | grep -o 'dkmt_[a-z]*: exit' | tr '\n' ' ')
    [ "$order" = "dkmt_top: exit dkmt_mid: exit dkmt_core: exit " ] || ark_fail "exit order: $order"
}

@test "a version constraint on a dependency is checked" {
    ark_run "strapper load $DKMT/dkmt_mid.elf
poweroff"
    expect_status 0
    printf '%s\n' "$output" | grep -q "strapper: load $DKMT/dkmt_mid.elf: .*dkmt_core" ||
        ark_fail "missing dependency not named"
}

@test "a failing init rolls back: error reported, DkmUsed back to baseline, nothing left registered" {
    ark_run "cat /proc/meminfo
strapper load $DKMT/dkmt_fail.elf
sleep 100
cat /dev/dkmtfail
cat /proc/dkmtfail
strapper list
cat /proc/meminfo
poweroff"
    expect_status 0
    expect_output "dkmt_fail: init failing on purpose"
    printf '%s\n' "$output" | grep -q "strapper: load $DKMT/dkmt_fail.elf: .*init" ||
        ark_fail "the init failure is not reported"
    expect_dkmused_at_baseline
    [ "$(command_output "strapper list" | grep -c dkmt_fail)" -eq 0 ] || ark_fail "dkmt_fail listed"
    [ "$(command_output "cat /proc/dkmtfail" | grep -c '^0$')" -eq 0 ] || ark_fail "/proc/dkmtfail still there"
}

@test "500 load/unload cycles leave DkmUsed exactly at its baseline" {
    ARK_TIMEOUT=600 ark_run "cat /proc/meminfo
dkmtest stress $DKMT/dkmt_params.elf dkmt_params 500
cat /proc/meminfo
poweroff"
    expect_status 0
    printf '%s\n' "$output" | grep -Eq 'dkmtest: 500 cycles in [0-9]+ ms; DkmUsed before=([0-9]+) after=\1; DkmMeta before=([0-9]+) after=\2$' ||
        ark_fail "DkmUsed moved during the cycles"
    expect_dkmused_at_baseline
}

@test "module memory never holds what an earlier module left: 3 loads on the same pages read zeroes" {
    ark_run "strapper load $DKMT/dkmt_stale.elf
strapper unload dkmt_stale
strapper load $DKMT/dkmt_stale.elf
strapper unload dkmt_stale
strapper load $DKMT/dkmt_stale.elf
strapper unload dkmt_stale
poweroff"
    expect_status 0
    local clean
    clean=$(printf '%s
' "$output" | grep -c '^dkmt_stale: 0 stale bytes$' || true)
    [ "$clean" = 3 ] || ark_fail "expected 3 clean loads, got $clean: $(printf '%s
' "$output" | grep 'dkmt_stale:')"
}

@test "100 modules loaded at once, listed, then all unloaded" {
    local args=() i
    for i in $(seq -f '%03g' 1 100); do
        args+=(--file "$ARK_BUILD/tests/system-dkm/dkmt_many.elf:/ramdisk/many/m$i.elf")
    done
    ARK_TIMEOUT=300 ark_run "cat /proc/meminfo
dkmtest loaddir /ramdisk/many
strapper list
dkmtest unloaddir /ramdisk/many
cat /proc/meminfo
poweroff" "${args[@]}"
    expect_status 0
    expect_output "dkmtest: loaded 100 modules; 100 loaded now" "dkmtest: unloaded 100 modules; 0 loaded now"
    [ "$(command_output "strapper list" | grep -c '^m[0-9][0-9][0-9] ')" -eq 100 ] ||
        ark_fail "strapper list does not show 100 modules"
    expect_dkmused_at_baseline
}

@test "unload is refused while the module's device is open, allowed after close" {
    ark_run "strapper load $DKMT/dkmt_dev.elf
dkmtest hold /dev/dkmtdev strapper unload dkmt_dev
dkmtest hold /dev/dkmtdev strapper unload -f dkmt_dev
strapper unload dkmt_dev
strapper list
poweroff"
    expect_status 0
    expect_output "dkmtest: holding /dev/dkmtdev open"
    expect_output "strapper: unload dkmt_dev: module 'dkmt_dev' is in use: 1 open file"
    expect_output "dkm: dkmt_dev: unloaded"
    [ "$(printf '%s\n' "$output" | grep -c 'dkm: dkmt_dev: unloaded')" -eq 1 ] || ark_fail "unloaded twice?"
}

@test "what a sloppy module's exit leaves registered is removed at unload, with a warning" {
    ark_run "strapper load $DKMT/dkmt_sloppy.elf
cat /dev/dkmtsloppy
cat /proc/dkmtsloppy
strapper unload dkmt_sloppy
sleep 100
cat /dev/dkmtsloppy
cat /proc/dkmtsloppy
echo still alive
poweroff"
    expect_status 0
    expect_output "dkm: dkmt_sloppy: removed 4 objects the module left registered" "still alive"
    [ "$(printf '%s\n' "$output" | grep -c '^s$')" -eq 1 ] || ark_fail "device read wrong count of times"
}

@test "a NULL dereference in init fails the load naming the fault; rolled back, shell lives" {
    ark_run "cat /proc/meminfo
strapper load $DKMT/dkmt_crash.elf what=null
strapper list
echo still alive
cat /proc/meminfo
poweroff"
    expect_status 0
    printf '%s\n' "$output" | grep -Eq "^strapper: load $DKMT/dkmt_crash.elf: init faulted: page fault at 0x0 in dkmt_crash_here\+0x[0-9a-f]+$" ||
        ark_fail "the load error does not name the fault and where"
    printf '%s\n' "$output" | grep -Eq '#0  0x[0-9a-f]+ dkmt_crash_here\+0x[0-9a-f]+ \[dkmt_crash\]' ||
        ark_fail "the oops backtrace does not name symbol+offset [module]"
    expect_output "context: process" "still alive"
    expect_no_output "kernel panic" "dkm: dkmt_crash: loaded"
    [ "$(command_output "strapper list" | grep -c dkmt_crash)" -eq 0 ] || ark_fail "dkmt_crash listed"
    expect_dkmused_at_baseline
}

@test "a write into the module's own rodata faults: load fails naming the address, rolled back" {
    ark_run "cat /proc/meminfo
strapper load $DKMT/dkmt_crash.elf what=rodata
echo still alive
cat /proc/meminfo
poweroff"
    expect_status 0
    printf '%s\n' "$output" | grep -Eq "^strapper: load $DKMT/dkmt_crash.elf: init faulted: page fault at 0xe[0-9a-f]{7} in dkmt_crash_here\+0x[0-9a-f]+$" ||
        ark_fail "the write into rodata did not fault in dkmt_crash_here"
    expect_output "page fault: write of address" "still alive"
    expect_no_output "dkm: dkmt_crash: loaded" "kernel panic"
    expect_dkmused_at_baseline
}

@test "unload -f overrides a dependent module, with a warning" {
    ark_run "strapper load $DKMT/dkmt_core.elf
strapper load $DKMT/dkmt_mid.elf
strapper unload -f dkmt_core
strapper list
poweroff"
    expect_status 0
    expect_output "dkm: dkmt_core: forced unload while 1 module depends on it" "dkm: dkmt_core: unloaded"
    [ "$(command_output "strapper list" | grep -Ec '^dkmt_(core|mid) ')" -eq 1 ] || ark_fail "wrong modules left"
}

@test "init-only code and data are freed once init succeeded" {
    ark_run "cat /proc/meminfo
strapper load $DKMT/dkmt_initsec.elf
cat /proc/meminfo
poweroff"
    expect_status 0
    expect_output "dkmt_initsec: checksum 17"
    local values before after
    values=$(dkm_used_values)
    before=$(printf '%s\n' "$values" | head -n 1)
    after=$(printf '%s\n' "$values" | tail -n 1)
    [ $((after - before)) -gt 0 ] && [ $((after - before)) -lt 65536 ] ||
        ark_fail "DkmUsed grew by $((after - before)) bytes: the 64 KiB of init data was kept"
}
