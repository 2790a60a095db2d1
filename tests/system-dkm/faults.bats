#!/usr/bin/env bats
# faults.bats — a faulty module is not a dead kernel: faults in a device read and in a timer
# callback, a kernel thread and a work item are contained (oops report, process killed, timer
# destroyed, thread ended or item dropped, module marked Faulted,
# removable, memory back), and an init using 23 KiB of stack is a contained stack overflow both
# at boot (dkm.load=, on a guarded stack) and at run time.

load helpers

@test "a NULL dereference in a device read: oops, the reader is killed, the module is Faulted and removable" {
    ark_run "cat /proc/meminfo
strapper load $DKMT/dkmt_oops.elf
cat /dev/dkmtoops
lsmod
cat /dev/dkmtoops
strapper unload dkmt_oops
ls /dev
echo still alive
cat /proc/meminfo
poweroff"
    expect_status 0
    expect_output "dkm: oops: dkmt_oops: page fault at 0x0 in dkmt_oops_read+0x" \
        "context: process pid" "dkm: dkmt_oops: marked faulted" "still alive"
    printf '%s\n' "$output" | grep -Eq '#0  0x[0-9a-f]+ dkmt_oops_read\+0x[0-9a-f]+ \[dkmt_oops\]' ||
        ark_fail "the oops backtrace does not name symbol+offset [module]"
    printf '%s\n' "$output" | grep -Eq '#[0-9]+ +0x[0-9a-f]+ dev_read\+0x[0-9a-f]+$' ||
        ark_fail "the oops backtrace does not show the kernel path"
    printf '%s\n' "$output" | grep -Eq '^ark: pid [0-9]+ \(cat\): killed: a module faulted during its system call$' ||
        ark_fail "the reading process was not killed"
    command_output "lsmod" | grep -Eq '^dkmt_oops +[0-9]+ +0 +- +Faulted ' || ark_fail "lsmod does not show Faulted"
    # The second reader gets an error, not a second oops: the module's code never runs again.
    [ "$(printf '%s\n' "$output" | grep -c 'dkm: oops:')" -eq 1 ] || ark_fail "module code ran after its fault"
    expect_output "cat: /dev/dkmtoops: Input/output error" "dkm: dkmt_oops: unloaded"
    [ "$(command_output "ls /dev" | grep -c dkmtoops)" -eq 0 ] || ark_fail "/dev/dkmtoops left behind"
    expect_no_output "kernel panic"
    expect_dkmused_at_baseline
}

@test "a NULL dereference in a timer callback: the timer is destroyed, the kernel carries on" {
    ark_run "cat /proc/meminfo
strapper load $DKMT/dkmt_tfault.elf
sleep 200
lsmod
strapper unload dkmt_tfault
sleep 50
echo still alive
cat /proc/meminfo
poweroff"
    expect_status 0
    expect_output "dkm: oops: dkmt_tfault: page fault at 0x0 in dkmt_tfault_fire+0x" \
        "context: interrupt (IRQ 0)" "timer: callback" "of module 'dkmt_tfault' faulted; timer destroyed" \
        "dkm: dkmt_tfault: unloaded" "still alive"
    # periodic every 20 ms, yet only one oops: nothing of it ran again
    [ "$(printf '%s\n' "$output" | grep -c 'dkm: oops:')" -eq 1 ] || ark_fail "the timer fired again"
    command_output "lsmod" | grep -Eq '^dkmt_tfault +[0-9]+ +0 +- +Faulted ' || ark_fail "lsmod does not show Faulted"
    expect_no_output "kernel panic"
    expect_dkmused_at_baseline
}

@test "an init using 23 KiB of stack at run time: a contained stack overflow, the load rolled back" {
    ark_run "cat /proc/meminfo
insmod $DKMT/dkmt_deep.elf
insmod $DKMT/dkmt_deep.elf kb=4
rmmod dkmt_deep
runas 1000 id
echo still alive
cat /proc/meminfo
poweroff"
    expect_status 0
    printf '%s\n' "$output" | grep -Eq "^insmod: load $DKMT/dkmt_deep.elf: init faulted: kernel stack overflow in dkmt_deep_recurse\+0x[0-9a-f]+$" ||
        ark_fail "the stack overflow is not reported as the load's error"
    expect_output "dkmt_deep: used about 4 KiB of stack" "dkm: dkmt_deep: unloaded" "uid=1000" "still alive"
    expect_no_output "kernel panic"
    expect_dkmused_at_baseline
}

