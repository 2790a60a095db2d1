#!/usr/bin/env bats
# hostile.bats — modules that once panicked ark at insmod: each is refused with a specific error,
# the shell keeps working and DkmUsed comes back to its baseline.

load helpers

# Loads one module with insmod between two /proc/meminfo readings and checks the shell still runs.
insmod_refused() {
    ark_run "cat /proc/meminfo
insmod $DKMT/$1 $2
echo still-alive
lsmod
cat /proc/meminfo
poweroff"
    expect_status 0
    expect_output "still-alive"
    expect_dkmused_at_baseline
    [ "$(command_output lsmod | grep -c "${1%%.*}")" -eq 0 ] || ark_fail "${1%%.*} is listed"
}

@test "a parameter in init-only memory: refused, naming the parameter" {
    insmod_refused param_initdata.o level=9
    expect_output "insmod: load $DKMT/param_initdata.o: parameter 'level': storage" "init-only"
    expect_no_output "param_initdata: level"
}

@test "a read-only parameter in a shared object: refused before any argument is written" {
    insmod_refused param_const.so level=9
    expect_output "insmod: load $DKMT/param_const.so: parameter 'level': storage" "not writable"
}

@test "a dynamic relocation aimed at .dynsym: refused as outside a writable segment" {
    insmod_refused dyn_badrel.so ""
    expect_output "insmod: load $DKMT/dyn_badrel.so: DT_REL #" "not in a writable segment"
}

@test "a module that needs an executable stack: refused with that reason" {
    insmod_refused execstack.o ""
    expect_output "insmod: load $DKMT/execstack.o: needs an executable stack"
    expect_no_output "nested function says"
}
