#!/usr/bin/env bats
# System tests of every example module (modules/): each boots ark under QEMU, drives the module
# through strapper and the files it provides, and checks what ark printed.

load ../system/lib

MODTEST=${MODTEST:-$ARK_BUILD/tests/modules/modtest}

# Values of every "KEY: N" line of the output, in order (e.g. DkmUsed from /proc/meminfo).
values_of() {
    printf '%s\n' "$output" | sed -n "s/^$1:[[:space:]]*\([0-9]*\).*/\1/p"
}

# The output between two lines reading exactly $1 and $2 (markers printed with echo).
between() {
    printf '%s\n' "$output" | awk -v a="$1" -v b="$2" '$0 == b { on = 0 } on { print } $0 == a { on = 1 }'
}

@test "sample_module: the seed's load, list and unload, in API and standalone mode" {
    ark_run "strapper load /ramdisk/sample_module.elf
strapper load /ramdisk/sample_standalone.elf
strapper list
dmesg
strapper unload sample_module
strapper unload sample_standalone
echo AFTER
strapper list
poweroff"
    expect_status 0
    expect_output "Module loaded!" "sample_module: kernel ABI 1.0"
    local listing
    listing=$(command_output "strapper list")
    [[ "$listing" == *"Module"*"Size"*"Used by"* ]] || ark_fail "no lsmod header"
    grep -q '^sample_module ' <<<"$listing" || ark_fail "sample_module not listed"
    grep -q '^sample_standalone ' <<<"$listing" || ark_fail "sample_standalone not listed"
    between "AFTER" "ark# poweroff" | grep -q '^sample_' && ark_fail "still listed after unload"
    expect_no_output "strapper: "
}

@test "hello: metadata, a parameter, init and exit messages" {
    ark_run "strapper info /ramdisk/hello.elf
strapper load /ramdisk/hello.elf whom=ark
strapper list
strapper unload hello
dmesg
poweroff"
    expect_status 0
    expect_output "description: says hello on load and goodbye on unload" "license: MIT" \
                  "version: 1.0" "whom" "hello: hello, ark" "hello: goodbye, ark"
    command_output "strapper list" | grep -q '^hello ' || ark_fail "hello not listed"
}

@test "params: declared in modinfo, set at load, readable under /proc/dkm/params/parameters" {
    ark_run "strapper info /ramdisk/params.elf
strapper load /ramdisk/params.elf count=7 verbose=y name=ark ports=1,2,3 tags=red,blue
ls /proc/dkm/params/parameters
cat /proc/dkm/params/parameters/count
cat /proc/dkm/params/parameters/name
cat /proc/dkm/params/parameters/ports
cat /proc/dkm/params/parameters/tags
cat /proc/dkm/params/parameters/verbose
dmesg
strapper unload params
strapper load /ramdisk/params.elf nosuch=1
poweroff"
    expect_status 0
    expect_output "count" "int" "ports" "array of int" "up to four port numbers"
    expect_output "params: count=7 limit=100 verbose=1 name=ark nports=3 ntags=2" "params: ports[2]=3"
    [ "$(command_output "cat /proc/dkm/params/parameters/count")" = 7 ] || ark_fail "count is not 7"
    [ "$(command_output "cat /proc/dkm/params/parameters/name")" = ark ] || ark_fail "name is not ark"
    [[ "$(command_output "cat /proc/dkm/params/parameters/ports")" == 1,2,3* ]] || ark_fail "ports"
    [[ "$(command_output "cat /proc/dkm/params/parameters/tags")" == red,blue* ]] || ark_fail "tags"
    for p in count limit verbose name ports tags; do
        command_output "ls /proc/dkm/params/parameters" | grep -qw "$p" || ark_fail "no parameter file $p"
    done
    command_output "strapper load /ramdisk/params.elf nosuch=1" | grep -q "^strapper: .*nosuch" ||
        ark_fail "unknown parameter not named"
}

