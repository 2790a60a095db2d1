#!/usr/bin/env bats
# System tests of modprobe.d install and remove lines: modprobe runs the command (with /bin/sh -c,
# $CMDLINE_OPTS replaced by modprobe's parameters) instead of loading or unloading the module;
# -n and -v print it; --ignore-install, --ignore-remove and -i load and unload as without them.

load ../system/lib

L=/ramdisk/linux

write_conf() {
    cat >"$BATS_TEST_TMPDIR/inst.conf" <<'CONF'
install params_all echo installing params_all with [$CMDLINE_OPTS] && modprobe --ignore-install params_all $CMDLINE_OPTS
remove params_all echo removing params_all && rmmod params_all
install hello_2 no-such-program
remove startstop echo startstop stays
install
CONF
}

@test "sh -c runs commands separated by ; and &&, stopping an && chain at a failure" {
    ark_run "sh -c \"echo one; echo two && no-such-program && echo never; echo three\"
sh -c \"echo 'quoted; not a separator'\"
sh -c
poweroff"
    expect_status 0
    [ "$(command_output 'sh -c "echo one; echo two && no-such-program && echo never; echo three"')" = \
      "$(printf 'one\ntwo\nsh: no-such-program: not found\nthree')" ] || ark_fail "sequence"
    expect_line "quoted; not a separator"
    expect_output "usage: sh [-c COMMANDS]"
}

@test "modprobe runs install and remove commands, with \$CMDLINE_OPTS; -n prints; --ignore-* and -i bypass" {
    write_conf
    ark_run "modprobe -n params_all myint=7
lsmod
modprobe -v params_all myint=7
lsmod
modprobe -r -v params_all
lsmod
modprobe hello_2
modprobe -i hello_2
modprobe -r startstop
modprobe -r --ignore-remove hello_2
modprobe --ignore-install $L/../linux/nothing
poweroff" --file "$BATS_TEST_TMPDIR/inst.conf:/ramdisk/etc/modprobe.d/inst.conf"
    expect_status 0
    expect_output "modprobe: /ramdisk/etc/modprobe.d/inst.conf:5: 'install' needs a module name and a command; line ignored"
    local cmd='echo installing params_all with [myint=7] && modprobe --ignore-install params_all myint=7'
    [ "$(command_output "modprobe -n params_all myint=7" | grep -v "inst.conf:5")" = "install $cmd" ] ||
        ark_fail "-n prints the command"
    [ "$(command_output "lsmod" | wc -l)" -eq 1 ] || ark_fail "-n ran something"
    local v
    v=$(command_output "modprobe -v params_all myint=7" | grep -v "inst.conf:5")
    [[ "$v" == "install $cmd"*"installing params_all with [myint=7]"*"myint=7"* ]] || ark_fail "install ran: $v"
    v=$(command_output "modprobe -r -v params_all" | grep -v "inst.conf:5")
    [[ "$v" == "remove echo removing params_all && rmmod params_all"*"removing params_all"*"dkm: params_all: unloaded"* ]] ||
        ark_fail "remove ran: $v"
    expect_output "modprobe: probe hello_2: install command failed (exit status 127): no-such-program"
    expect_output "Hello, world 2"                     # -i loads it the ordinary way
    expect_line "startstop stays"                      # a remove command runs even if not loaded
    expect_output "dkm: hello_2: unloaded"
}
