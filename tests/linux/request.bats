#!/usr/bin/env bats
# System tests of on-demand loading for Linux-style modules: MODULE_DEVICE_TABLE entries become
# aliases in the module index (modprobe and request_module find the driver by its device), and a
# module's init can request another module while it is itself being loaded.

load ../system/lib

L=/ramdisk/linux

@test "MODULE_DEVICE_TABLE: platform ids become modules.alias entries, modinfo aliases, modprobe matches" {
    grep -qx "alias platform:ark-widget widget_drv" "$ARK_BUILD/dkm/modules.alias" ||
        { cat "$ARK_BUILD/dkm/modules.alias" >&2; false; }
    grep -qx "alias platform:ark-gadget widget_drv" "$ARK_BUILD/dkm/modules.alias"
    ark_run "modinfo -F alias $L/widget-drv.ko
modprobe -n platform:ark-widget
modprobe platform:ark-gadget
lsmod
modprobe platform:ark-nothing
poweroff"
    expect_status 0
    [ "$(command_output "modinfo -F alias $L/widget-drv.ko")" = "$(printf 'platform:ark-widget\nplatform:ark-gadget')" ] ||
        ark_fail "modinfo -F alias"
    expect_line "insmod $L/widget-drv.ko"
    expect_output "widget_drv: serving ark-widget and ark-gadget, label default"
    command_output "lsmod" | grep -q "^widget_drv " || ark_fail "widget_drv not loaded"
    expect_output "modprobe: probe platform:ark-nothing: no module or alias 'platform:ark-nothing' in the module index"
}

@test "request_module from a module's init loads the other module before that init returns" {
    ark_run "insmod $L/req-outer.ko
lsmod
rmmod req_outer
rmmod widget_drv
insmod $L/req-outer.ko want=no-such-module
lsmod
poweroff"
    expect_status 0
    expect_output "dkm: request 'platform:ark-gadget': loading $L/widget-drv.ko"
    expect_line "req_outer: request_module(\"platform:ark-gadget\") = 0"
    # the requested module's init ran inside the requester's, before its result was printed
    local order
    order=$(printf '%s\n' "$output" | grep -n -e "^widget_drv: serving" -e '^req_outer: request_module("platform' | cut -d: -f2 | tr '\n' ' ')
    [ "$order" = "widget_drv req_outer " ] || ark_fail "order of init lines: $order"
    local ls
    ls=$(command_output "lsmod" | head -4)
    [[ "$ls" == *"widget_drv "*"Live"* && "$ls" == *"req_outer "*"Live"* ]] || ark_fail "both live"
    expect_line "req_outer: request_module(\"no-such-module\") = -2"
    expect_no_output "another module is initialising" "deadlock"
}

@test "request_module honours modprobe.d: alias, options, blacklist, softdep, and refuses install lines" {
    cat >"$BATS_TEST_TMPDIR/req.conf" <<'CONF'
alias kgadget widget-drv
options widget_drv label=fromconf
blacklist widget_drv
softdep widget_drv pre: hello_1
install misc_lib echo misc_lib is installed by a command
CONF
    ark_run "insmod $L/req-outer.ko
rmmod req_outer
insmod $L/req-outer.ko want=kgadget
lsmod
rmmod req_outer
insmod $L/req-outer.ko want=misc-lib
lsmod
poweroff" --file "$BATS_TEST_TMPDIR/req.conf:/ramdisk/etc/modprobe.d/req.conf"
    expect_status 0
    # the device-table alias belongs to a blacklisted module; the modprobe.d alias does not
    expect_line "req_outer: request_module(\"platform:ark-gadget\") = -2"
    expect_line "req_outer: request_module(\"kgadget\") = 0"
    expect_output "widget_drv: serving ark-widget and ark-gadget, label fromconf"
    local order
    order=$(printf '%s\n' "$output" | grep -n -e "^Hello world 1" -e "^widget_drv: serving" | cut -d: -f2 | cut -c1-5 | tr '\n' ' ')
    [ "$order" = "Hello widge " ] || ark_fail "softdep pre: hello_1 must load first ($order)"
    expect_line "req_outer: request_module(\"misc-lib\") = -8"
    command_output "lsmod" | grep -q "^misc_lib " && ark_fail "misc_lib loaded despite its install line"
    true
}

@test "opening a node whose major has no driver loads the module with its char-major alias" {
    ark_run "insmod $L/node-only.ko
cat /dev/majornode
lsmod
cat /dev/majornode
poweroff"
    expect_status 0
    expect_output "node_only: /dev/majornode is 240:0, no driver yet"
    expect_output "dkm: request 'char-major-240-0': loading $L/major-drv.ko" "major_drv: driving major 240"
    [ "$(command_output "cat /dev/majornode" | tail -1)" = "major driver here" ] || ark_fail "read through the driver"
    command_output "lsmod" | grep -q "^major_drv " || ark_fail "major_drv not loaded"
    [ "$(grep -c "dkm: request 'char-major-240-0'" <<<"$output")" -eq 1 ] || ark_fail "requested twice"
}
