#!/usr/bin/env bats
# System tests of the Linux compatibility layer: modules written for Linux (tests/linux/*/), built
# with their own Linux Makefiles through kbuild, loaded with insmod inside ark under QEMU, and
# checked through their log lines and the files they create under /dev, /proc and /sys.

load ../system/lib

MODTEST=${MODTEST:-$ARK_BUILD/tests/modules/modtest}
L=/ramdisk/linux

@test "hello: init_module/cleanup_module and module_init/module_exit, named after the file" {
    ark_run "insmod $L/hello-1.ko
insmod $L/hello-2.ko
lsmod
modinfo hello_2
rmmod hello-1
rmmod hello_2
lsmod
poweroff"
    expect_status 0
    expect_output "Hello world 1." "Hello, world 2" "I am hello_2, version 0.2" \
                  "Goodbye world 1." "Goodbye, world 2"
    command_output "lsmod" | grep -q '^hello_1 ' || ark_fail "hello-1.ko is not module hello_1"
    command_output "lsmod" | grep -q '^hello_2 ' || ark_fail "hello-2.ko is not module hello_2"
    local info
    info=$(command_output "modinfo hello_2")
    for line in "version: 0.2" "license: GPL" "alias: greeter" "softdep: pre: hello_1" \
                "description: A hello module in the module_init style"; do
        grep -qxF "$line" <<<"$info" || ark_fail "modinfo lacks '$line'"
    done
    expect_no_output "rmmod:"
}

@test "params: every parameter type, arrays, strings, renamed and checked parameters" {
    ark_run "insmod $L/params-all.ko mybyte=66 myshort=-7 myushort=65535 myint=0x10 myuint=4000000000 mylong=-5 myulong=123456 mycharp=\"two words\" mybool=n myinvbool myarray=9,-8,7 mystring=abc renamed=11 checked=50 unknown=1
rmmod params_all
insmod $L/params-all.ko
rmmod params_all
poweroff"
    expect_status 0
    expect_output "params_all: unknown parameter 'unknown' ignored" \
        "params: mybyte=B myshort=-7 myushort=65535 myint=16 myuint=4000000000" \
        "params: mylong=-5 myulong=123456 mycharp=two words mybool=0 myinvbool=0" \
        "params: myarray[0]=9" "params: myarray[1]=-8" "params: myarray[2]=7" \
        "params: 3 array values, mystring=abc renamed=11 checked=50" \
        "params: mybyte=A myshort=-1 myushort=1 myint=420 myuint=7" \
        "params: mylong=-9999 myulong=9999 mycharp=blah mybool=1 myinvbool=1" \
        "params: 0 array values, mystring=short renamed=5 checked=10"
}

@test "params: a bad value fails the load once, with the parameter named" {
    ark_run "insmod $L/params-all.ko myint=12abc
insmod $L/params-all.ko checked=101
insmod $L/params-all.ko mystring=muchtoolong
insmod $L/params-all.ko myarray=1,2,3,4,5
lsmod
dmesg
poweroff"
    expect_status 0
    expect_output "params_all: '12abc' invalid for parameter 'myint'" \
                  "params_all: '101' invalid for parameter 'checked'" \
                  "params_all: 'muchtoolong' too large for parameter 'mystring'" \
                  "myarray: can only take 4 arguments" \
                  "insmod: load $L/params-all.ko: init failed: -22 (Invalid argument)" \
                  "init failed: -28 (No space left on device)"
    command_output "lsmod" | grep -q '^params_all' && ark_fail "a failed load left the module"
    # Reported once on the console (by insmod); the kernel's own line goes to dmesg only.
    local before_dmesg
    before_dmesg=$(printf '%s\n' "$output" | sed '/^ark# dmesg$/,$d')
    [ "$(grep -c 'init failed' <<<"$before_dmesg")" -eq 4 ] || ark_fail "each failure once on the console"
    [ "$(command_output dmesg | grep -c 'dkm: params_all: init failed: -22 (Invalid argument)')" -eq 3 ] ||
        ark_fail "each failure once in dmesg"
}

@test "params: /sys/module/NAME/parameters honours each parameter's permissions" {
    ark_run "insmod $L/params-all.ko mycharp=first myarray=1,2,3,4
ls /sys/module/params_all/parameters
cat /sys/module/params_all/parameters/mycharp
echo second > /sys/module/params_all/parameters/mycharp
cat /sys/module/params_all/parameters/mycharp
cat /sys/module/params_all/parameters/myarray
cat /sys/module/params_all/parameters/mybool
cat /sys/module/params_all/parameters/mystring
echo 200 > /sys/module/params_all/parameters/checked
echo 20 > /sys/module/params_all/parameters/checked
cat /sys/module/params_all/parameters/checked
echo 1 > /sys/module/params_all/parameters/myuint
runas 1000 cat /sys/module/params_all/parameters/myint
runas 1000 cat /sys/module/params_all/parameters/myshort
rmmod params_all
ls /sys/module
poweroff"
    expect_status 0
    local listing
    listing=$(command_output "ls /sys/module/params_all/parameters")
    for p in mybyte myshort myint mycharp myarray mystring renamed checked; do
        grep -q " $p\$" <<<"$listing" || ark_fail "no parameter file $p"
    done
    [ "$(command_output "cat /sys/module/params_all/parameters/mycharp" | head -1)" = first ] || ark_fail "charp not shown"
    expect_line "second"
    expect_line "1,2,3,4"
    expect_line "Y"
    expect_line "short"
    [ "$(command_output "cat /sys/module/params_all/parameters/checked")" = 20 ] || ark_fail "store through the cb ops"
    [[ "$(command_output "echo 200 > /sys/module/params_all/parameters/checked")" == *"Invalid argument"* ]] || ark_fail "set refused 200 silently"
    [[ "$(command_output "echo 1 > /sys/module/params_all/parameters/myuint")" == *"Permission denied"* ]] || ark_fail "0444 was writable"
    [ "$(command_output "runas 1000 cat /sys/module/params_all/parameters/myint")" = 420 ] || ark_fail "0644 not readable by others"
    [[ "$(command_output "runas 1000 cat /sys/module/params_all/parameters/myshort")" == *"Permission denied"* ]] || ark_fail "0660 readable by others"
    command_output "ls /sys/module" | grep -q params_all && ark_fail "/sys/module/params_all stayed after rmmod"
    true
}

@test "params: NAME.PARAM=value on the kernel command line applies when NAME loads" {
    ark_run "insmod $L/params-all.ko myint=3
poweroff" --cmdline "params_all.mylong=77 params-all.myint=1 other.myint=9"
    expect_status 0
    expect_output "params: mybyte=A myshort=-1 myushort=1 myint=3 myuint" "params: mylong=77 myulong"
}

