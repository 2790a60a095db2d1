#!/usr/bin/env bats
# ownership.bats — what a module registers is its own by construction (never by return address):
# registrations made by sibling calls and through another module's helper, open files pinning
# the right module, parameter files held open across an unload, and modules trying to remove
# what the kernel owns.

load helpers

@test "registration by sibling call (device and IRQ 0) belongs to the module and goes with it" {
    # gcc -O2 really made both registrations sibling calls (jmp), or this test proves nothing.
    local obj="$ARK_BUILD/tests/system-dkm/dkmt_sibling.o" dis
    dis=$(objdump -dr "$obj")
    printf '%s\n' "$dis" | grep -A1 -E '\sjmp\s' | grep -q 'R_386_PC32[[:space:]]*dev_register' ||
        ark_fail "dev_register is not reached by a jmp in $obj"
    printf '%s\n' "$dis" | grep -A1 -E '\sjmp\s' | grep -q 'R_386_PC32[[:space:]]*irq_register' ||
        ark_fail "irq_register is not reached by a jmp in $obj"
    ark_run "cat /proc/meminfo
strapper load $DKMT/dkmt_sibling.elf
echo x > /proc/dkmt_sibdev
echo x > /proc/dkmt_sibirq
ls /dev
strapper unload dkmt_sibling
sleep 100
runas 1000 cat /dev/dkmtsib
echo still alive
cat /proc/meminfo
poweroff"
    expect_status 0
    [ "$(command_output "ls /dev" | grep -c dkmtsib)" -eq 1 ] || ark_fail "/dev/dkmtsib was not created"
    expect_output "dkm: dkmt_sibling: exit left /dev/dkmtsib registered; removed" \
        "irq: module 'dkmt_sibling' left a handler on IRQ 0" \
        "dkm: dkmt_sibling: removed 2 objects the module left registered" \
        "cat: /dev/dkmtsib: No such file or directory" "still alive"
    expect_no_output "kernel panic" "oops"
    expect_dkmused_at_baseline
}

@test "a device registered through another module's helper pins the module whose ops it has" {
    ark_run "cat /proc/meminfo
strapper load $DKMT/dkmt_helper.elf
strapper load $DKMT/dkmt_client.elf
cat /dev/dkmtclient
dkmtest hold /dev/dkmtclient strapper unload dkmt_client
dkmtest hold /dev/dkmtclient strapper unload -f dkmt_client
cat /dev/dkmtclient
strapper unload dkmt_client
strapper unload dkmt_helper
cat /dev/dkmtclient
echo still alive
cat /proc/meminfo
poweroff"
    expect_status 0
    expect_output "dkmt_helper: registered /dev/dkmtclient for a caller (0)" \
        "strapper: unload dkmt_client: module 'dkmt_client' is in use: 1 open file" \
        "dkm: dkmt_client: unloaded" "dkm: dkmt_helper: unloaded" \
        "cat: /dev/dkmtclient: No such file or directory" "still alive"
    [ "$(printf '%s\n' "$output" | grep -c '^client data$')" -eq 2 ] || ark_fail "device not readable twice"
    expect_no_output "kernel panic" "left /dev/dkmtclient registered"
    expect_dkmused_at_baseline
}

@test "a parameter file held open across unload goes with the module; the next load recreates it" {
    ark_run "cat /proc/meminfo
strapper load $DKMT/dkmt_params.elf count=3
dkmtest hold /proc/dkm/dkmt_params/parameters/count strapper unload dkmt_params
ls /proc/dkm
strapper load $DKMT/dkmt_params.elf count=5
cat /proc/dkm/dkmt_params/parameters/count
strapper unload dkmt_params
echo still alive
cat /proc/meminfo
poweroff"
    expect_status 0
    expect_output "dkmtest: holding /proc/dkm/dkmt_params/parameters/count open" \
        "dkm: dkmt_params: /proc/dkm/dkmt_params/parameters/count was open; removed" "still alive"
    expect_no_output "cannot create" "kernel panic"
    [ "$(command_output "ls /proc/dkm" | grep -c dkmt_params)" -eq 0 ] || ark_fail "stale /proc/dkm/dkmt_params"
    [ "$(command_output "cat /proc/dkm/dkmt_params/parameters/count")" = "5" ] || ark_fail "parameter not recreated"
    expect_dkmused_at_baseline
}

@test "a module cannot remove /proc/meminfo, the lockdown switch or /dev/null" {
    ark_run "cat /proc/meminfo
strapper load $DKMT/dkmt_evil.elf
strapper unload dkmt_evil
cat /proc/sys/dkm/disabled
ls /dev
echo still alive
cat /proc/meminfo
poweroff"
    expect_status 0
    expect_output "procfs: module 'dkmt_evil' may not remove /proc/meminfo (it belongs to the kernel)" \
        "procfs: module 'dkmt_evil' may not remove /proc/sys/dkm/disabled (it belongs to the kernel)" \
        "devfs: module 'dkmt_evil' may not unregister /dev/null (it belongs to the kernel)" \
        "dkmt_evil: meminfo -1, disabled -1, null -1" "still alive"
    [ "$(command_output "cat /proc/sys/dkm/disabled")" = "0" ] || ark_fail "lockdown switch gone"
    [ "$(command_output "ls /dev" | grep -c ' null$')" -eq 1 ] || ark_fail "/dev/null gone"
    expect_dkmused_at_baseline
}
