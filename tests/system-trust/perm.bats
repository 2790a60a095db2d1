#!/usr/bin/env bats
# perm.bats — owners and modes of what modules create (devices, /proc and /sys files, native and
# Linux API) checked against uid 1000 and root; the information policy (kptr_restrict,
# dmesg_restrict); and the taint a forced (F) or out-of-tree (O) module brings.

load ../system/lib

T=/ramdisk/trust
LX=/ramdisk/linux

# The line `lsmod` printed for module $1.
lsmod_line() { printf '%s\n' "$output" | grep -E "^$1 +[0-9]+ " | head -n 1; }
# The `ls -l` line for NAME in the listing of command $1.
ls_line() { command_output "$1" | grep -E " $2/?\$" | head -n 1; }

@test "native API: uid 1000 gets Permission denied on a root-only device and a 0644 /proc file; root does not" {
    ark_run "strapper load $T/trust_perm.elf
ls -l /dev
ls -l /proc
runas 1000 sh
echo user > /dev/trust_root
cat /dev/trust_root
echo user > /proc/trust_public
cat /proc/trust_public
cat /proc/trust_secret
exit
echo rootdev > /dev/trust_root
cat /dev/trust_root
echo rootproc > /proc/trust_public
cat /proc/trust_public
cat /proc/trust_secret
poweroff"
    expect_status 0
    [[ $(ls_line "ls -l /dev" trust_root) == "crw-------     0     0 "* ]] || ark_fail "/dev/trust_root is not root's 0600"
    [[ $(ls_line "ls -l /dev" null) == "crw-rw-rw-     0     0 "* ]] || ark_fail "/dev/null is not 0666"
    [[ $(ls_line "ls -l /proc" trust_public) == "-rw-r--r--     0     0 "* ]] || ark_fail "/proc/trust_public is not 0644"
    [[ $(ls_line "ls -l /proc" modules) == "-r--r--r--     0     0 "* ]] || ark_fail "proc_create's default is not 0444"
    expect_output "sh: /dev/trust_root: Permission denied" "cat: /dev/trust_root: Permission denied" \
        "sh: /proc/trust_public: Permission denied" "cat: /proc/trust_secret: Permission denied"
    # uid 1000 reads the 0644 file (still unwritten); root's writes all land
    [ "$(command_output "cat /proc/trust_public" | head -n 1)" = unwritten ] || ark_fail "uid 1000 could not read a 0644 file"
    expect_line rootdev
    expect_line rootproc
    [ "$(printf '%s\n' "$output" | grep -cx unwritten)" -eq 2 ] || ark_fail "root could not read the 0600 file"
    [ "$(printf '%s\n' "$output" | grep -cx user)" -eq 0 ] || ark_fail "a denied write reached the module"
}

@test "native API: the group's bits apply to its members and the owner's to its owner" {
    ark_run "strapper load $T/trust_perm.elf
runas 1000 sh
echo member > /dev/trust_group
cat /dev/trust_group
echo owner > /proc/trust_owned
cat /proc/trust_owned
exit
runas 1001 sh
echo stranger > /dev/trust_group
cat /dev/trust_group
echo stranger > /proc/trust_owned
exit
poweroff"
    expect_status 0
    [ "$(printf '%s\n' "$output" | grep -cx member)" -eq 1 ] || ark_fail "group 1000 could not use its 0660 device"
    [ "$(printf '%s\n' "$output" | grep -cx owner)" -eq 1 ] || ark_fail "uid 1000 could not use its own 0600 file"
    expect_output "sh: /dev/trust_group: Permission denied" "cat: /dev/trust_group: Permission denied" \
        "sh: /proc/trust_owned: Permission denied"
    [ "$(printf '%s\n' "$output" | grep -cx stranger)" -eq 0 ] || ark_fail "uid 1001 got through"
}