@test "chardev: register_chrdev, class and device node, read/write, ioctl, open pins the module" {
    ark_run "insmod $L/char-dev.ko
ls /dev
cat /proc/devices
cat /sys/class/chardev/chardev/dev
cat /dev/chardev
echo hello device > /dev/chardev
/ramdisk/modtest ioctl /dev/chardev 0x80046b01
/ramdisk/modtest ioctl /dev/chardev 0x40046b02
/ramdisk/modtest ioctl /dev/chardev 0x80046b01
/ramdisk/modtest ioctl /dev/chardev 0x6b03
/ramdisk/modtest ioctl /dev/chardev 0x6b99
runas 1000 cat /dev/chardev
/ramdisk/modtest hold /dev/chardev /bin/rmmod char_dev
rmmod char_dev
ls /dev
cat /proc/devices
poweroff" --file "$MODTEST:/ramdisk/modtest"
    expect_status 0
    expect_output "chardev: assigned major number 254" "chardev: device created on /dev/chardev" \
                  "opened 1 times, minor 0, file chardev" "chardev: got 13 bytes: hello device" \
                  "ioctl 0x80046b01: rc 0 value 42" "chardev: value set to 3735928559" \
                  "ioctl 0x80046b01: rc 0 value 3735928559" "ioctl 0x6b03: rc 0" \
                  "ioctl 0x6b99: rc -25" "opened 8 times, minor 0, file chardev" \
                  "in use" "chardev: removed"
    command_output "ls /dev" | head -5 | grep -q chardev || ark_fail "no /dev/chardev"
    expect_line "254 chardev"
    expect_line "254:0"
    [ "$(command_output "ls /dev" | grep -c chardev)" -eq 1 ] || ark_fail "/dev/chardev stayed after rmmod"
}

@test "miscdev: dynamic and fixed minors, private_data, node mode, device attributes, errors, sweep" {
    ark_run "cat /proc/devices
insmod $L/misc-dev.ko
modinfo misc_dev
ls -l /dev
cat /proc/misc
cat /sys/class/misc/note/dev
cat /sys/class/misc/watchnote/dev
cat /dev/note
echo hello misc > /dev/note
runas 1000 cat /dev/note
runas 1000 cat /dev/watchnote
cat /dev/watchnote
cat /sys/class/misc/note/opens
echo blue > /sys/class/misc/note/label
cat /sys/class/misc/note/label
ls /sys/class/misc/watchnote
cat /sys/class/misc/watchnote/opens
insmod $L/misc-simple.ko
cat /dev/simple
insmod $L/misc-leak.ko
rmmod misc_leak
cat /dev/leaky
rmmod misc_simple
rmmod misc_dev
cat /proc/misc /proc/devices
ls /sys/class/misc
ls /dev
insmod $L/misc-leak.ko
cat /dev/null /proc/misc
poweroff"
    expect_status 0
    expect_line " 10 misc"
    expect_line "alias: char-major-10-130"
    expect_output "misc_dev: note has minor 127, device note; watchnote has minor 130" \
        "misc note: the name is taken by minor 127" "misc other: minor 130 is taken" \
        "misc_dev: same minor -16, same name -16, no fops -22" \
        "misc_dev: open of note, minor 127, private_data is the miscdevice" \
        "misc_dev: note now holds 11 bytes" \
        "misc_dev: open of watchnote, minor 130, private_data is the miscdevice" \
        "note: label set to blue" "simple minor 126" \
        "dkm: misc_leak: exit left misc device leaky (minor 125) registered; removed" \
        "misc_dev: removed, note minor back to 255"
    local listing
    listing=$(command_output "ls -l /dev")
    grep -q '^crw-rw-rw-.* note$' <<<"$listing" || ark_fail "/dev/note is not 0666"
    grep -q '^crw-------.* watchnote$' <<<"$listing" || ark_fail "/dev/watchnote is not 0600"
    [ "$(command_output "cat /proc/misc" | head -2)" = "$(printf '130 watchnote\n127 note')" ] || ark_fail "/proc/misc"
    [ "$(command_output "cat /sys/class/misc/note/dev")" = "10:127" ] || ark_fail "note's dev"
    [ "$(command_output "cat /sys/class/misc/watchnote/dev")" = "10:130" ] || ark_fail "watchnote's dev"
    [ "$(command_output "cat /dev/note")" = "$(printf 'misc_dev: open of note, minor 127, private_data is the miscdevice\ndynamic note')" ] || ark_fail "first read of /dev/note"
    [[ "$(command_output "runas 1000 cat /dev/note")" == *"hello misc" ]] || ark_fail "write then read by another user"
    [[ "$(command_output "runas 1000 cat /dev/watchnote")" == *"Permission denied"* ]] || ark_fail "0600 node readable by others"
    [[ "$(command_output "cat /dev/watchnote")" == *"fixed note" ]] || ark_fail "read of /dev/watchnote"
    [ "$(command_output "cat /sys/class/misc/note/opens")" = 3 ] || ark_fail "opens attribute"
    [ "$(command_output "cat /sys/class/misc/note/label")" = blue ] || ark_fail "label attribute"
    [ "$(command_output "ls /sys/class/misc/watchnote" | awk '{print $3}' | tr '\n' ' ')" = "dev opens " ] || ark_fail "watchnote's files are not dev and opens"
    [ "$(command_output "cat /sys/class/misc/watchnote/opens")" = 1 ] || ark_fail "device_create_file's attribute"
    [[ "$(command_output "cat /dev/leaky")" == *"No such file"* ]] || ark_fail "/dev/leaky outlived its module"
    [ -z "$(command_output "ls /sys/class/misc")" ] || ark_fail "/sys/class/misc not empty after the unloads"
    command_output "ls /dev" | grep -qE 'note|simple|leaky' && ark_fail "a misc node outlived its module"
    [ "$(command_output "cat /proc/misc /proc/devices")" = "$(printf 'Character devices:\n 10 misc\n 13 input')" ] || ark_fail "/proc/misc not empty after the unloads"
    [ "$(command_output "cat /dev/null /proc/misc")" = "127 leaky" ] || ark_fail "minors were not given back"
    true
}

