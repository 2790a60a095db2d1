#!/usr/bin/env bats
# concurrency.bats — the module system while other things run: concurrent loads and unloads of
# the same module from several jobs while a timer module fires, self-destroying timers during
# unload, leftover threads and work, filling module memory, a long soak with background jobs, and
# the examples with kernel threads, wait queues and mutexes.

load helpers

# The values of KEY in every `cat /proc/meminfo` printed, one per line.
meminfo_values() {
    printf '%s\n' "$output" | awk -v k="$1:" '$1 == k { print $2 }'
}

# Fails unless each of DkmUsed, KernelHeap and MemFree was printed at least twice and its first and
# last values are equal.
expect_memory_at_baseline() {
    local key values
    for key in DkmUsed KernelHeap MemFree; do
        values=$(meminfo_values "$key")
        [ "$(grep -c . <<<"$values")" -ge 2 ] || ark_fail "$key was not printed twice"
        [ "$(head -n 1 <<<"$values")" = "$(tail -n 1 <<<"$values")" ] ||
            ark_fail "$key went from $(head -n 1 <<<"$values") to $(tail -n 1 <<<"$values")"
    done
}

@test "waves of concurrent loads and unloads of the same module while a timer fires" {
    local cmds wave
    cmds="strapper load /ramdisk/timer.elf period_ms=3
strapper load /ramdisk/hello.elf
strapper unload hello
cat /proc/meminfo"
    for wave in 1 2 3 4; do
        cmds+="
strapper load /ramdisk/hello.elf &
strapper load /ramdisk/hello.elf &
strapper load /ramdisk/hello.elf &
strapper load /ramdisk/procfs.elf &
strapper load $DKMT/dkmt_params.elf &
wait
echo wave $wave loaded
strapper list
strapper unload hello &
strapper unload hello &
strapper unload procfs &
strapper unload dkmt_params &
wait
echo wave $wave unloaded
strapper list"
    done
    cmds+="
cat /proc/timer_ticks
cat /proc/meminfo
poweroff"
    ARK_TIMEOUT=120 ark_run "$cmds" --cmdline loglevel=4
    expect_status 0
    expect_no_output "panic"
    for wave in 1 2 3 4; do
        local listing
        listing=$(printf '%s\n' "$output" | awk -v w="wave $wave loaded" '
            $0 == w { on = 1; next } on && /^ark# strapper unload/ { exit } on { print }')
        [ "$(grep -c '^hello ' <<<"$listing")" -eq 1 ] || ark_fail "wave $wave: hello not listed once"
        grep -q '^procfs ' <<<"$listing" || ark_fail "wave $wave: procfs not loaded"
        grep -q '^dkmt_params ' <<<"$listing" || ark_fail "wave $wave: dkmt_params not loaded"
        listing=$(printf '%s\n' "$output" | awk -v w="wave $wave unloaded" '
            $0 == w { on = 1; next } on && /^ark# / && !/^ark# strapper list/ { exit } on { print }')
        grep -q '^timer ' <<<"$listing" || ark_fail "wave $wave: timer module gone"
        ! grep -Eq '^(hello|procfs|dkmt_params) ' <<<"$listing" || ark_fail "wave $wave: left loaded"
    done
    # The losers of each race waited and were told; twelve times in all.
    [ "$(grep -c 'load /ramdisk/hello.elf: a module named hello is already loaded' <<<"$output")" -eq 8 ] ||
        ark_fail "the losing loads were not told 'already loaded' exactly twice per wave"
    [ "$(grep -c "unload hello: module 'hello' is not loaded" <<<"$output")" -eq 4 ] ||
        ark_fail "the losing unloads were not told 'not loaded' once per wave"
    expect_memory_at_baseline
}

@test "a timer that destroys itself while its module unloads, 2000 times" {
    ARK_TIMEOUT=120 ark_run "dkmtest soak 2 $DKMT/dkmt_selftimer.elf dkmt_selftimer
dkmtest soak 2000 $DKMT/dkmt_selftimer.elf dkmt_selftimer
poweroff" --cmdline loglevel=4
    expect_status 0
    printf '%s\n' "$output" | grep -Eq '^dkmtest: soak 2000 rounds of 1 module in [0-9]+ ms; DkmUsed ([0-9]+)->\1 KernelHeap ([0-9]+)->\2 MemFree ([0-9]+)->\3$' ||
        ark_fail "memory moved over the 2000 cycles"
}

@test "unload stops a module's leftover thread, its work and its timer" {
    ark_run "strapper load $DKMT/dkmt_leak.elf
sleep 50
ps
strapper unload dkmt_leak
ps
dkmtest soak 2 $DKMT/dkmt_leak.elf dkmt_leak
dkmtest soak 200 $DKMT/dkmt_leak.elf dkmt_leak
dmesg
poweroff"
    expect_status 0
    printf '%s\n' "$output" | grep -Eq '^ +[0-9]+ +0 +0 [RS] +\[leaky/dkmt_leak\]$' ||
        ark_fail "ps did not show the module's thread as [leaky/dkmt_leak]"
    expect_output "kthread: module 'dkmt_leak' left thread [leaky] running; stopping it"
    expect_output "timer: module 'dkmt_leak' left a timer armed"
    [ "$(grep -c 'leaky/dkmt_leak' <<<"$output")" -eq 1 ] || ark_fail "the thread outlived the unload"
    printf '%s\n' "$output" | grep -Eq '^dkmtest: soak 200 rounds of 1 module in [0-9]+ ms; DkmUsed ([0-9]+)->\1 KernelHeap ([0-9]+)->\2 MemFree ([0-9]+)->\3$' ||
        ark_fail "memory moved over 200 cycles of the careless module"
}

@test "filling module memory: loads fail with sizes, then lsmod and rmmod clean up everything" {
    local args=() cmds="cat /proc/meminfo" i
    for i in $(seq -f '%02g' 1 16); do
        args+=(--file "$ARK_BUILD/tests/system-dkm/dkmt_hog.elf:/ramdisk/hog/h$i.elf")
        cmds+=$'\n'"strapper load /ramdisk/hog/h$i.elf"
    done
    cmds+=$'\n'"lsmod"$'\n'"ps"$'\n'"echo shell-still-runs"
    for i in $(seq -f '%02g' 1 16); do
        cmds+=$'\n'"rmmod h$i"
    done
    cmds+=$'\n'"strapper list"$'\n'"cat /proc/meminfo"$'\n'"poweroff"
    ARK_TIMEOUT=120 ark_run "$cmds" --cmdline loglevel=4 "${args[@]}"
    expect_status 0
    printf '%s\n' "$output" | grep -Eq '^strapper: load /ramdisk/hog/h[0-9]+\.elf: out of memory: the module needs [0-9]+ bytes of module memory; [0-9]+ bytes are free, of which [0-9]+ are kept in reserve for the system$' ||
        ark_fail "no 'out of memory' with the sizes"
    local loaded
    loaded=$(command_output lsmod | grep -c '^h[0-9][0-9] ')
    [ "$loaded" -ge 8 ] && [ "$loaded" -lt 16 ] || ark_fail "$loaded hogs loaded: memory was not filled"
    expect_line "shell-still-runs"
    [ "$(command_output "strapper list" | grep -c '^h[0-9]')" -eq 0 ] || ark_fail "hogs left loaded"
    expect_memory_at_baseline
}

@test "soak: 2000 load/unload cycles with background jobs running, exact baseline at the end" {
    ARK_TIMEOUT=180 ark_run "dkmtest soak 2 $DKMT/dkmt_params.elf dkmt_params /ramdisk/worker.elf worker
spin &
sleep 100000 &
sleep 1 &
wait %3
kill %1 %2
wait
cat /proc/meminfo
spin &
sleep 100000 &
dkmtest soak 1000 $DKMT/dkmt_params.elf dkmt_params /ramdisk/worker.elf worker
jobs
kill %1 %2
wait
strapper list
cat /proc/meminfo
poweroff" --cmdline loglevel=4
    expect_status 0
    expect_output "dkmtest: soak 1000 rounds of 2 modules in"
    printf '%s\n' "$output" | grep -Eq '^\[1\] [0-9]+ +Running +spin$' ||
        ark_fail "the CPU-bound job was not running during the soak"
    [ "$(command_output "strapper list" | grep -c .)" -eq 1 ] || ark_fail "modules left loaded"
    expect_memory_at_baseline
}

@test "worker: a kernel thread counts every 10 ms in /proc/worker; unload stops it" {
    ark_run "strapper load /ramdisk/worker.elf
sleep 300
cat /proc/worker
sleep 300
cat /proc/worker
ps
strapper unload worker
ps
cat /proc/worker
poweroff"
    expect_status 0
    local counts first second
    counts=$(printf '%s\n' "$output" | awk '/^ark# cat \/proc\/worker$/ { getline; print }')
    first=$(sed -n 1p <<<"$counts")
    second=$(sed -n 2p <<<"$counts")
    [[ $first =~ ^[0-9]+$ && $second =~ ^[0-9]+$ ]] || ark_fail "/proc/worker is not a decimal count"
    (( first >= 10 && second > first )) || ark_fail "the count did not advance: $first then $second"
    [ "$(grep -c '\[counter/worker\]' <<<"$output")" -eq 1 ] || ark_fail "ps did not show [counter/worker] once"
    expect_output "cat: /proc/worker: No such file or directory"
}

@test "waitdev: a read sleeps on a wait queue until someone writes" {
    ark_run "strapper load /ramdisk/waitdev.elf
cat /dev/waitdev &
sleep 100
ps
strapper unload waitdev
echo first-message > /dev/waitdev
wait
cat /dev/waitdev &
kill %1
wait
strapper unload waitdev
strapper list
poweroff"
    expect_status 0
    printf '%s\n' "$output" | grep -Eq '^ +[0-9]+ +[0-9]+ +0 S +cat$' || ark_fail "the reader was not asleep"
    expect_output "strapper: unload waitdev: module 'waitdev' is in use"
    expect_line "first-message"
    printf '%s\n' "$output" | grep -Eq '^\[1\] Killed +cat /dev/waitdev \(signal 15\)$' ||
        ark_fail "the killed reader was not reported"
    [ "$(command_output "strapper list" | grep -c waitdev)" -eq 0 ] || ark_fail "waitdev still loaded"
}

@test "mutexpair: two kernel threads serialised by a mutex lose no update" {
    ark_run "strapper load /ramdisk/mutexpair.elf rounds=40
cat /proc/mutexpair
ps
strapper unload mutexpair
ps
poweroff"
    expect_status 0
    expect_line "total 80 of 80, 2 of 2 threads done"
    [ "$(grep -c '\[adder[01]/mutexpair\]' <<<"$output")" -eq 2 ] || ark_fail "ps did not show both threads"
}

@test "a GOING module: still listed, its files refuse new opens, a new load waits for the unload" {
    ark_run "strapper load $DKMT/dkmt_slow.elf
cat /proc/dkmt_slow
strapper unload dkmt_slow &
sleep 200
cat /proc/modules
cat /proc/dkmt_slow
strapper load $DKMT/dkmt_slow.elf
cat /proc/dkmt_slow
strapper unload dkmt_slow
strapper list
poweroff"
    expect_status 0
    printf '%s\n' "$output" | grep -Eq '^dkmt_slow [0-9]+ 0 - Unloading 0x[0-9a-f]+( \([A-Z]+\))?$' ||
        ark_fail "/proc/modules did not show the module unloading"
    expect_output "cat: /proc/dkmt_slow: No such device or address"
    # The second load waited for the first unload to finish, then succeeded.
    local order
    order=$(printf '%s\n' "$output" | grep -o 'dkmt_slow: exit ends\|dkmt_slow: live' | tr '\n' ' ')
    [ "$order" = "dkmt_slow: live dkmt_slow: exit ends dkmt_slow: live dkmt_slow: exit ends " ] ||
        ark_fail "wrong order of events: $order"
    [ "$(command_output "strapper list" | grep -c dkmt_slow)" -eq 0 ] || ark_fail "still loaded"
}