@test "Linux API: proc_create's mode, the class devnode mode and sysfs attribute and module_param modes hold" {
    ark_run "insmod $LX/procfs-seq.ko
insmod $LX/char-dev.ko
insmod $LX/hello-sysfs.ko
insmod $LX/params-all.ko
ls -l /proc/lkmtest
ls -l /sys/kernel/mymodule
runas 1000 sh
echo shared > /proc/lkmtest/buffer
cat /proc/lkmtest/buffer
echo no > /proc/lkmtest/fruits
cat /dev/chardev
echo 5 > /sys/kernel/mymodule/myvariable
echo 7 > /sys/module/params_all/parameters/myint
cat /sys/module/params_all/parameters/myint
exit
echo 8 > /sys/module/params_all/parameters/myint
cat /sys/module/params_all/parameters/myint
echo 6 > /sys/kernel/mymodule/myvariable
cat /sys/kernel/mymodule/myvariable
poweroff"
    expect_status 0
    [[ $(ls_line "ls -l /proc/lkmtest" buffer) == "-rw-rw-rw-     0     0 "* ]] || ark_fail "proc_create 0666 not shown"
    [[ $(ls_line "ls -l /proc/lkmtest" fruits) == "-r--r--r--     0     0 "* ]] || ark_fail "proc_create 0444 not shown"
    [[ $(ls_line "ls -l /sys/kernel/mymodule" myvariable) == "-rw-rw----     0     0 "* ]] || ark_fail "attribute 0660 not shown"
    expect_output "sh: /proc/lkmtest/fruits: Permission denied" \
        "sh: /sys/kernel/mymodule/myvariable: Permission denied" \
        "sh: /sys/module/params_all/parameters/myint: Permission denied"
    expect_no_output "cat: /dev/chardev: Permission denied"     # devnode gave 0666
    [ "$(command_output "cat /proc/lkmtest/buffer")" != "" ] || ark_fail "uid 1000 could not read the 0666 file"
    [ "$(command_output "cat /sys/module/params_all/parameters/myint" | head -n 1)" = 420 ] ||
        ark_fail "uid 1000 could not read a 0644 parameter, or its denied write got through"
    expect_line 8
    expect_line 6
}

@test "addresses are 0 for uid 1000 and real for root; kptr_restrict 0 and 2 change that, only root may set it" {
    ark_run "strapper load $T/trust_signed.elf
runas 1000 cat /proc/modules
runas 1000 lsmod
runas 1000 dmesg
cat /proc/modules
dmesg
cat /proc/sys/kernel/kptr_restrict
runas 1000 sh
echo 0 > /proc/sys/kernel/kptr_restrict
exit
echo 0 > /proc/sys/kernel/kptr_restrict
runas 1000 strapper list
runas 1000 cat /proc/kmsg
echo 2 > /proc/sys/kernel/kptr_restrict
strapper list
echo 3 > /proc/sys/kernel/kptr_restrict
cat /proc/sys/kernel/kptr_restrict
poweroff"
    expect_status 0
    command_output "runas 1000 cat /proc/modules" | grep -Eq '^trust_signed .* Live 0x00000000$' ||
        ark_fail "uid 1000 saw an address in /proc/modules"
    command_output "runas 1000 lsmod" | grep -Eq '^trust_signed .* Live 0x00000000$' ||
        ark_fail "uid 1000 saw an address in lsmod"
    command_output "runas 1000 dmesg" | grep -q 'dkm: trust_signed: sections .text=0x00000000' ||
        ark_fail "uid 1000's dmesg does not show the section addresses as 0"
    [ "$(command_output "runas 1000 dmesg" | grep -c '0x[ef][0-9a-f]\{7\}')" -eq 0 ] ||
        ark_fail "uid 1000's dmesg shows a kernel address"
    command_output "cat /proc/modules" | grep -Eq '^trust_signed .* Live 0xe[0-9a-f]{7}$' ||
        ark_fail "root did not see the address"
    command_output "dmesg" | grep -Eq 'dkm: trust_signed: sections .text=0xe[0-9a-f]{7}' ||
        ark_fail "root's dmesg hides the section addresses"
    [ "$(command_output "cat /proc/sys/kernel/kptr_restrict")" = 1 ] || ark_fail "kptr_restrict is not 1 by default"
    expect_output "sh: /proc/sys/kernel/kptr_restrict: Permission denied"
    command_output "runas 1000 strapper list" | grep -Eq '^trust_signed .* 0xe[0-9a-f]{7}' ||
        ark_fail "kptr_restrict=0 did not show uid 1000 the address"
    command_output "runas 1000 cat /proc/kmsg" | grep -Eq 'dkm: trust_signed: sections .text=0xe[0-9a-f]{7}' ||
        ark_fail "kptr_restrict=0 did not show uid 1000 the addresses in the log"
    command_output "strapper list" | grep -Eq '^trust_signed .* 0x00000000' ||
        ark_fail "kptr_restrict=2 did not hide the address from root"
    expect_output "echo: write error: Invalid argument"
    [ "$(printf '%s\n' "$output" | grep -Ex '[0-9]' | tail -n 1)" = 2 ] || ark_fail "an invalid value changed kptr_restrict"
}