@test "debugfs: a tree of variable, blob and fops files, DEFINE_DEBUGFS_ATTRIBUTE, removal while open, sweep" {
    local D=/sys/kernel/debug/dbgdemo
    ark_run "insmod $L/debugfs-demo.ko
ls $D
ls $D/values
cat $D/values/counter
echo 0x10 > $D/values/counter
cat $D/values/counter /dev/null
cat $D/values/small
cat $D/values/big
cat $D/values/flags
cat $D/values/size
cat $D/values/ulong
cat $D/values/hits
echo -5 > $D/values/hits
cat $D/values/hits /dev/null
cat $D/values/enabled
echo n > $D/values/enabled
cat $D/values/enabled /dev/null
echo maybe > $D/values/enabled
cat $D/blob
cat $D/message
echo new text > $D/message
cat $D/message /dev/null
cat $D/percent
echo 101 > $D/percent
echo 50 > $D/percent
cat $D/percent /dev/null
runas 1000 cat $D/values/flags
/ramdisk/modtest hold $D/victim /bin/sh -c \"echo 1 > $D/remove_victim\"
ls $D /dev/null
rmmod debugfs_demo
ls /sys/kernel/debug
insmod $L/debugfs-demo.ko leave=1
rmmod debugfs_demo
ls /sys/kernel/debug /dev/null
poweroff" --file "$MODTEST:/ramdisk/modtest"
    expect_status 0
    expect_output "debugfs: directory 'values' in 'dbgdemo' is already present" \
        "debugfs_demo: taken name -17, under an error -17, lookup finds values" \
        "debugfs_demo: created, parent of counter is values" \
        "debugfs_demo: victim removed" "modtest: closed $D/victim" "debugfs_demo: exit" \
        "dkm: debugfs_demo: exit left debugfs directory dbgdemo registered; removed"
    local name want
    [ "$(command_output "ls $D" | awk '{print $3}' | tr '\n' ' ')" = "blob message percent remove_victim values/ victim " ] || ark_fail "the top directory"
    [ "$(command_output "ls $D/values" | awk '{print $3}' | tr '\n' ' ')" = "big counter enabled flags hits size small ulong " ] || ark_fail "the values directory"
    for name in "counter:7" "counter /dev/null:16" "small:200" "big:1099511627776" "flags:0x0000beef" \
                "size:4096" "ulong:12345" "hits:-3" "hits /dev/null:-5" "enabled:Y" "enabled /dev/null:N"; do
        want=${name##*:}
        [ "$(command_output "cat $D/values/${name%:*}")" = "$want" ] || ark_fail "values/${name%:*} should read $want"
    done
    [ "$(command_output "echo maybe > $D/values/enabled")" = "echo: write error: Invalid argument" ] || ark_fail "a bad bool was taken"
    [ "$(command_output "cat $D/blob")" = "blob bytes" ] || ark_fail "blob"
    [ "$(command_output "cat $D/message")" = "initial message" ] || ark_fail "message before the write"
    [ "$(command_output "cat $D/message /dev/null")" = "new text" ] || ark_fail "message after the write"
    [ "$(command_output "cat $D/percent")" = "42%" ] || ark_fail "percent"
    [ "$(command_output "echo 101 > $D/percent")" = "echo: write error: Invalid argument" ] || ark_fail "set's refusal"
    [ "$(command_output "cat $D/percent /dev/null")" = "50%" ] || ark_fail "percent after the write"
    [[ "$(command_output "runas 1000 cat $D/values/flags")" == *"Permission denied"* ]] || ark_fail "0600 file readable by others"
    command_output "ls $D /dev/null" | grep -q ' victim$' && ark_fail "victim stayed after debugfs_remove"
    [ "$(command_output "ls /sys/kernel/debug" | awk '{print $3}' | tr '\n' ' ')" = "gpio gpio-sim " ] || ark_fail "debugfs_remove_recursive left files"
    [ "$(command_output "ls /sys/kernel/debug /dev/null" | awk '$3 != "" {print $3}' | tr '\n' ' ')" = "gpio gpio-sim /dev/null " ] || ark_fail "the sweep left files"
    expect_no_output "in use"
}

@test "platform: devices and drivers bind either way round, id_table, resources, autoload by alias, failed probe, sweep" {
    local P=/sys/bus/platform
    ark_run "insmod $L/plat-led.ko
insmod $L/plat-board.ko
lsmod
ls $P/devices
ls $P/drivers
cat $P/devices/ark-led.0/modalias
cat $P/devices/ark-led.0/driver
cat $P/devices/ark-sensor.0.auto/driver
cat $P/devices/ark-lonely/driver
rmmod plat_led
cat $P/devices/ark-led.1/driver
insmod $L/plat-led.ko
rmmod plat_board
ls $P/devices/
rmmod plat_sensor
insmod $L/plat-board.ko leave=1
rmmod plat_board
ls $P/devices /dev/null
rmmod plat_sensor
rmmod plat_led
ls $P/drivers/
poweroff"
    expect_status 0
    expect_output "ark-led.0: probe red:7, regs 0xfed00000 size 0x100, irq 5" \
        "ark-led.1: probe green:3, no registers" \
        "dkm: request 'platform:ark-sensor': loading /ramdisk/linux/plat-sensor.ko" \
        "ark-sensor.0.auto: sensor probe as ark-sensor (model 1), alarm irq 9, missing irq -6" \
        "ark-sensor-drv ark-sensor-broken.3: probe failed with error -5" \
        "platform ark-led: already registered" \
        "plat_board: led1 ark-led.1, sensor ark-sensor.0.auto (0), lonely ark-lonely, again -16" \
        "ark-led.1: remove green:3" "ark-led.0: remove red:7" "ark-sensor.0.auto: sensor remove" \
        "$(printf 'ark-led.0: remove red:7\nark-led.0: managed clean-up of red:7')" \
        "plat_board: ark-led.0 released" \
        "dkm: plat_board: exit left platform device ark-led.0 registered; removed" \
        "dkm: plat_board: removed 5 objects the module left registered"
    [ "$(command_output "ls $P/devices" | awk '{print $3}' | tr '\n' ' ')" = "ark-led.0/ ark-led.1/ ark-lonely/ ark-sensor-broken.3/ ark-sensor.0.auto/ " ] || ark_fail "/sys/bus/platform/devices"
    [ "$(command_output "ls $P/drivers" | awk '{print $3}' | tr '\n' ' ')" = "ark-led/ ark-sensor-drv/ " ] || ark_fail "/sys/bus/platform/drivers"
    [ "$(command_output "cat $P/devices/ark-led.0/modalias")" = "platform:ark-led" ] || ark_fail "modalias"
    [ "$(command_output "cat $P/devices/ark-led.0/driver")" = "ark-led" ] || ark_fail "bound by name"
    [ "$(command_output "cat $P/devices/ark-sensor.0.auto/driver")" = "ark-sensor-drv" ] || ark_fail "bound by id_table"
    [ -z "$(command_output "cat $P/devices/ark-lonely/driver")" ] || ark_fail "a device no driver matches was bound"
    [ -z "$(command_output "cat $P/devices/ark-led.1/driver")" ] || ark_fail "still bound after its driver went"
    [ "$(grep -c 'ark-led.0: probe red:7' <<<"$output")" -eq 3 ] || ark_fail "led0 should be probed three times: driver first, device first, again"
    [ "$(grep -c 'plat_board: ark-led.0 released' <<<"$output")" -eq 2 ] || ark_fail "release at unregister and at the sweep"
    [ "$(grep -c 'managed clean-up' <<<"$output")" -eq 6 ] || ark_fail "a managed action per unbind of the two leds, three times"
    [ -z "$(command_output "ls $P/devices/")" ] || ark_fail "devices left after unregistering"
    command_output "ls $P/devices /dev/null" | grep -qx "(empty)" || ark_fail "the sweep left devices"
    [ -z "$(command_output "ls $P/drivers/")" ] || ark_fail "drivers left after the unloads"
    expect_no_output "in use"
}

@test "gpio: the simulated controller, edges raising hard and threaded handlers, request errors, sweep" {
    local G=/sys/kernel/debug
    ark_run "insmod $L/gpio-demo.ko
cat $G/gpio
echo 17 1 > $G/gpio-sim
cat /dev/null $G/gpio
echo 17 0 > $G/gpio-sim
echo 18 1 > $G/gpio-sim
echo 18 0 > $G/gpio-sim
rmmod gpio_demo
cat /dev/null /dev/null $G/gpio
echo 99 1 > $G/gpio-sim
echo 5 maybe > $G/gpio-sim
insmod $L/gpio-demo.ko leave=1
rmmod gpio_demo
cat /dev/null /dev/null /dev/null $G/gpio
poweroff"
    expect_status 0
    expect_output "gpio_request: gpio-4 (again): busy, requested as 'led'" \
        "gpio_request: gpio-64 (none): no such line (0-63)" \
        "gpio_demo: again -16, line 64 -22, valid 63 1 64 0, array with a taken line -16, its first line free again 0" \
        "gpio_demo: led 0, buttons 0 0 on irqs 33 34" \
        "gpio-sim: '99': write \"N 0\" or \"N 1\", N from 0 to 63" \
        "gpio-sim: gpio-5: 'maybe' is not a level (0, 1, low, high)" \
        "dkm: gpio_demo: exit left gpio-17 (button on) requested; freed" \
        "linux: gpio_demo: IRQ 33 handler 'button on' not freed at exit; removed"
    [ "$(command_output "echo 17 1 > $G/gpio-sim")" = "gpio_demo: irq 33: button 17 rose, led 1, in interrupt 1" ] || ark_fail "the rising edge's hard handler"
    [ -z "$(command_output "echo 17 0 > $G/gpio-sim")" ] || ark_fail "a falling edge raised a rising-edge handler"
    [ -z "$(command_output "echo 18 1 > $G/gpio-sim")" ] || ark_fail "a rising edge raised a falling-edge handler"
    [ "$(grep -c 'button 18 fell, led 0, in thread irq/N' <<<"$output")" -eq 1 ] || ark_fail "the falling edge's threaded handler"
    local want
    want=$(printf 'gpiochip0: GPIOs 0-63, ark-gpio-sim:\n gpio-4   (led                 ) out lo\n gpio-17  (button on           ) in  lo IRQ\n gpio-18  (button off          ) in  lo IRQ')
    [ "$(command_output "cat $G/gpio")" = "$want" ] || ark_fail "the listing after the load"
    want=$(printf 'gpiochip0: GPIOs 0-63, ark-gpio-sim:\n gpio-4   (led                 ) out hi\n gpio-17  (button on           ) in  hi IRQ\n gpio-18  (button off          ) in  lo IRQ')
    [ "$(command_output "cat /dev/null $G/gpio")" = "$want" ] || ark_fail "the listing after a press"
    [ "$(command_output "cat /dev/null /dev/null $G/gpio")" = "gpiochip0: GPIOs 0-63, ark-gpio-sim:" ] || ark_fail "lines left requested after rmmod"
    [ "$(command_output "cat /dev/null /dev/null /dev/null $G/gpio")" = "gpiochip0: GPIOs 0-63, ark-gpio-sim:" ] || ark_fail "lines left requested after the sweep"
    [[ "$(command_output "echo 99 1 > $G/gpio-sim")" == *"Invalid argument"* ]] || ark_fail "a bad line number was taken"
}

@test "procfs: proc_mkdir, a seq_file iterator, single_open, proc_write, removal" {
    ark_run "insmod $L/procfs-seq.ko
ls /proc/lkmtest
cat /proc/lkmtest/fruits
cat /proc/lkmtest/summary
cat /proc/lkmtest/buffer
echo replaced > /proc/lkmtest/buffer
cat /proc/lkmtest/buffer
rmmod procfs_seq
ls /proc
poweroff"
    expect_status 0
    expect_output "procfs: /proc/lkmtest created" "procfs: buffer is now replaced" "procfs: /proc/lkmtest removed"
    [ "$(command_output "cat /proc/lkmtest/fruits")" = "$(printf '0: apple\n1: banana\n2: cherry\n3: damson')" ] || ark_fail "seq_file output"
    [ "$(command_output "cat /proc/lkmtest/summary")" = "$(printf 'fruits: 4\n.')" ] || ark_fail "single_open output"
    expect_line "initial"
    expect_line "replaced"
    command_output "ls /proc" | grep -q lkmtest && ark_fail "/proc/lkmtest stayed"
    true
}

@test "habits: what fs.h brings along, static keys, current and its signals, /proc size and owner, line ends" {
    ark_run "insmod $L/habits.ko
ls -l /proc
cat /proc/habits
echo on > /proc/habits
echo hello > /proc/habits
cat /proc/habits
echo off > /proc/habits
cat /proc/habits
cat /proc/habits_wait &
poll -w -t 30000 /proc/habits_wait
kill %1
wait
cat /proc/habits_wait &
poll -w -t 30000 /proc/habits_wait
kill -KILL %1
wait
rmmod habits
ls /proc
poweroff"
    expect_status 0
    # A message with a level ends the line the one before it left open; KERN_CONT carries it on.
    expect_line "habits: one line"
    expect_line "habits: another line"
    expect_line "habits: a line carried on"
    expect_line "habits: loaded, verbose off"
    local listing
    listing=$(command_output "ls -l /proc")
    grep -Eq '^-rw-r--r-- +0 +0 +file +80  habits$' <<<"$listing" || ark_fail "proc_set_size/proc_set_user on /proc/habits"
    grep -Eq '^-r--r--r-- +1000 +100 +file +0  habits_wait$' <<<"$listing" || ark_fail "proc_set_user(KUIDT_INIT(1000)) on /proc/habits_wait"
    # The static key: off, on (the read logs itself), off again.
    [ "$(command_output "cat /proc/habits" | head -1)" = "verbose off, note 'none', reader cat" ] || ark_fail "first read"
    expect_line "verbose on, note 'hello', reader cat"
    expect_line "verbose off, note 'hello', reader cat"
    # Reads log themselves only between "on" and "off".
    local logged
    logged=$(printf '%s\n' "$output" | awk '/^ark# echo on > \/proc\/habits$/ { on = 1 }
        /^ark# echo off > \/proc\/habits$/ { on = 0 } /read the state$/ { print (on ? "on" : "off") }' | sort -u)
    [ "$logged" = "on" ] || ark_fail "reads logged themselves with the key: '$logged' (expected: on only)"
    printf '%s\n' "$output" | grep -Eq '^habits: cat \(pid [0-9]+\) read the state$' || ark_fail "no verbose read"
    # current->pending names the signal that ended each sleep. The background reader prints this
    # while the shell may be echoing the next command, so the message can share a line with it.
    expect_output "habits: cat woke by signal 15, signal_pending 1" "habits: cat woke by signal 9, signal_pending 1"
    expect_output "habits: unloaded"
    command_output "ls /proc" | grep -q habits && ark_fail "/proc/habits stayed"
    expect_no_output "kernel panic" "left registered" "WARNING:"
}

@test "lists: list_head and hlist operations, deletion while walking, a seq_file over a list, hashtable, kref" {
    ark_run "insmod $L/lists.ko
cat /proc/lists
rmmod lists
poweroff"
    expect_status 0
    local want
    for want in "lists: in order: 10 20 30 40 50 (5)" "lists: reversed: 50 40 30 20 10 (5)" \
        "lists: first moved to the end: 20 30 40 50 10 (5)" \
        "lists: first 20, last 10, next of first 30, singular 0" \
        "lists: replaced the first by 99: 99 30 40 50 10 (5)" \
        "lists: spliced in front: 2 1 99 30 40 50 10 (7)" "lists: spare empty after splice_init: 1" \
        "lists: cut off: 2 1 (2)" "lists: left after the cut: 99 30 40 50 10 (5)" \
        "lists: cut spliced back at the end: 99 30 40 50 10 2 1 (7)" \
        "lists: multiples of 20 deleted while walking: 99 30 50 10 2 1 (6)" \
        "lists: bucket 0: empty" "lists: bucket 1: 1" "lists: bucket 2: 2 10 50 30" "lists: bucket 3: 99" \
        "lists: 99 found in bucket 3: 1" "lists: freed 6 records, list empty: 1" \
        "lists: kref: put of 2 refs frees: 0, refs left 1" "lists: kref: last put frees: 1, key 14 still found: 0" \
        "lists: kref: 20 released, table empty: 1" "lists: refcount_inc on 0 leaves it saturated: 1"; do
        expect_line "$want"
    done
    printf '%s\n' "$output" | grep -Eq '^lists: hashtable: 20 objects, [2-8] of 8 buckets used, 20 found by key, 0 wrong$' ||
        ark_fail "hashtable: objects, spread or lookups"
    expect_output "refcount_t: addition on 0; use-after-free; the object will leak"
    [ "$(command_output "cat /proc/lists")" = "$(printf 'record %s\n' 99 30 50 10 2 1)" ] ||
        ark_fail "seq_list walk of /proc/lists"
    expect_no_output "oops" "kernel panic"
}

@test "sysfs: kobject_create_and_add under kernel_kobj, attributes, a group, permissions" {
    ark_run "insmod $L/hello-sysfs.ko
ls /sys/kernel/mymodule
cat /sys/kernel/mymodule/myvariable
echo 32 > /sys/kernel/mymodule/myvariable
cat /sys/kernel/mymodule/myvariable
echo nonsense > /sys/kernel/mymodule/myvariable
cat /sys/kernel/mymodule/info/version
runas 1000 cat /sys/kernel/mymodule/myvariable
rmmod hello_sysfs
ls /sys/kernel
poweroff"
    expect_status 0
    expect_output "hello_sysfs: initialised" "hello_sysfs: myvariable = 32" "hello_sysfs: exit"
    expect_line "0"
    expect_line "32"
    expect_line "1.0"
    [[ "$(command_output "echo nonsense > /sys/kernel/mymodule/myvariable")" == *"Invalid argument"* ]] || ark_fail "store's -EINVAL"
    [[ "$(command_output "runas 1000 cat /sys/kernel/mymodule/myvariable")" == *"Permission denied"* ]] || ark_fail "0660 readable by others"
    command_output "ls /sys/kernel" | grep -q mymodule && ark_fail "/sys/kernel/mymodule stayed"
    true
}

@test "device model: class_register with class attributes, device_register, release at the last put" {
    ark_run "insmod $L/devmodel.ko
ls /sys/class/widget
echo red > /sys/class/widget/create
echo blue > /sys/class/widget/create
ls /sys/class/widget
ls /sys/class/widget/widget1
cat /sys/class/widget/widget1/label
cat /sys/devices/virtual/devmodel-loose/dev
ls /sys/devices/virtual
cat /dev/widget0
cat /dev/widget1
/ramdisk/modtest hold /dev/widget1 /bin/sh -c \"echo 1 > /sys/class/widget/destroy\"
echo 5 > /sys/class/widget/destroy
cat /sys/class/widget/count
ls /dev
echo green > /sys/class/widget/create
cat /dev/widget1
rmmod devmodel
ls /sys/class
cat /proc/meminfo
insmod $L/devmodel.ko leave=1
echo pink > /sys/class/widget/create
rmmod devmodel
ls /sys/class
cat /proc/meminfo
poweroff" --file "$MODTEST:/ramdisk/modtest"
    expect_status 0
    # Errors a driver makes, each said once and returned.
    expect_output "device_add: a device without a name (dev_set_name or init_name)" \
        "devmodel: device_add without a name: -22" "device unclassed: its class is not registered" \
        "devmodel: device_register in an unregistered class: -22" \
        "class widget: already registered" "devmodel: class_register twice: -17"
    # The class's own files, then a directory per device with the class's dev_groups and dev.
    local ls_class
    ls_class=$(command_output "ls /sys/class/widget" | awk '{print $3}' | tr '\n' ' ')
    [ "$ls_class" = "count create destroy " ] || ark_fail "/sys/class/widget before devices: $ls_class"
    command_output "ls /sys/class/widget/widget1" | awk '{print $3}' | tr '\n' ' ' | grep -qx "dev id label " ||
        ark_fail "widget1's files"
    expect_line "blue"
    command_output "cat /sys/devices/virtual/devmodel-loose/dev" | grep -q "No such file" ||
        ark_fail "a device without a number has a dev file"
    command_output "ls /sys/devices/virtual" | grep -q "devmodel-loose/" || ark_fail "no /sys/devices/virtual/devmodel-loose"
    expect_line "widget0 0 red"
    expect_line "widget1 1 blue"
    # Unregistered while open: the release waits for the close.
    local held
    held=$(command_output "/ramdisk/modtest hold /dev/widget1 /bin/sh -c \"echo 1 > /sys/class/widget/destroy\"")
    [[ "$held" == *"holding /dev/widget1 open"* ]] || ark_fail "hold did not open /dev/widget1: $held"
    local exit_line release_line
    exit_line=$(grep -n "exited with status 0" <<<"$held" | cut -d: -f1)
    release_line=$(grep -n "devmodel: released widget1 (blue)" <<<"$held" | cut -d: -f1)
    [ -n "$release_line" ] || ark_fail "widget1 was not released at the close: $held"
    [ -n "$exit_line" ] && [ "$release_line" -gt "$exit_line" ] || ark_fail "widget1 released while open: $held"
    [[ "$(command_output "echo 5 > /sys/class/widget/destroy")" == *"No such file"* ]] || ark_fail "destroy of no widget"
    expect_line "1 registered, 1 released"
    command_output "ls /dev" | grep -q "widget1" && ark_fail "/dev/widget1 stayed"
    expect_line "widget1 1 green"           # the lowest free id again
    expect_output "devmodel: released widget0 (red)" "devmodel: released widget1 (green)" \
        "devmodel: exit, 3 released" \
        "devmodel: loose device unregistered with a reference held, released 0" \
        "devmodel: after the last put, released 1"
    # leave=1: the unload removes the device (its release runs while the code is there) and the class.
    expect_output "devmodel: leaving widget0 registered" \
        "dkm: devmodel: exit left device widget0 registered; removed" "devmodel: released widget0 (pink)" \
        "dkm: devmodel: exit left class widget registered; removed"
    command_output "ls /sys/class" | grep -q widget && ark_fail "/sys/class/widget stayed"
    expect_same_values KernelHeap 2
    expect_no_output "no release function" "oops" "kernel panic"
}

@test "slab: kmem_cache with a constructor, kcalloc, krealloc, kstrdup, kasprintf, ERR_PTR" {
    ark_run "insmod $L/slab-cache.ko
cat /proc/slabtest
rmmod slab_cache
poweroff"
    expect_status 0
    expect_output "slab: 8 constructed, aligned 1" "slab: kcalloc zeroed 1" "slab: krealloc kept 33" \
                  "slab: duplicate me, 2 times" "slab: error pointer -28" "slab: real pointer 1" \
                  "slab: cache destroyed"
    expect_line "item 0 tag even0"
    expect_line "item -1 tag fresh"
    expect_line "item 6 tag even6"
    expect_line "constructed 8 size 16"
    expect_no_output "Slab cache still has objects"
}

@test "twofile: one module from two objects, KBUILD_MODNAME, an exported symbol" {
    ark_run "insmod $L/startstop.ko
cat /proc/modules
rmmod startstop
poweroff"
    expect_status 0
    expect_output "startstop: hello from startstop, 1 calls so far" \
                  "startstop: goodbye after 2 calls, 64-bit division gives 333333335"
}

@test "misc: kstrto*, sscanf, string helpers, min/max, atomics and bit operations" {
    ark_run "insmod $L/misc-lib.ko
poweroff"
    expect_status 0
    expect_output "misc: kstrtoint 0 -123" "misc: kstrtoint bad -22 range -34" "misc: kstrtoul 0 31" \
        "misc: kstrtoll 0 -9000000000" "misc: kstrtobool 0 1" "misc: sscanf 4: 12 42 word 7" \
        "misc: snprintf 9 'abcdef-'" "misc: scnprintf 7" "misc: strscpy 2" "misc: strscpy -7 'too'" \
        "[a][b][][c]" "misc: strim 'pad' streq 1 0" "misc: min 3 max 9 clamp 10 min_t 7" \
        "misc: toupper Q isdigit 1" "misc: atomic 16 dec_and_test 0 cmpxchg 15 now 99" \
        "misc: bits first 3 next 65 weight 2" "misc: test_and_clear 1 0 zero 0" \
        "misc: set bit 65" "misc: fls 8 ffs 8 hweight 16" "misc: err 1 -12"
}

@test "faults: a NULL dereference in a sysfs show or a proc_ops read is contained like any module fault" {
    ark_run "insmod $L/lx-oops.ko
cat /sys/kernel/lxoops/boom
lsmod
cat /proc/lxoops
rmmod -f lx_oops
ls /sys/kernel
echo still alive
poweroff"
    expect_status 0
    expect_output "lx_oops: ready" "dkm: oops: lx_oops: page fault at 0x0 in boom_show+0x" \
        "dkm: lx_oops: marked faulted" "still alive"
    printf '%s\n' "$output" | grep -Eq '^ark: pid [0-9]+ \(cat\): killed: a module faulted during its system call$' ||
        ark_fail "the reader was not killed"
    command_output "lsmod" | grep -Eq '^lx_oops +[0-9]+ +[0-9]+ +- +Faulted' || ark_fail "lsmod does not show Faulted"
    # The module's code never runs again: the /proc read fails instead of a second oops.
    [ "$(printf '%s\n' "$output" | grep -c 'dkm: oops:')" -eq 1 ] || ark_fail "module code ran after its fault"
    command_output "ls /sys/kernel" | grep -q lxoops && ark_fail "/sys/kernel/lxoops stayed"
    expect_no_output "kernel panic"
}

@test "faults: a probe that oopses is contained inside the bus's call, and the bus keeps working" {
    ark_run "insmod $L/probe-oops.ko
lsmod
rmmod -f probe_oops
ls /sys/bus/platform/drivers
insmod $L/plat-led.ko
insmod $L/plat-board.ko
rmmod plat_board
rmmod plat_sensor
rmmod plat_led
echo still alive
poweroff"
    expect_status 0
    expect_output "probe_oops: probing ark-oops" "dkm: oops: probe_oops: page fault at 0x0 in oops_probe+0x" \
        "ark-oops ark-oops: probe failed with error -14" "probe_oops: device registered: yes" \
        "dkm: probe_oops: exit left platform driver ark-oops registered; removed" \
        "ark-led.0: probe red:7, regs 0xfed00000 size 0x100, irq 5" "plat_board: exit" "still alive"
    command_output "lsmod" | grep -Eq '^probe_oops +[0-9]+ +[0-9]+ +- +Faulted' || ark_fail "lsmod does not show Faulted"
    [ -z "$(command_output "ls /sys/bus/platform/drivers")" ] || ark_fail "the faulted driver stayed on the bus"
    expect_no_output "kernel panic"
}

@test "dump_stack and WARN: the calls that led there with their symbols, in a process and in an interrupt; WARN_ONCE warns once" {
    ark_run "cat /proc/sys/kernel/tainted
insmod $L/stack-demo.ko
cat /proc/sys/kernel/tainted
rmmod stack_demo
poweroff"
    expect_status 0
    expect_output "stack_demo: dumping the stack 2 calls deep" "stack: process pid" "stack: interrupt (IRQ 0)" \
        "stack_demo: WARN_ON returned 1" "stack_demo: WARN_ONCE true 3 times"
    # The frames, the caller first, each with its symbol and module.
    local dumps
    dumps=$(printf '%s\n' "$output" | sed -n '/dumping the stack 2 calls deep/,/^stack: interrupt/p')
    grep -qE '#0  0x[0-9a-f]{8} stack_demo_inner[.a-z0-9]*\+0x[0-9a-f]+ \[stack_demo\]' <<<"$dumps" || ark_fail "stack_demo_inner is not frame 0"
    grep -qE '#1  0x[0-9a-f]{8} stack_demo_outer\+0x[0-9a-f]+ \[stack_demo\]' <<<"$dumps" || ark_fail "stack_demo_outer is not frame 1"
    grep -q 'sys_dkm_load+0x' <<<"$dumps" || ark_fail "the system call is not on the stack"
    dumps=$(printf '%s\n' "$output" | sed -n '/^stack: interrupt/,/WARNING/p')
    grep -qE '#0  0x[0-9a-f]{8} stack_demo_tick\+0x[0-9a-f]+ \[stack_demo\]' <<<"$dumps" || ark_fail "the timer callback is not frame 0"
    grep -q 'timer_tick+0x' <<<"$dumps" || ark_fail "the timer interrupt is not on the stack"
    local src=$BATS_TEST_DIRNAME/stack/stack-demo.c
    expect_line "WARNING: $ARK_BUILD/tests/linux/stack/stack-demo.c:$(grep -n 'w = WARN_ON' "$src" | cut -d: -f1): jiffies != 0"
    expect_line "WARNING: $ARK_BUILD/tests/linux/stack/stack-demo.c:$(grep -n 'WARN(w,' "$src" | cut -d: -f1): stack_demo: the value was 42"
    [ "$(grep -c 'stack_demo: warned once of 3' <<<"$output")" -eq 1 ] || ark_fail "WARN_ONCE warned more than once"
    [ "$(grep -c '^stack: ' <<<"$output")" -eq 5 ] || ark_fail "expected five stacks: two dump_stack, three warnings"
    # A warning taints the kernel W (bit 9).
    local taints
    mapfile -t taints < <(printf '%s\n' "$output" | grep -E '^[0-9]+$')
    [ $(( ${taints[0]} & 512 )) -eq 0 ] && [ $(( ${taints[1]} & 512 )) -eq 512 ] || ark_fail "taint ${taints[*]}: W not set by the warning"
    expect_no_output "kernel panic" "oops"
}

@test "notifier chains: priority order, a stop, errno through the chain, from a timer; the reboot notifier runs at poweroff; one left registered is removed" {
    ark_run "insmod $L/notifier-demo.ko
rmmod notifier_demo
insmod $L/notifier-demo.ko
poweroff"
    expect_status 0
    expect_output "notifier_demo: called in order 950, returned 1; registered twice -17" \
        "notifier: notifier_demo: block 0x" \
        "notifier_demo: a stop after 95, returned 0x8001" \
        "notifier_demo: from a timer: 950, 3 in interrupt context" \
        "notifier_demo: without the middle one: 90; unregistered twice -2" \
        "notifier_demo: empty 1, an empty chain returns 0" \
        "notifier_demo: blocking chain returned errno -16, then 0"
    # Registered in the second load only (the first unregistered it), and run before the power-off.
    [ "$(grep -c 'the system is going down: action 3 (SYS_POWER_OFF 1)' <<<"$output")" -eq 1 ] || ark_fail "the reboot notifier ran other than once"
    printf '%s\n' "$output" | awk '/the system is going down/ { seen = 1 } /ark: power off/ { exit !seen }' || ark_fail "the reboot notifier did not run before the power-off"
    ark_run "insmod $L/notifier-demo.ko leave=1
rmmod notifier_demo
poweroff"
    expect_status 0
    expect_output "linux: notifier_demo: exit left a reboot notifier registered; removed" "ark: power off"
    expect_no_output "the system is going down" "oops" "kernel panic"
}

@test "idr and ida: lowest free id, lookups, iteration, replace, full and sparse ranges, cyclic, reserved ids, minor numbers" {
    ark_run "$(printf 'insmod %s/idr-demo.ko\nrmmod idr_demo\ncat /proc/meminfo\n' "$L")
$(printf 'insmod %s/idr-demo.ko\nrmmod idr_demo\ncat /proc/meminfo\n' "$L")
poweroff"
    expect_status 0
    expect_lines_times 2 "idr_demo: ids 1 2 3 4 5" \
        "idr_demo: after removing 3 the next is 3; find(4) is pool[3] 1, find(9) 0x00000000" \
        "idr_demo: 5 entries, ids sum 15" "idr_demo: replace gives the old 1, replace of a free id -2" \
        "idr_demo: full range -28, negative start -22, sparse 1000000, reserved 50; 7 with pointers" \
        "idr_demo: empty after destroy 1" "idr_demo: cyclic 10 11 12 then 10 (wrapped to the freed one)" \
        "idr_demo: a thousand ids, half freed and given out again in order: 1" \
        "idr_demo: ida 0 1 2, after freeing 1: 1" \
        "idr_demo: range 10-12: 10 11 12 -28; simple_get 5-6: 5, again -28; min 11: 13" \
        "ida: idr_demo: ida_free of id 99, which is not allocated" "idr_demo: ida empty after destroy 1"
    expect_same_values KernelHeap 2
    expect_no_output "not freed at exit" "oops"
}

@test "misc more: timespec64, math64, log2, circ_buf, llist, per-CPU variables, sort and bsearch, rate limits, credentials, utsname, preemption, random numbers" {
    ark_run "insmod $L/misc-more.ko
rmmod misc_more
poweroff"
    expect_status 0
    expect_output \
        "misc_more: timespec64 sum 2.100000000, difference -2.300000000, -1 ns is -1.999999999, compare 1, valid 0" \
        "misc_more: monotonic clock 1" \
        "misc_more: div_u64_rem 1428571428 rem 5, div_s64 -3333333333, div64_u64 134217728, mul_u32_u32 18446744065119617025, mul_u64_u32_div 1073741824000" \
        "misc_more: ilog2 1 0, 1000 9, 2^40 40; power of 2: 64 1, 96 0; roundup 33 64, rounddown 33 32, order_base_2 5 3" \
        "misc_more: ring head 10 tail 12: count 14, space 1, count to end 4, space to end 1" \
        "misc_more: llist: first add found it empty 1 time, taken oldest first 01234, empty now 1" \
        "misc_more: 1 cpu, online 1, hits 3, per_cpu(hits, 0) 3, on_each_cpu ran with interrupts off 1, smp_call_function_single(1) -6" \
        "misc_more: alloc_percpu 7" \
        "misc_more: sort sorted 1, first -20 last 43; bsearch finds 17 1, not 99 1" \
        "misc_more: 3 a minute allows 3 of 10" \
        "misc_more: uid 0 gid 0, sysname ark, machine i686" \
        "misc_more: preempt_count 0, inside preempt_disable 1, in_atomic there 1, after 0" \
        "misc_more: random: 8 values 7 apart, below 10 always 1, 100 bytes with few zeros, in [5, 5] 5"
    # pr_info_ratelimited: 30 calls in well under 5 s, 10 printed.
    [ "$(grep -c '^misc_more: a rate-limited message$' <<<"$output")" -eq 10 ] || ark_fail "the rate limit let other than 10 through"
    expect_no_output "oops" "kernel panic"
}

@test "rbtree: a thousand scrambled inserts and half erased with the invariants checked throughout, walks, find, replace, a cached tree, a post-order free" {
    ark_run "$(printf 'insmod %s/rbtree-demo.ko\nrmmod rbtree_demo\ncat /proc/meminfo\n' "$L")
$(printf 'insmod %s/rbtree-demo.ko\nrmmod rbtree_demo\ncat /proc/meminfo\n' "$L")
poweroff"
    expect_status 0
    expect_lines_times 2 "rbtree_demo: 1000 inserted, valid 1, depth at most 2 log2(n+1) 1, in order 1, reverse 1" \
        "rbtree_demo: erased the even keys: 500 left, valid 1, all found and none left 1, find(4) 0, find(5) 1" \
        "rbtree_demo: rb_find_add of a taken key returns the one there 1" \
        "rbtree_demo: replaced key 5: found the new one 1, valid 1" \
        "rbtree_demo: cached leftmost 0, after erasing it 10" "rbtree_demo: post-order walk freed 500, empty 1"
    expect_same_values KernelHeap 2
    expect_no_output "not freed at exit" "oops"
}

@test "tty: get_current_tty writes to the loading process's terminal, not the kernel log; a kernel thread has none" {
    ark_run "insmod $L/tty-demo.ko
dmesg
rmmod tty_demo
poweroff"
    expect_status 0
    expect_line "tty_demo: hello on the terminal of the process that loaded me"
    expect_line "tty_demo: goodbye from rmmod's terminal"
    expect_output "tty_demo: a kernel thread has a terminal: 0; write room 4096, name console"
    # Written to the terminal, so not in the kernel's log, where printk's lines are.
    command_output "dmesg" | grep -q "a kernel thread has a terminal" || ark_fail "dmesg shows no printk line"
    command_output "dmesg" | grep -q "hello on the terminal" && ark_fail "the terminal write went to the kernel log"
    expect_no_output "oops"
}

@test "dma: masks, coherent buffers at their physical address and below a mask, managed ones, streaming maps both ways, errors, what an exit forgets" {
    ark_run "cat /proc/meminfo
insmod $L/dma-demo.ko
rmmod dma_demo
cat /proc/meminfo
insmod $L/dma-demo.ko leave=1
rmmod dma_demo
cat /proc/meminfo
poweroff"
    expect_status 0
    expect_lines_times 2 "dma_demo: 20-bit mask -5, 32-bit mask 0, mask now 0xffffffff" \
        "dma_demo: coherent: page-aligned 1, handle is its physical address 1, zeroed 1" \
        "dma_demo: coherent under a 24-bit mask: 1, below 16 MiB 1" "dma_demo: managed coherent: 1" \
        "dma_demo: to device: mapped 1, the device reads the data 1, a small buffer maps in place 1" \
        "dma_demo: from device: the CPU sees the writes after sync 1 and after unmap 1" \
        "dma_demo: bidirectional: the device reads 1, the CPU sees its writes 1" \
        "dma_demo: a bad direction: mapping error 1" \
        "dma: dma_demo: dma_unmap_single of 0x00001234, which is not mapped"
    expect_output "linux: dma_demo: exit left a 64-byte DMA mapping at 0x" \
        "linux: dma_demo: exit left a 4096-byte coherent DMA buffer at 0x" \
        "dkm: dma_demo: removed 2 objects the module left registered"
    [ "$(grep -c 'exit left' <<<"$output")" -eq 2 ] || ark_fail "the first round left something"
    # Every frame comes back: the managed buffer with the device, the forgotten ones at unload.
    expect_same_values PagesFree 3
    expect_no_output "oops" "kernel panic"
}

@test "pages: __get_free_pages blocks consecutive and zeroed, below 16 MiB for GFP_DMA, get_order, wrong frees caught, a forgotten block freed" {
    ark_run "cat /proc/meminfo
insmod $L/pages-demo.ko
rmmod pages_demo
cat /proc/meminfo
insmod $L/pages-demo.ko leave=1
rmmod pages_demo
cat /proc/meminfo
poweroff"
    expect_status 0
    expect_lines_times 2 "pages_demo: page-aligned 1, order-2 block consecutive 1, zeroed page 1, ISA block below 16 MiB 1" \
        "pages_demo: get_order 1 0, 4096 0, 4097 1, 65536 4; total pages above 1000 1" \
        "mm: pages_demo: __get_free_pages of order 11 (at most 10)" "pages_demo: a block of order 11 refused"
    [ "$(grep -c 'with order 1, taken with order 2; ignored' <<<"$output")" -eq 2 ] || ark_fail "the wrong order was not caught"
    [ "$(grep -c 'which __get_free_pages did not give out; ignored' <<<"$output")" -eq 2 ] || ark_fail "the foreign free was not caught"
    expect_output "linux: pages_demo: exit left 2 pages at 0x"
    expect_same_values PagesFree 3
    expect_no_output "oops" "kernel panic"
}

@test "devm resources: a GPIO line and its interrupt taken with devm_, freed with the device; devm_free_irq early; a wrong one reported" {
    local G=/sys/kernel/debug
    ark_run "insmod $L/devm-button.ko
echo 30 1 > $G/gpio-sim
echo 30 0 > $G/gpio-sim
echo 30 1 > $G/gpio-sim
cat $G/gpio
rmmod devm_button
cat /dev/null $G/gpio
echo 30 0 > $G/gpio-sim
echo 30 1 > $G/gpio-sim
insmod $L/devm-button.ko early_free=1
echo 30 0 > $G/gpio-sim
echo 30 1 > $G/gpio-sim
rmmod devm_button
poweroff"
    expect_status 0
    expect_lines_times 1 "devm-button.7: button 7 on gpio 30 ready" \
        "devm_button: button 7 on gpio 30 pressed (1)" "devm_button: button 7 on gpio 30 pressed (2)" \
        "devm-button.7: button 7 on gpio 30 ready, its handler already given back"
    expect_lines_times 2 "devm-button.7: remove (the managed resources go after this)"
    [ "$(grep -c 'devm_free_irq of IRQ [0-9]*, which devm_request_irq did not give it' <<<"$output")" -eq 2 ] ||
        ark_fail "the wrong devm_free_irq was not reported"
    [ "$(grep -c 'pressed' <<<"$output")" -eq 2 ] || ark_fail "a press reached a handler that was given back"
    command_output "cat $G/gpio" | grep -q 'gpio-30  (devm-button         ) in  hi IRQ' || ark_fail "the line and its IRQ while bound"
    command_output "cat /dev/null $G/gpio" | grep -q 'devm-button' && ark_fail "the line stayed requested after the unload"
    expect_no_output "left registered" "oops" "kernel panic" "in use"
}
