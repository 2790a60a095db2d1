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
    expect_output "widget_drv: serving ark-widget and ark-gadget"
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