@test "dmesg_restrict=1 refuses the log to uid 1000, not to root; set at boot or by root" {
    ark_run "cat /proc/sys/kernel/dmesg_restrict
runas 1000 dmesg
dmesg
poweroff" --cmdline "kernel.dmesg_restrict=1"
    expect_status 0
    expect_line 1
    expect_output "dmesg: /proc/kmsg: Operation not permitted"
    command_output "dmesg" | grep -q 'ark: ABI' || ark_fail "root could not read the log"

    ark_run "runas 1000 dmesg
echo 1 > /proc/sys/kernel/dmesg_restrict
runas 1000 dmesg
poweroff"
    expect_status 0
    command_output "runas 1000 dmesg" | grep -q 'ark: ABI' || ark_fail "uid 1000 could not read the log by default"
    [ "$(printf '%s\n' "$output" | grep -c 'dmesg: /proc/kmsg: Operation not permitted')" -eq 1 ] ||
        ark_fail "dmesg_restrict=1 set at run time did not refuse uid 1000"
}

@test "taint F for insmod -f past an ABI record, O for a module without intree=Y, in lsmod, tainted and the oops report" {
    ark_run "insmod $T/trust_signed.elf
cat /proc/sys/kernel/tainted
insmod $T/trust_future_abi.elf
insmod -f $T/trust_gpl_provider.elf
insmod -f $T/trust_future_abi.elf
cat /proc/sys/kernel/tainted
insmod $T/trust_oot.elf
cat /proc/sys/kernel/tainted
lsmod
cat /proc/modules
strapper load /ramdisk/dkmt/dkmt_oops.elf
cat /dev/dkmtoops
echo c > /proc/sysrq-trigger"
    expect_status 3
    expect_output "insmod: load $T/trust_future_abi.elf: built for ark ABI 2.0, kernel provides 1.0" \
        "dkm: trust_future_abi: loaded by force past its ABI record: kernel tainted (F)" \
        "dkm: trust_oot: out-of-tree module: kernel tainted (O)"
    local values
    mapfile -t values < <(printf '%s\n' "$output" | grep -E '^[0-9]+$')
    [ "${values[*]}" = "0 2 4098" ] || ark_fail "tainted read '${values[*]}', not '0 2 4098'"
    [[ $(lsmod_line trust_signed) != *"("* ]] || ark_fail "an in-tree signed module shows taint"
    [[ $(lsmod_line trust_gpl_provider) != *"("* ]] || ark_fail "-f of a compatible module tainted it"
    [[ $(lsmod_line trust_future_abi) == *" (F)" ]] || ark_fail "trust_future_abi not shown as (F)"
    [[ $(lsmod_line trust_oot) == *" (O)" ]] || ark_fail "trust_oot not shown as (O)"
    printf '%s\n' "$output" | grep -q '^trust_oot .* (O)$' || ark_fail "/proc/modules does not show (O)"
    # the contained oops of a module (no license, unsigned: P and E) and then the panic both print the flags
    local oops
    oops=$(printf '%s\n' "$output" | sed -n '/^dkm: oops: dkmt_oops:/,/backtrace:/p')
    [[ $oops == *"  tainted: PFOE (12291)"* ]] || ark_fail "the module oops report lacks 'tainted: PFOE (12291)'"
    expect_output "  tainted: PFDOE (12419)"
}