@test "chardev: /dev/hello read, write, ioctl, open count, unload refused while open" {
    [ -x "$MODTEST" ] || { echo "modtest not built: $MODTEST"; return 1; }
    ark_run "strapper load /ramdisk/chardev.elf
cat /dev/hello
echo changed text > /dev/hello
cat /dev/hello
modtest ioctl /dev/hello 0x4801
modtest ioctl /dev/hello 0x4803
cat /dev/hello
modtest ioctl /dev/hello 0x4999
modtest hold /dev/hello /bin/strapper unload chardev
strapper list
strapper unload chardev
echo GONE
cat /dev/hello
poweroff" --file "$MODTEST:/bin/modtest"
    expect_status 0
    [ "$(command_output "echo changed text > /dev/hello")" = "" ] || ark_fail "write failed"
    local reads
    reads=$(printf '%s\n' "$output" | grep -c '^hello from /dev/hello$')
    [ "$reads" -eq 2 ] || ark_fail "default message read $reads times, expected 2 (before and after reset)"
    expect_line "changed text"
    # opens so far: cat, echo >, cat, and the ioctl's own open
    expect_output "ioctl 0x4801: rc 0 value 4" "ioctl 0x4803: rc 0"
    [[ "$(command_output "modtest ioctl /dev/hello 0x4999")" == *"rc -25"* ]] || ark_fail "unknown ioctl not ENOTTY"
    local held
    held=$(command_output "modtest hold /dev/hello /bin/strapper unload chardev")
    [[ "$held" == *"strapper: "* ]] || ark_fail "unload while open gave no strapper error"
    [[ "$held" == *"exited with status 0 while"* ]] && ark_fail "unload while open succeeded"
    command_output "strapper list" | grep -q '^chardev ' || ark_fail "chardev gone while it was open"
    command_output "strapper unload chardev" | grep -q "^strapper: " && ark_fail "unload after close failed"
    expect_output "chardev: /dev/hello removed after 8 opens"
    between GONE "ark# poweroff" | grep -q "^cat: " || ark_fail "/dev/hello still there after unload"
}

@test "procfs: /proc/procfs_demo reads and writes, and goes away on unload" {
    ark_run "strapper load /ramdisk/procfs.elf
cat /proc/procfs_demo
echo hello proc > /proc/procfs_demo
cat /proc/procfs_demo
strapper unload procfs
echo GONE
cat /proc/procfs_demo
poweroff"
    expect_status 0
    expect_output "text: nothing written yet" "writes: 0" "text: hello proc" "writes: 1"
    between GONE "ark# poweroff" | grep -q "^cat: " || ark_fail "file still there after unload"
}

@test "timer: ticks while loaded, in /proc and dmesg, and stops on unload" {
    ark_run "strapper load /ramdisk/timer.elf period_ms=50
sleep 300
echo T1
cat /proc/timer_ticks
sleep 1200
echo T2
cat /proc/timer_ticks
echo T3
strapper unload timer
echo D1
dmesg
echo D2
sleep 600
echo D3
dmesg
echo D4
poweroff"
    expect_status 0
    local t1 t2
    t1=$(between T1 "ark# sleep 1200" | grep -o '^[0-9]*' | head -n 1)
    t2=$(between T2 T3 | grep '^[0-9]' | head -n 1)
    [ -n "$t1" ] && [ -n "$t2" ] || ark_fail "no tick counts read"
    [ "$t2" -gt "$t1" ] || ark_fail "ticks did not advance: $t1 then $t2"
    expect_output "timer: started, period 50 ms" "timer: tick 10" "timer: stopped after"
    local before after
    before=$(between D1 D2 | grep -c 'timer: tick')
    after=$(between D3 D4 | grep -c 'timer: tick')
    [ "$before" -eq "$after" ] || ark_fail "timer kept ticking after unload ($before -> $after)"
}

@test "irq: a handler on IRQ 1 counts the i8042 interrupts it provokes" {
    ark_run "strapper load /ramdisk/irq.elf
cat /proc/irq_demo
echo abc > /proc/irq_demo
echo xy > /proc/irq_demo
cat /proc/irq_demo
strapper unload irq
dmesg
poweroff"
    expect_status 0
    expect_output "irq: handler on IRQ 1 (i8042)" "count: 0" "count: 5" "last: 0x79" "irq: 5 interrupts handled"
}