@test "an init using 23 KiB of stack at boot (dkm.load=) overflows a guarded stack, not kernel data" {
    ark_run "cat /proc/meminfo
runas 1000 id
id
insmod $DKMT/dkmt_deep.elf kb=4
rmmod dkmt_deep
echo still alive
cat /proc/meminfo
poweroff" --cmdline "dkm.load=$DKMT/dkmt_deep.elf"
    expect_status 0
    printf '%s\n' "$output" | grep -Eq "^dkm: boot: $DKMT/dkmt_deep.elf: init faulted: kernel stack overflow in dkmt_deep_recurse\+0x[0-9a-f]+$" ||
        ark_fail "the boot-time stack overflow is not reported"
    expect_output "context: kernel thread" "uid=1000" "uid=0" "dkmt_deep: used about 4 KiB" "still alive"
    expect_no_output "kernel panic"
    [ "$(dkm_used_values | head -n 1)" = "0" ] || ark_fail "module memory left after the failed boot load"
    expect_dkmused_at_baseline
}

@test "a panic in interrupt context says so, and every return address is named (ret-1)" {
    ark_run "strapper load $DKMT/dkmt_tfault.elf how=panic
sleep 200
echo not reached"
    expect_status 3
    expect_output "ark: kernel panic: dkmt_tfault: panic requested" \
        "context: interrupt (IRQ 0), not the process below" "(interrupted)"
    # panic() is noreturn, so the call is the callback's last instruction: its return address
    # lies past the function's end and is named only when looked up at ret-1.
    printf '%s\n' "$output" | grep -Eq '^    #[0-9]+ +0x[0-9a-f]+ dkmt_tfault_fire\+0x[0-9a-f]+ \[dkmt_tfault\]$' ||
        ark_fail "the callback is not named in the backtrace"
    ! printf '%s\n' "$output" | grep -Eq '^    #[0-9]+ +0x[0-9a-f]+ \?$' || ark_fail "a return address printed as ?"
    expect_no_output "not reached"
}

@test "a NULL dereference in a module's kernel thread: the thread ends, the module is Faulted, the unload reaps it" {
    ark_run "cat /proc/meminfo
strapper load $DKMT/dkmt_kfault.elf
sleep 200
lsmod
strapper unload dkmt_kfault
echo still alive
cat /proc/meminfo
poweroff"
    expect_status 0
    expect_output "dkm: oops: dkmt_kfault: page fault at 0x0 in dkmt_kfault_thread+0x" \
        "context: kernel thread" "dkm: dkmt_kfault: marked faulted" \
        "kthread: [kfault] of module 'dkmt_kfault' faulted; thread stopped" \
        "dkm: dkmt_kfault: unloaded" "still alive"
    [ "$(printf '%s\n' "$output" | grep -c 'dkm: oops:')" -eq 1 ] || ark_fail "more than one oops"
    command_output "lsmod" | grep -Eq '^dkmt_kfault +[0-9]+ +0 +- +Faulted ' || ark_fail "lsmod does not show Faulted"
    expect_no_output "kernel panic"
    expect_dkmused_at_baseline
}

@test "a NULL dereference in a module's work item: the item is dropped, [kworker] carries on" {
    ark_run "strapper load $DKMT/dkmt_kfault.elf how=work
sleep 100
lsmod
strapper unload dkmt_kfault
strapper load $DKMT/dkmt_kfault.elf how=work
sleep 100
strapper unload dkmt_kfault
echo still alive
poweroff"
    expect_status 0
    expect_output "dkm: oops: dkmt_kfault: page fault at 0x0 in dkmt_kfault_work+0x" \
        "context: kernel thread" "workqueue: work item" "of module 'dkmt_kfault' faulted; dropped" \
        "dkm: dkmt_kfault: unloaded" "still alive"
    command_output "lsmod" | grep -Eq '^dkmt_kfault +[0-9]+ +0 +- +Faulted ' || ark_fail "lsmod does not show Faulted"
    # The second load's item ran (and faulted) too: [kworker] survived the first fault.
    [ "$(printf '%s\n' "$output" | grep -c 'dkm: oops:')" -eq 2 ] || ark_fail "[kworker] did not run the next item"
    expect_no_output "kernel panic"
}
