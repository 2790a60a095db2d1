#!/usr/bin/env bats
# boot.bats — ark boots to the shell prompt, runs programs, shows /proc, and powers off cleanly;
# the README's piped example works as written.

load lib

@test "boots to the root prompt and poweroff exits with status 0" {
    ark_run "poweroff"
    expect_status 0
    expect_output "ark# poweroff" "ark: power off"
}

@test "boot-to-prompt time is reported" {
    local fifo=$BATS_TEST_TMPDIR/console.in log=$BATS_TEST_TMPDIR/boot.log
    mkfifo "$fifo"
    "$ARK_RUN" --timeout "$ARK_TIMEOUT" <"$fifo" >"$log" 2>&1 3>&- &
    local pid=$!
    exec {feed}>"$fifo"
    local start=${EPOCHREALTIME/./} now elapsed_us=0
    while ! grep -q 'ark# ' "$log"; do
        now=${EPOCHREALTIME/./}
        elapsed_us=$((now - start))
        if [ "$elapsed_us" -gt $((ARK_TIMEOUT * 1000000)) ] || ! kill -0 "$pid" 2>/dev/null; then
            exec {feed}>&-
            wait "$pid"
            status=$?
            output=$(tr -d '\r' <"$log")
            ark_fail "no prompt after $((elapsed_us / 1000)) ms"
        fi
        sleep 0.02
    done
    elapsed_us=$(( ${EPOCHREALTIME/./} - start ))
    printf 'uptime\npoweroff\n' >&"$feed"
    exec {feed}>&-
    wait "$pid"
    status=$?
    output=$(tr -d '\r' <"$log")
    expect_status 0
    local guest
    guest=$(printf '%s\n' "$output" | sed -n 's/.*(\([0-9]*\) ms).*/\1/p' | head -n 1)
    echo "# boot to prompt: $((elapsed_us / 1000)) ms wall clock from starting ark-run (QEMU start-up included); guest uptime at the first command: ${guest:-?} ms" >&3
}

@test "the README pipe: echo, cat /proc/meminfo, ls /ramdisk, poweroff" {
    run bash -c "printf 'echo hello\ncat /proc/meminfo\nls /ramdisk\npoweroff\n' | '$ARK_RUN' --timeout $ARK_TIMEOUT 2>&1"
    output=${output//$'\r'/}
    expect_status 0
    expect_output "ark: power off"
    [ "$(command_output 'echo hello')" = "hello" ] || ark_fail "echo hello did not print hello"
    command_output "cat /proc/meminfo" | grep -q '^MemTotal: *[1-9][0-9]* kB' \
        || ark_fail "no MemTotal line in cat /proc/meminfo"
    command_output "ls /ramdisk" | grep -q ' bin/$' || ark_fail "ls /ramdisk does not show bin/"
}

@test "a program runs with arguments" {
    ark_run 'echo one "two  three" four
ls /bin
poweroff'
    expect_status 0
    [ "$(command_output 'echo one "two  three" four')" = "one two  three four" ] \
        || ark_fail "echo did not print its arguments"
    command_output "ls /bin" | grep -Eq '^file +[0-9]+  sh$' || ark_fail "ls /bin does not list sh"
}

@test "cat /proc/meminfo shows pages and the kernel heap" {
    ark_run "cat /proc/meminfo
poweroff"
    expect_status 0
    local info
    info=$(command_output "cat /proc/meminfo")
    grep -Eq '^MemTotal: +[1-9][0-9]* kB' <<<"$info" || ark_fail "no MemTotal"
    grep -Eq '^MemFree: +[1-9][0-9]* kB' <<<"$info" || ark_fail "no MemFree"
    grep -Eq '^KernelHeap: +[1-9][0-9]* bytes' <<<"$info" || ark_fail "no KernelHeap"
}

@test "help lists the builtins and the programs in /bin" {
    ark_run "help
poweroff"
    expect_status 0
    local text
    text=$(command_output help)
    for word in help exit cat ls dmesg echo poweroff runas; do
        grep -qw -- "$word" <<<"$text" || ark_fail "help does not mention $word"
    done
}

@test "dmesg shows the kernel log, id and uptime work" {
    ark_run "dmesg
id
uptime
poweroff"
    expect_status 0
    [ "$(command_output dmesg | wc -l)" -ge 3 ] || ark_fail "dmesg printed fewer than 3 lines"
    command_output id | grep -Eq '^uid=0\(root\) pid=[0-9]+$' || ark_fail "id output malformed"
    command_output uptime | grep -Eq '^up 0:00:[0-9]{2}\.[0-9]{3} \([0-9]+ ms\)$' \
        || ark_fail "uptime output malformed"
}