@test "exports: the consumer depends on the provider, shown in lsmod; unload order is enforced" {
    ark_run "strapper load /ramdisk/exports_consumer.elf
strapper load /ramdisk/exports_provider.elf
strapper load /ramdisk/exports_consumer.elf
strapper list
strapper unload exports_provider
strapper unload exports_consumer
strapper unload exports_provider
echo PROBE
strapper probe exports_consumer
strapper list
strapper probe -r exports_consumer
echo END
strapper list
dmesg
poweroff"
    expect_status 0
    command_output "strapper load /ramdisk/exports_consumer.elf" | grep -q "^strapper: .*exports_provider" ||
        ark_fail "a consumer without its provider was not refused by name"
    command_output "strapper list" | grep -q '^exports_provider .*exports_consumer' ||
        ark_fail "lsmod does not show exports_consumer using exports_provider"
    [[ "$(command_output "strapper unload exports_provider")" == *"in use by: exports_consumer"* ]] ||
        ark_fail "provider unload not refused while in use"
    expect_output "exports_consumer: greetings from exports_provider, 2 + 3 = 5"
    between PROBE END | grep -q '^exports_provider ' || ark_fail "probe did not load the provider"
    between PROBE END | grep -q '^exports_consumer ' || ark_fail "probe did not load the consumer"
    between END "ark# poweroff" | grep -q '^exports_' && ark_fail "probe -r left modules loaded"
    return 0
}

@test "failing_init: the load fails, nothing stays behind, module memory returns to its baseline" {
    ark_run "cat /proc/meminfo
strapper load /ramdisk/failing_init.elf
strapper list
cat /proc/failing_init
cat /proc/meminfo
poweroff"
    expect_status 0
    command_output "strapper load /ramdisk/failing_init.elf" | grep -q "^strapper: " ||
        ark_fail "no strapper error for the failing init"
    expect_output "failing_init: refusing to load"
    command_output "strapper list" | grep -q '^failing_init' && ark_fail "failing_init listed"
    [[ "$(command_output "cat /proc/failing_init")" == *"cat: "* ]] || ark_fail "its /proc file survived"
    local used
    mapfile -t used < <(values_of DkmUsed)
    [ "${#used[@]}" -eq 2 ] || ark_fail "expected two DkmUsed lines, got ${#used[@]}"
    [ "${used[0]}" = "${used[1]}" ] || ark_fail "DkmUsed ${used[0]} -> ${used[1]}"
}

@test "api_only: works through the API table alone" {
    ark_run "strapper load /ramdisk/api_only.elf
cat /proc/api_only
cat /proc/api_only
strapper unload api_only
dmesg
poweroff"
    expect_status 0
    expect_output "api_only: loaded without imports" "api_only: read 1," "api_only: read 2," \
                  "api_only: unloaded after 2 reads"
}

@test "two_file: a module built from two sources runs" {
    ark_run "strapper load /ramdisk/two_file.elf
strapper unload two_file
dmesg
poweroff"
    expect_status 0
    expect_output "two_file: sum(1..10)=55, 3000000000*7/1000=21000000" "two_file: unloaded"
}

@test "on_demand: opening /dev/ondemand loads the module through its alias" {
    ark_run "strapper list
cat /dev/ondemand
strapper list
poweroff"
    expect_status 0
    expect_output "on_demand: loaded on first open"
    local lists
    lists=$(printf '%s\n' "$output" | grep -c '^on_demand ')
    [ "$lists" -eq 1 ] || ark_fail "on_demand should be listed once (after the open), found $lists"
}

@test "a module built outside the tree with the seed's command loads with ark-run --file" {
    local dir=$BATS_TEST_TMPDIR/ext
    mkdir -p "$dir"
    printf '#include "ark/types.h"\n#include "ark/init_api.h"\n\nint module_init(const ark_kernel_api_t *api) {\n    if (api && api->printk)\n        api->printk("Module loaded!\\n");\n    return 0;\n}\n' >"$dir/mymodule.c"
    (cd "$dir" && "$ARK_ROOT/tools/ark-gcc" -ffreestanding -nostdlib -Wl,-e,module_init \
        -I "$ARK_ROOT/include" -o mymodule.elf mymodule.c)
    printf '#include "ark/kernel.h"\n#include "ark/module.h"\nMODULE_NAME("kbhello");\nint module_init(void) { printk("kbhello: built by make M=\\n"); return 0; }\n' >"$dir/kbhello.c"
    echo 'obj-m := kbhello.o' >"$dir/Makefile"
    make -C "$ARK_ROOT" --no-print-directory M="$dir" >/dev/null
    ark_run "strapper load /ramdisk/mymodule.elf
strapper load /ramdisk/kbhello.ko
strapper list
strapper unload mymodule
strapper unload kbhello
poweroff" --file "$dir/mymodule.elf" --file "$dir/kbhello.ko"
    expect_status 0
    expect_output "Module loaded!" "kbhello: built by make M="
    command_output "strapper list" | grep -q '^mymodule ' || ark_fail "mymodule not listed"
    expect_no_output "strapper: "
}
