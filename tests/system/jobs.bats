#!/usr/bin/env bats
# jobs.bats — the scheduler seen from the shell: background jobs, a CPU-bound program that must not
# freeze anything, sleeps that overlap, kill, wait, Ctrl-C, ps, and the per-user process limit.

load lib

# The uptime in ms printed by the Nth `uptime` command (1-based).
uptime_ms_nth() {
    printf '%s\n' "$output" | sed -n 's/^up .*(\([0-9]*\) ms)$/\1/p' | sed -n "${1}p"
}

@test "an unprivileged CPU-bound background program does not freeze the shell" {
    ark_run "runas 1000 spin &
echo alive
uptime
sleep 100
uptime
ps
kill %1
wait
ps
poweroff"
    expect_status 0
    expect_line "alive"
    printf '%s\n' "$output" | grep -Eq '^\[1\] [0-9]+$' || ark_fail "no '[1] PID' for the job"
    # The shell's own sleep still ends on time although spin never gives up the CPU by itself.
    local t1 t2
    t1=$(uptime_ms_nth 1)
    t2=$(uptime_ms_nth 2)
    [ -n "$t1" ] && [ -n "$t2" ] || ark_fail "uptime not printed"
    (( t2 - t1 >= 100 && t2 - t1 < 2000 )) || ark_fail "sleep 100 took $((t2 - t1)) ms"
    # ps before the kill shows spin running as uid 1000; after it, spin is gone.
    local first second
    first=$(printf '%s\n' "$output" | awk '/^ark# ps$/ { n++ } n == 1 && !/^ark# ps$/ { print } /^ark# kill/ { exit }')
    second=$(printf '%s\n' "$output" | awk '/^ark# ps$/ { n++ } n == 2 && !/^ark# ps$/ { print }')
    grep -Eq '^ +[0-9]+ +[0-9]+ +1000 R +spin$' <<<"$first" || ark_fail "spin not shown running as 1000"
    ! grep -q ' spin$' <<<"$second" || ark_fail "spin still listed after kill %1"
}

@test "two background sleep 400 jobs finish together in about 400 ms" {
    ark_run "uptime
sleep 400 &
sleep 400 &
wait
uptime
poweroff"
    expect_status 0
    local t1 t2
    t1=$(uptime_ms_nth 1)
    t2=$(uptime_ms_nth 2)
    (( t2 - t1 >= 400 )) || ark_fail "both sleeps done after only $((t2 - t1)) ms"
    (( t2 - t1 < 800 )) || ark_fail "the sleeps took $((t2 - t1)) ms: they did not overlap"
    printf '%s\n' "$output" | grep -Eq '^\[2\] [0-9]+$' || ark_fail "second job not numbered [2]"
}

@test "kill %1 ends a job; jobs and ps show it before, not after" {
    ark_run "sleep 100000 &
jobs
ps
kill %1
wait %1
jobs
ps
kill %7
kill -HUP %1
wait 99999
poweroff"
    expect_status 0
    printf '%s\n' "$output" | grep -Eq '^\[1\] [0-9]+ +Running +sleep 100000$' || ark_fail "jobs did not list it"
    local before after
    before=$(printf '%s\n' "$output" | awk '/^ark# ps$/ { n++ } n == 1 && !/^ark# ps$/ { print } /^ark# kill %1/ { exit }')
    after=$(printf '%s\n' "$output" | awk '/^ark# ps$/ { n++ } n == 2 && !/^ark# ps$/ { print }')
    grep -Eq ' [RS] +sleep$' <<<"$before" || ark_fail "ps did not show the job"
    ! grep -q ' sleep$' <<<"$after" || ark_fail "the job is still listed after kill"
    [ "$(printf '%s\n' "$output" | grep -c 'Running')" -eq 1 ] || ark_fail "jobs listed it after the kill"
    expect_output "sh: kill: %7: no such job" "sh: kill: HUP: unknown signal (INT, TERM or KILL)"
    expect_output "sh: wait: 99999: not a child of this shell"
}

@test "a background job is reported when it finishes; & must end a command" {
    ark_run "sleep 10 &
sleep 100
echo next
sleep 1 & echo no
poweroff"
    expect_status 0
    expect_output "[1] Done      sleep 10"
    expect_output "sh: syntax error: '&' must end a command"
}

# Ctrl-C has to arrive while the program runs, not typed ahead: feed the console through a FIFO
# and send it once spin has said it started.
@test "Ctrl-C ends the foreground program and the shell carries on" {
    local fifo=$BATS_TEST_TMPDIR/console-in log=$BATS_TEST_TMPDIR/console-out
    mkfifo "$fifo"
    "$ARK_RUN" --timeout 60 <"$fifo" >"$log" 2>&1 &
    local qpid=$!
    local fd
    exec {fd}>"$fifo"
    printf 'spin\n' >&"$fd"
    local waited=0
    until grep -q '^spin: pid [0-9]* running' "$log" 2>/dev/null; do
        sleep 0.2
        waited=$((waited + 1))
        [ "$waited" -lt 250 ] || break
    done
    printf '\003' >&"$fd"
    printf 'echo after-ctrl-c\npoweroff\n' >&"$fd"
    exec {fd}>&-
    status=0
    wait "$qpid" || status=$?
    output=$(tr -d '\r' <"$log")
    mapfile -t lines <<<"$output"
    expect_status 0
    expect_output "spin: pid"
    expect_line "^C"
    expect_line "after-ctrl-c"
}

@test "a user's processes, zombies included, are bounded; the machine stays usable" {
    ark_run "cat /proc/meminfo
runas 1000 spawnmany 100
runas 1000 spawnmany 100
cat /proc/meminfo
echo still-fine
poweroff"
    expect_status 0
    # runas and spawnmany count too: 62 children reach the limit of 64.
    [ "$(grep -c '^spawnmany: started 62 of 100, then: Resource temporarily unavailable$' <<<"$output")" -eq 2 ] ||
        ark_fail "the per-user limit did not stop spawnmany at 62 twice"
    expect_line "still-fine"
    # Every zombie was freed when collected.
    local heap
    heap=$(printf '%s\n' "$output" | awk '$1 == "KernelHeap:" { print $2 }' | sort -u | wc -l)
    [ "$heap" -eq 1 ] || ark_fail "KernelHeap did not come back: zombies or orphans were kept"
}
