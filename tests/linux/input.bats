#!/usr/bin/env bats
# System tests of the input subsystem: a Linux-style module's input device (tests/linux/input/),
# read through /dev/eventN with evtest inside ark under QEMU, as an evdev reader on Linux reads it.

load ../system/lib

L=/ramdisk/linux
DEMO=/dev/inputdemo

# The event lines evtest printed, without their times.
events() {
    printf '%s\n' "$output" | sed -n 's/^Event: time [0-9]*\.[0-9]*, //p'
}

@test "input: registration, /proc/bus/input/devices, sysfs, the filters and packets, LEDs, grab, overflow" {
    ark_run "insmod $L/input-demo.ko
cat /proc/bus/input/devices
ls /sys/class/input
cat /sys/class/input/input0/name
cat /sys/class/input/input0/phys
cat /sys/class/input/event0/dev
evtest /dev/event0 14 /bin/sh -c \"echo 'key 30 1;key 30 1;sync;key 30 0;key 2 1;sync;rel 0 0;rel 0 5;rel 1 -3;sync;abs 0 500;sync;abs 0 501;sync;abs 0 510;sync;sync;scan 77;sw 0 1;sync' > $DEMO\"
evtest -i /dev/event0 17 1 1
evtest -i /dev/event0 17 1 1
evtest -i /dev/event0 17 1 0
evtest -g /dev/event0 2 /bin/evtest -t 300 /dev/event0 1 /bin/sh -c \"echo 'key 16 1;sync;key 16 0;sync' > $DEMO\"
evtest /dev/event0 4 /bin/sh -c \"echo irq > $DEMO\"
evtest -a -t 300 /dev/event0 16 /bin/sh -c \"echo 'burst 100' > $DEMO\"
evtest -t 5000 /dev/event0 6 /bin/sh -c \"echo 'key 31 1;sync' > $DEMO\"
echo 'key 31 0;sync' > $DEMO
rmmod input_demo
ls /dev
cat /proc/bus/input/../input/devices
cat /proc/meminfo
insmod $L/input-demo.ko leave=1
evtest -t 5000 /dev/event0 1 /bin/rmmod input_demo
ls /sys/class/input/
cat /proc/meminfo
poweroff"
    expect_status 0
    expect_output "input: ark virtual keys as /devices/virtual/input/input0" "input-demo: registered: 0" \
        "input_register_device: already registered" "input-demo: register again: -17"
    # What the device declared, in Linux's format (SYN KEY REL ABS MSC SW LED and REP, 27 keys).
    local devices
    devices=$(command_output "cat /proc/bus/input/devices" | head -13)
    [ "$devices" = 'I: Bus=0006 Vendor=1234 Product=5678 Version=0003
N: Name="ark virtual keys"
P: Phys=inputdemo/input0
S: Sysfs=/devices/virtual/input/input0
H: Handlers=event0
B: PROP=0
B: EV=12003f
B: KEY=10000 0 0 0 0 0 0 7f07f c3ff0000
B: REL=3
B: ABS=1
B: MSC=10
B: LED=2
B: SW=1' ] || ark_fail "/proc/bus/input/devices: $devices"
    [ "$(command_output "ls /sys/class/input" | awk '{print $3}' | tr '\n' ' ')" = "event0/ input0/ " ] ||
        ark_fail "/sys/class/input"
    expect_line "inputdemo/input0"
    expect_line "13:64"
    # The ioctls evtest describes the device with.
    expect_line "Input device ID: bus 0x6 vendor 0x1234 product 0x5678 version 0x3"
    expect_line '  Event type 1 (EV_KEY): 27 codes, 16 to 272'
    expect_line '  Event type 3 (EV_ABS): 1 codes, 0 to 0'
    # A key already down, an undeclared key, a move of 0, an axis within its fuzz and empty
    # packets are dropped; each packet ends with SYN_REPORT.
    local first
    first=$(events | head -14)
    [ "$first" = "type 1 (EV_KEY), code 30, value 1
-------------- SYN_REPORT ------------
type 1 (EV_KEY), code 30, value 0
-------------- SYN_REPORT ------------
type 2 (EV_REL), code 0, value 5
type 2 (EV_REL), code 1, value -3
-------------- SYN_REPORT ------------
type 3 (EV_ABS), code 0, value 500
-------------- SYN_REPORT ------------
type 3 (EV_ABS), code 0, value 510
-------------- SYN_REPORT ------------
type 4 (EV_MSC), code 4, value 77
type 5 (EV_SW), code 0, value 1
-------------- SYN_REPORT ------------" ] || ark_fail "the first packets: $first"
    # An LED written by a reader reaches the driver's event callback once per change.
    expect_lines_times 1 "input-demo: event type 17 code 1 value 1, capslock 1"
    expect_lines_times 1 "input-demo: event type 17 code 1 value 0, capslock 0"
    # A grab: the grabbing reader gets the packet, the other none.
    expect_output "evtest: grab: ok"
    expect_line "evtest: no event within 300 ms (0 of 1)"
    events | sed -n '15,16p' | tr '\n' '|' | grep -qx 'type 1 (EV_KEY), code 16, value 1|-------------- SYN_REPORT ------------|' ||
        ark_fail "the grabbing reader's packet"
    # Reported from a timer: interrupt context.
    expect_output "input-demo: reporting from interrupt context: 1"
    events | sed -n '17,20p' | tr '\n' '|' | grep -qx 'type 1 (EV_KEY), code 23, value 1|-------------- SYN_REPORT ------------|type 1 (EV_KEY), code 23, value 0|-------------- SYN_REPORT ------------|' ||
        ark_fail "the timer's packets"
    # 400 events into a ring of 64 with nobody reading: SYN_DROPPED, then whole packets only.
    [ "$(events | sed -n 21p)" = "-------------- SYN_DROPPED ------------" ] || ark_fail "no SYN_DROPPED after the overflow"
    [ "$(events | sed -n '22,35p' | sort | uniq -c | tr -s ' ' | tr '\n' '|')" = " 7 -------------- SYN_REPORT ------------| 4 type 1 (EV_KEY), code 48, value 0| 3 type 1 (EV_KEY), code 48, value 1|" ] ||
        ark_fail "after the overflow: $(events | sed -n '22,35p')"
    expect_line "evtest: no event within 300 ms (15 of 16)"
    # A key held down is repeated by the core (value 2, each in a packet of its own).
    events | sed -n '36,41p' | tr '\n' '|' | grep -qx 'type 1 (EV_KEY), code 31, value 1|-------------- SYN_REPORT ------------|type 1 (EV_KEY), code 31, value 2|-------------- SYN_REPORT ------------|type 1 (EV_KEY), code 31, value 2|-------------- SYN_REPORT ------------|' ||
        ark_fail "autorepeat: $(events | sed -n '36,41p')"
    # open when the first reader opens, close when the last closes (or the device goes): one
    # pair for each of the nine evtest runs, the nested one sharing its parent's.
    expect_lines_times 9 "input-demo: open ark virtual keys"
    expect_lines_times 9 "input-demo: close ark virtual keys"
    expect_output "input-demo: exit"
    command_output "ls /dev" | grep -q event0 && ark_fail "/dev/event0 stayed"
    [ -z "$(command_output "cat /proc/bus/input/../input/devices")" ] || ark_fail "/proc/bus/input/devices after unload"
    # leave=1: the unload removes both devices; the reader of the registered one is told.
    expect_output "input-demo: leaving the devices to the unload" \
        "dkm: input_demo: exit left input device ark spare (never registered) allocated; freed" \
        "dkm: input_demo: exit left input device ark virtual keys (input0) registered; removed" \
        "evtest: read: No such device"
    [ -z "$(command_output "ls /sys/class/input/")" ] || ark_fail "/sys/class/input not empty"
    expect_same_values KernelHeap 2
    expect_no_output "oops" "kernel panic"
}
