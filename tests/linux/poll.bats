#!/usr/bin/env bats
# System tests of poll(2): the poll program over a Linux-style device whose file_operations.poll
# uses poll_wait (tests/linux/poll/poll-box.c), over a native device with a poll function
# (tests/system-dkm/mods/dkmt_poll.c), and over devices without one (always ready).

load ../system/lib

@test "poll on a Linux-style device: ready after a write, sleeps until woken, times out, killable" {
    ark_run "insmod /ramdisk/linux/poll-box.ko
poll -t 0 /dev/pollbox
poll -w -t 0 /dev/pollbox
poll -r -t 30000 /dev/pollbox &
sleep 300
echo hello > /dev/pollbox
wait
poll -t 300 /dev/pollbox
echo again > /dev/pollbox
poll -t 1 /dev/pollbox
poll -w -t 1 /dev/pollbox
poll -t 0 /dev/null /dev/pollbox
poll -t 0 /proc/pollbox
cat /dev/pollbox
poll -w -t 0 /proc/pollbox
poll /dev/pollbox &
sleep 300
kill -KILL %1
wait
rmmod poll_box
poweroff"
    expect_status 0
    [[ "$(command_output "poll -t 0 /dev/pollbox")" =~ ^poll:\ timeout\ after\ [0-9]+\ ms$ ]] ||
        ark_fail "an empty box is not readable"
    [ "$(command_output "poll -w -t 0 /dev/pollbox")" = "/dev/pollbox: out" ] ||
        ark_fail "an empty box is writable"
    # the background poller was woken by the write (it may have slept or not: see the autofill test)
    # (the job's lines come after the write, before or after the shell's next prompt)
    local bg
    bg=$(printf '%s\n' "$output" | sed -n '/^ark# echo hello > \/dev\/pollbox$/,/^ark# poll -t 300 /p')
    [[ "$bg" == *"/dev/pollbox: in"*"/dev/pollbox: read 6 bytes: hello"* ]] || ark_fail "woken poller: $bg"
    local t
    t=$(command_output "poll -t 300 /dev/pollbox" | sed -n 's/^poll: timeout after \([0-9]*\) ms$/\1/p')
    [ -n "$t" ] && [ "$t" -ge 300 ] && [ "$t" -lt 20000 ] || ark_fail "timeout of 300 ms took '$t'"
    [ "$(command_output "poll -t 1 /dev/pollbox")" = "/dev/pollbox: in" ] || ark_fail "full box readable"
    [[ "$(command_output "poll -w -t 1 /dev/pollbox")" =~ ^poll:\ timeout\ after\ [0-9]+\ ms$ ]] ||
        ark_fail "a full box is not writable"
    [ "$(command_output "poll -t 0 /dev/null /dev/pollbox")" = "$(printf '/dev/null: in\n/dev/pollbox: in')" ] ||
        ark_fail "two files"
    # /proc/pollbox is the same box through proc_ops.proc_poll
    [ "$(command_output "poll -t 0 /proc/pollbox")" = "/proc/pollbox: in" ] || ark_fail "proc_poll, full"
    [ "$(command_output "poll -w -t 0 /proc/pollbox")" = "/proc/pollbox: out" ] || ark_fail "proc_poll, empty"
    expect_output "Killed    poll /dev/pollbox (signal 9)"
    expect_output "pollbox: gone" "dkm: poll_box: unloaded"
}

@test "poll sleeps until a wake-up that comes only after it started waiting (timer, interrupt context)" {
    ark_run "insmod /ramdisk/linux/poll-box.ko autofill_ms=200
poll -r -t 30000 /dev/pollbox
poll -r -t 30000 /proc/pollbox
rmmod poll_box
poweroff"
    expect_status 0
    # the timer is armed by the poller's own first pass, which found the box empty
    [ "$(command_output "poll -r -t 30000 /dev/pollbox")" = \
      "$(printf 'pollbox: box empty, poller waits\n/dev/pollbox: in\n/dev/pollbox: read 5 bytes: auto\n')" ] ||
        ark_fail "device poller not woken by the timer"
    [ "$(command_output "poll -r -t 30000 /proc/pollbox")" = \
      "$(printf 'pollbox: box empty, poller waits\n/proc/pollbox: in\n/proc/pollbox: read 5 bytes: auto\n')" ] ||
        ark_fail "proc poller not woken by the timer"
    expect_output "dkm: poll_box: unloaded"
}

@test "poll on a native device's poll function and on devices without one" {
    ark_run "insmod /ramdisk/dkmt/dkmt_poll.elf
poll -t 0 /dev/dkmtpoll
poll -w -t 0 /dev/dkmtpoll
poll -r -t 30000 /dev/dkmtpoll &
sleep 300
echo native > /dev/dkmtpoll
wait
poll -t 0 /dev/zero
poll -w -t 0 /dev/null
poll -t 50 /ramdisk/modules.alias
poll /no/such/file
rmmod dkmt_poll
poweroff"
    expect_status 0
    [[ "$(command_output "poll -t 0 /dev/dkmtpoll")" =~ ^poll:\ timeout\ after\ [0-9]+\ ms$ ]] || ark_fail "empty box"
    [ "$(command_output "poll -w -t 0 /dev/dkmtpoll")" = "/dev/dkmtpoll: out" ] || ark_fail "empty box writable"
    local bg
    bg=$(printf '%s\n' "$output" | sed -n '/^ark# echo native > \/dev\/dkmtpoll$/,/^ark# poll -t 0 \/dev\/zero$/p')
    [[ "$bg" == *"/dev/dkmtpoll: in"*"/dev/dkmtpoll: read 7 bytes: native"* ]] || ark_fail "woken poller: $bg"
    expect_line "/dev/zero: in"
    expect_line "/dev/null: out"
    expect_line "/ramdisk/modules.alias: in"
    expect_output "poll: /no/such/file: "
    expect_output "dkm: dkmt_poll: unloaded"
}
