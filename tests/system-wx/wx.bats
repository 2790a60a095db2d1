#!/usr/bin/env bats
# wx.bats — W^X under PAE with NX: code a module writes into its data, bss, stack or kmalloc memory
# does not run, and writes to module text, module read-only data, kernel text and the kernel's
# read-only tables (__ro_after_init and const) fault. Each attempt is a contained fault: the load
# fails naming it, and the kernel keeps working. Without NX the kernel says once that execution
# cannot be restricted (and the probe's code then really runs, which shows the probe is sound).

load ../system/lib

WX=/ramdisk/wx/wx_probe.elf

# The address of kernel symbol $1 (decimal, for the module's uint parameter).
kaddr() {
    local hex
    hex=$(nm "$ARK_BUILD/kernel/ark.elf" | awk -v s="$1" '$3 == s { print $1; exit }')
    [ -n "$hex" ] || { echo "no kernel symbol $1" >&2; return 1; }
    echo $((16#$hex))
}

# The command `strapper load $WX ARGS` ($1) failed with a contained page fault whose description
# matches ERE $2.
expect_contained() {
    command_output "strapper load $WX $1" |
        grep -Eq "^strapper: load $WX: init faulted: page fault at 0x[0-9a-f]+ in $2\$" ||
        ark_fail "$1: the load did not fail with a contained fault matching '$2'"
}

@test "code written into module data, bss, stack or kmalloc memory does not run: load fails, kernel lives" {
    ark_run "strapper load $WX what=data
strapper load $WX what=bss
strapper load $WX what=stack
strapper load $WX what=kmalloc
strapper load $WX
lsmod
echo still alive
poweroff"
    expect_status 0
    expect_contained what=data 'wx_data_code\+0x0 \(not executable\)'
    expect_contained what=bss 'wx_bss_code\+0x0 \(not executable\)'
    expect_contained what=stack '0xf8[0-9a-f]{6} called from wx_probe_init\+0x[0-9a-f]+ \(not executable\)'
    expect_contained what=kmalloc '0xf[0-7][0-9a-f]{6} called from wx_probe_init\+0x[0-9a-f]+ \(not executable\)'
    expect_output "page fault: instruction fetch (page not executable) of address" \
        "wx_probe: nothing tried" "dkm: wx_probe: loaded" "still alive"
    expect_no_output "RAN" "kernel panic"
    [ "$(command_output lsmod | grep -c '^wx_probe ')" -eq 1 ] || ark_fail "the last, harmless load is not listed"
}

@test "writes to module text and read-only data fault, contained" {
    ark_run "strapper load $WX what=text
strapper load $WX what=rodata
echo still alive
poweroff"
    expect_status 0
    expect_contained what=text 'wx_poke\+0x[0-9a-f]+'
    expect_contained what=rodata 'wx_poke\+0x[0-9a-f]+'
    [ "$(printf '%s\n' "$output" | grep -c 'page fault: write of address 0xe')" -eq 2 ] ||
        ark_fail "not two write faults in module memory"
    expect_output "still alive"
    expect_no_output "went through" "kernel panic"
}

@test "a module cannot write kernel text, the __ro_after_init tables, the kernel API or export table" {
    ark_run "strapper load $WX what=ktext
strapper load $WX what=kaddr addr=$(kaddr syscall_table)
strapper load $WX what=kaddr addr=$(kaddr idt)
strapper load $WX what=kaddr addr=$(kaddr dkm_kernel_api)
strapper load $WX what=kaddr addr=$(kaddr __ksymtab_start)
echo hi from a shell whose system calls still work
poweroff"
    expect_status 0
    expect_contained what=ktext 'wx_poke\+0x[0-9a-f]+'
    local sym
    for sym in syscall_table idt dkm_kernel_api __ksymtab_start; do
        expect_contained "what=kaddr addr=$(kaddr $sym)" "wx_poke\+0x[0-9a-f]+"
        expect_output "init faulted: page fault at $(printf '0x%x' "$(kaddr $sym)") in wx_poke"
    done
    expect_output "vmm: 4 KiB of start-up tables now read-only" "hi from a shell whose system calls still work"
    expect_no_output "went through" "kernel panic"
}

@test "kernel and user programs run normally with NX on; user processes still start and exit" {
    ark_run "echo one
ls /ramdisk/wx
cat /proc/meminfo
echo two
poweroff"
    expect_status 0
    expect_output "kernel data, heap and stacks non-executable" "one" "wx_probe.elf" "two"
    expect_no_output "no execute-disable" "kernel panic" "killed"
}

@test "a CPU without NX: booted anyway, told once; writes are still refused and the probe's code runs" {
    ark_run "strapper load $WX what=rodata
strapper load $WX what=data
echo still alive
poweroff" -- -cpu qemu32,-nx
    expect_status 0
    [ "$(printf '%s\n' "$output" | grep -c 'vmm: this CPU has no execute-disable (NX) bit: W^X cannot be enforced for execution')" -eq 1 ] ||
        ark_fail "the missing NX bit was not reported exactly once"
    expect_contained what=rodata 'wx_poke\+0x[0-9a-f]+'
    expect_output "wx_probe: data: code in writable memory RAN" "still alive"
    expect_no_output "kernel panic"
}

@test "a module's __ro_after_init data: written by init, read-only once init has returned" {
    ark_run "strapper load /ramdisk/wx/wx_seal.elf
cat /proc/wx_seal
lsmod
strapper unload wx_seal
echo still alive
poweroff"
    expect_status 0
    local at
    at=$(printf '%s\n' "$output" | sed -n 's/^wx_seal: init set the value at \(0x[0-9a-f]*\) to 2$/\1/p')
    [ -n "$at" ] || ark_fail "init could not write its __ro_after_init value"
    expect_output "wx_seal: read 1: value 2, writing it" \
        "dkm: oops: wx_seal: page fault at $at in wx_seal_show+0x" "page fault: write of address $at" \
        "dkm: wx_seal: unloaded" "still alive"
    expect_no_output "went through" "kernel panic"
    command_output lsmod | grep -Eq '^wx_seal +[0-9]+ +0 +- +Faulted ' || ark_fail "lsmod does not show wx_seal Faulted"
}

@test "user programs: code in data, bss or stack does not run and text is not writable; the process alone dies" {
    ark_run "nxprobe text-run
nxprobe data
nxprobe bss
nxprobe stack
nxprobe text
echo still alive
poweroff"
    expect_status 0
    expect_output "nxprobe: text-run: 42" "still alive"
    [ "$(printf '%s\n' "$output" | grep -Ec '^ark: pid [0-9]+ \(nxprobe\): page fault at address 0x[0-9a-f]+, eip 0x[0-9a-f]+ \(error 0x15\): killed$')" -eq 3 ] ||
        ark_fail "not three processes killed for executing data, bss and stack (error 0x15: user fetch of a present page)"
    printf '%s\n' "$output" | grep -Eq '^ark: pid [0-9]+ \(nxprobe\): page fault at address 0x004[0-9a-f]+, eip 0x004[0-9a-f]+ \(error 0x7\): killed$' ||
        ark_fail "the write into text did not kill the process with a write fault"
    expect_no_output "RAN" "went through" "kernel panic"
}

@test "a linked module with a writable and executable segment is refused with the W^X reason" {
    ark_run "strapper load /ramdisk/wx/wx_rwx.so
lsmod
echo still alive
poweroff"
    expect_status 0
    expect_output "dkm: refusing a writable and executable mapping at 0xe" \
        "strapper: load /ramdisk/wx/wx_rwx.so: needs memory that is writable and executable at once" \
        "which W^X forbids" "still alive"
    expect_no_output "wx_rwx: init ran" "out of memory" "kernel panic"
    [ -z "$(command_output lsmod | grep '^wx_rwx ')" ] || ark_fail "wx_rwx is listed"
}
