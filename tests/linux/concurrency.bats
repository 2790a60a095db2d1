#!/usr/bin/env bats
# System tests of the Linux layer's concurrency and time headers: Linux-style modules with kernel
# threads, completions, work queues, tasklets, locks, timers, a shared interrupt line and a wait
# queue (tests/linux/*/), loaded with insmod inside ark under QEMU. Each checks the module's log
# lines, then that its unload left nothing: no thread in ps, no module in lsmod, no sweep warning,
# and the kernel heap the same after a second load and unload as after the first.

load ../system/lib

L=/ramdisk/linux

# Values of every "KEY: N" line of the output, in order.
values_of() {
    printf '%s\n' "$output" | sed -n "s/^$1:[[:space:]]*\([0-9]*\).*/\1/p"
}

# What the last ps printed.
last_ps() {
    printf '%s\n' "$output" | awk '/^ark# ps$/ { buf = ""; on = 1; next } /^ark# / { on = 0 } on { buf = buf $0 "\n" } END { printf "%s", buf }'
}

# Console commands: load $1 (with arguments $3...) and unload it as $2, twice, with
# /proc/meminfo after each round and ps, lsmod after the last.
two_rounds() {
    local ko=$1 name=$2
    shift 2
    local args="$*"
    printf 'insmod %s/%s %s\nrmmod %s\ncat /proc/meminfo\ninsmod %s/%s %s\nrmmod %s\ncat /proc/meminfo\nps\nlsmod\n' \
        "$L" "$ko" "$args" "$name" "$L" "$ko" "$args" "$name"
}

# The unloads left nothing behind: no thread named after the module, nothing loaded, no
# leftovers swept, module memory back to 0 and the heap identical after both rounds.
expect_clean_unload() {
    local module=$1
    last_ps | grep -q "/$module\]" && ark_fail "a thread of $module is still in ps"
    command_output "lsmod" | grep -q "^$module " && ark_fail "$module still loaded"
    expect_no_output "left registered" "still running at unload" "not destroyed at exit" \
                     "not freed at exit" "left a timer" "left thread" "kernel panic" "oops"
    local heap dkm
    mapfile -t heap < <(values_of KernelHeap)
    mapfile -t dkm < <(values_of DkmUsed)
    [ "${#heap[@]}" -eq 2 ] || ark_fail "expected two KernelHeap lines, got ${#heap[@]}"
    [ "${heap[0]}" = "${heap[1]}" ] || ark_fail "kernel heap ${heap[0]} -> ${heap[1]} bytes over a load and unload"
    [ "${dkm[1]}" = 0 ] || ark_fail "module memory still in use: ${dkm[1]}"
}

@test "kthread: kthread_run, current, kthread_stop's result, kthread_complete_and_exit, a never-woken thread" {
    ark_run "insmod $L/kthread-comp.ko
ps
rmmod kthread_comp
$(two_rounds kthread-comp.ko kthread_comp)
poweroff"
    expect_status 0
    expect_output "kthread: init runs in insmod" "kthread: one-shot thread completed: yes" \
        "kthread: one-shot thread result 7" "kthread: a second completion wait times out: 0" \
        "kthread: try_wait_for_completion takes a completion: 1, then finds none: 0" \
        "kthread: never-woken thread stopped: -4" "kthread: lkm_worker/0 asked to stop after some rounds" \
        "kthread: worker returned 42"
    expect_no_output "not reached" "the never-woken thread ran"
    printf '%s\n' "$output" | grep -Eq '^kthread: lkm_worker/0 running as pid [1-9][0-9]*$' ||
        ark_fail "the worker did not see its own comm and pid"
    local pid
    pid=$(printf '%s\n' "$output" | sed -n 's/^kthread: lkm_worker\/0 running as pid \([0-9]*\)$/\1/p' | head -1)
    # The worker sleeps 20 ms a round, so ps may find it asleep or just woken (runnable).
    command_output "ps" | grep -Eq "^ +$pid +0 +0 +[RS] +\[lkm_worker/0/kthread_comp\]$" ||
        ark_fail "ps does not show the worker as pid $pid"
    expect_clean_unload kthread_comp
}

@test "kthread: a worker the exit forgot to stop is stopped at unload, with a warning" {
    ark_run "insmod $L/kthread-comp.ko leak=1
rmmod kthread_comp
ps
cat /proc/meminfo
poweroff"
    expect_status 0
    expect_output "kthread: leaving the worker running" "kthread: lkm_worker/0 asked to stop after some rounds" \
        "linux: kthread_comp: kthread [lkm_worker/0] still running at unload; stopped (42)"
    command_output "ps" | grep -q lkm_ && ark_fail "a kthread survived the unload"
    [ "$(values_of DkmUsed)" = 0 ] || ark_fail "module memory still in use"
}

@test "workqueue: system and own queues, ordered items, flush, delayed work, cancel_delayed_work_sync" {
    ark_run "$(two_rounds workqueue-demo.ko workqueue_demo)
poweroff"
    expect_status 0
    expect_output "workqueue: schedule_work 1" "workqueue: system work runs in [kworker]" \
        "workqueue: ordered items ran as 1 2 3 4" "workqueue: heap item ran and frees itself" \
        "workqueue: delayed queued 1, again 0" "workqueue: delayed work ran (pending now 0)" \
        "workqueue: late work pending 1" "workqueue: late work cancelled 1" "workqueue: queues destroyed"
    expect_no_output "the cancelled delayed work ran"
    expect_clean_unload workqueue_demo
}

@test "workqueue: a queue and a delayed item left at exit are swept at unload" {
    ark_run "insmod $L/workqueue-demo.ko leak=1
rmmod workqueue_demo
cat /proc/meminfo
lsmod
poweroff"
    expect_status 0
    expect_output "workqueue: leaving a queue and a delayed item" \
        "timer: module 'workqueue_demo' left a timer armed" \
        "linux: workqueue_demo: work queue 'lkm_other' not destroyed at exit; flushed and freed"
    expect_no_output "the cancelled delayed work ran"
    [ "$(values_of DkmUsed)" = 0 ] || ark_fail "module memory still in use"
}

@test "tasklet: DECLARE_TASKLET, tasklet_init, disabled until tasklet_enable, scheduled from a timer, tasklet_kill" {
    ark_run "$(two_rounds tasklet-demo.ko tasklet_demo)
poweroff"
    expect_status 0
    expect_output "tasklet: callback ran (in interrupt 0)" "tasklet: while disabled, runs 1" \
        "tasklet: the disabled tasklet ran" "tasklet: data tasklet ran with 0xbeef" \
        "tasklet: 3 runs, one scheduled from a timer 1" "tasklet: killed after 3 runs"
    expect_no_output "did not run"
    # The disabled tasklet ran only after tasklet_enable, i.e. after the "while disabled" line.
    printf '%s\n' "$output" | awk '/while disabled, runs 1/ { d = 1 } /the disabled tasklet ran/ { exit !d }' ||
        ark_fail "the disabled tasklet ran before tasklet_enable"
    expect_clean_unload tasklet_demo
}

@test "busywait: a thread and a work item run while init busy-waits in mdelay, not while it spins under a spinlock" {
    ark_run "$(two_rounds busywait.ko busywait)
poweroff"
    expect_status 0
    [ "$(printf '%s\n' "$output" | grep -c '^busywait: spinning in init: thread ran yes, work ran yes$')" -eq 2 ] ||
        ark_fail "the thread or the work item did not run during init's mdelay"
    [ "$(printf '%s\n' "$output" | grep -c '^busywait: spinning under a spinlock: the thread ran 0 times$')" -eq 2 ] ||
        ark_fail "a thread ran while init spun with interrupts masked under a spinlock"
    [ "$(printf '%s\n' "$output" | grep -c '^busywait: spinning under a spinlock with interrupts on: the thread ran 0 times$')" -eq 2 ] ||
        ark_fail "a thread ran while init spun under a spinlock"
    expect_clean_unload busywait
}

@test "busyloop: a kthread that never sleeps holds up neither the shell nor the module's other thread" {
    ark_run "insmod $L/busyloop.ko
ps
sleep 300
cat /sys/module/busyloop/parameters/beats
echo STILL RESPONSIVE
echo 1 > /sys/module/busyloop/parameters/stop
rmmod busyloop
$(two_rounds busyloop.ko busyloop stop=1)
poweroff" --timeout 60
    expect_status 0
    expect_output "STILL RESPONSIVE" \
        "busyloop: the spinner spun more than 1000 times and saw more than 5 beats of the other thread"
    command_output "ps" | grep -q 'busyloop-spin' || ark_fail "the spinner is not in ps"
    local beats
    beats=$(command_output "cat /sys/module/busyloop/parameters/beats")
    [ "$beats" -gt 5 ] || ark_fail "the other thread beat $beats times in 300 ms"
    expect_clean_unload busyloop
}

@test "locks: four kthreads contend for a mutex, a spinlock, a rwlock, a semaphore, an rwsem and an atomic; every count is exact" {
    ark_run "$(two_rounds locks-demo.ko locks_demo)
poweroff" --timeout 120
    expect_status 0
    expect_output "locks: all threads finished in time" "locks: mutex 8000 spin 8000 rw 8000 atomic 8000" \
        "locks: thread results sum 6, mutex contended yes" "locks: reads saw writes yes" \
        "locks: mutex_is_locked 1 trylock while held 0" "locks: spin_is_locked 1" \
        "locks: spin_trylock 1, write_trylock 1, write_trylock under a reader refused 1" \
        "locks: mutex_is_locked after unlock 0" "locks: done" \
        "locks: semaphore held by at most 2 at once, rwsem 8000" \
        "locks: down_trylock 0 0 1, down_timeout on an empty semaphore -62" \
        "locks: down_write_trylock under a reader 0, down_read_trylock 1"
    expect_no_output "rwsem reader saw no write"
    expect_clean_unload locks_demo
}

@test "timers: timer_setup, periodic mod_timer with from_timer, add_timer one-shot, timer_pending, del_timer_sync" {
    ark_run "$(two_rounds timer-demo.ko timer_demo period_ms=10)
sleep 200
echo AFTER
poweroff"
    expect_status 0
    expect_output "timer: HZ 1000, 1000 ms is 1000 jiffies, 250 ms back" "timer: pending before mod_timer 0" \
        "timer: pending after mod_timer 1" "timer: tick 1" "timer: tick 3" \
        "timer: one-shot fired 1, pending 0; time_after 1" "timer: ktime advanced at least 4 periods: 1" \
        "timer: stopped (was pending 1) after 5 or more ticks, pending now 0"
    expect_no_output "did not fire" "timer: tick 4"
    # The one-shot timer fired and was never deleted, as Linux allows: no warning at unload.
    expect_clean_unload timer_demo
}

@test "irq: two IRQF_SHARED handlers on IRQ 1, a refused exclusive request, free_irq's name" {
    ark_run "$(two_rounds irq-shared.ko irq_shared)
poweroff"
    expect_status 0
    expect_output "irq: exclusive request on the shared line: -16" "irq: shared request without dev_id: -22" \
        "irq: 3 bytes claimed, last 'm'; watcher saw every one" "irq: freed lkm_watcher and lkm_claimer" \
        "irq_shared: request_irq 1: the line is taken by 'lkm_watcher' and not shared by both"
    expect_clean_unload irq_shared
}

@test "irq: a threaded handler with IRQF_ONESHOT, disable_irq/enable_irq, the sweep of a line left disabled" {
    ark_run "insmod $L/irq-threaded.ko
ps
rmmod irq_threaded
$(two_rounds irq-threaded.ko irq_threaded)
poweroff"
    expect_status 0
    expect_output "irq_threaded: request_threaded_irq 1: no primary handler needs IRQF_ONESHOT" \
        "irq_threaded: no primary handler without IRQF_ONESHOT: -22" \
        "irq_threaded: 3 bytes 'ark', 3 thread runs, 3 in the irq/1-lkm thread" \
        "irq_threaded: while disabled 0 new bytes" "irq_threaded: after enable_irq 1 new byte, '!'" \
        "irq_threaded: enable_irq 1: not disabled (unbalanced enable)"
    command_output "ps" | grep -q '\[irq/1-lkm_threaded/irq_threaded\]' || ark_fail "no thread irq/1-lkm_threaded"
    [ "$(grep -c 'irq_threaded: freed lkm_threaded' <<<"$output")" -eq 3 ] || ark_fail "free_irq in every round"
    [ "$(grep -c "3 bytes 'ark', 3 thread runs" <<<"$output")" -eq 3 ] || ark_fail "every round's bytes"
    expect_clean_unload irq_threaded
    last_ps | grep -q "irq/1" && ark_fail "the irq thread outlived free_irq"

    ark_run "insmod $L/irq-threaded.ko leave_disabled=1
rmmod irq_threaded
insmod $L/irq-shared.ko
rmmod irq_shared
poweroff"
    expect_status 0
    expect_output "linux: irq_threaded: IRQ 1 left disabled at exit; enabled again" \
        "irq: 3 bytes claimed, last 'm'; watcher saw every one"
}

@test "kfifo: typed and byte fifos, the wrap, sizes, a lockless producer and consumer, user copies" {
    ark_run "insmod $L/kfifo-demo.ko
echo hello kfifo > /dev/kfifo
echo second line > /dev/kfifo
cat /dev/kfifo
echo left over > /dev/kfifo
rmmod kfifo_demo
$(two_rounds kfifo-demo.ko kfifo_demo)
poweroff"
    expect_status 0
    expect_output "kfifo_demo: put 10 into 8: 8 taken, full 1, len 8, avail 0, peek 0" \
        "kfifo_demo: got 8 back in order 1, empty 1, get on empty 0" \
        "kfifo_demo: across the wrap 1, spinlocked in 3 then skip: len 2, out 2, first 1" \
        "kfifo_demo: alloc 100 u16: 0 size 128 esize 2; alloc 1: -22; init on 100 bytes: 0 size 64" \
        "kfifo_demo: 5000 passed through 16 slots, sum 12502500, next expected 5001, producer 0" \
        "kfifo_demo: 10 bytes left unread"
    expect_no_output "kfifo_demo: expected"
    [ "$(command_output "cat /dev/kfifo")" = "$(printf 'hello kfifo\nsecond line')" ] || ark_fail "the byte fifo's contents"
    [ "$(grep -c 'kfifo_demo: 5000 passed' <<<"$output")" -eq 3 ] || ark_fail "every round's producer and consumer"
    expect_clean_unload kfifo_demo
}

# A reader woken by a write, a reader killed while asleep, then a read after a write; $1: insmod
# arguments. `poll -w` returns once the background reader waits in its read (the device is
# writable while a reader waits), so the write and the kill always find it there.
waitq_scenario() {
    ark_run "insmod $L/waitq-dev.ko $1
cat /dev/lkmwait &
poll -w -t 30000 /dev/lkmwait
echo BEFORE
echo wake up > /dev/lkmwait
wait
cat /dev/lkmwait &
poll -w -t 30000 /dev/lkmwait
kill %1
wait
echo second > /dev/lkmwait
cat /dev/lkmwait
rmmod waitq_dev
ls /dev
poweroff"
    expect_status 0
    expect_output "waitq: /dev/lkmwait ready" "waitq: reader woke with 8 bytes" "wake up" \
        "waitq: reader interrupted" "waitq: reader woke with 7 bytes" "second" "waitq: removed"
    printf '%s\n' "$output" | grep -Eq '^waitq: cat \(pid [0-9]+\) waits for data$' || ark_fail "no waiting reader"
    [ "$(printf '%s\n' "$output" | grep -c '^/dev/lkmwait: out$')" -eq 2 ] || ark_fail "poll did not see a waiting reader twice"
    # Nothing was read before the write.
    printf '%s\n' "$output" | awk '/^BEFORE$/ { b = 1 } /reader woke with 8 bytes/ { exit !b }' ||
        ark_fail "the reader woke before the write"
    printf '%s\n' "$output" | grep -Eq '^\[1\] +Killed +cat /dev/lkmwait' || ark_fail "the killed reader did not end"
    command_output "ls /dev" | grep -q lkmwait && ark_fail "/dev/lkmwait stayed"
    expect_no_output "left registered" "kernel panic"
}

@test "waitq entries: add_wait_queue_exclusive with schedule(), one woken by wake_up, a sleeper wake_up_interruptible leaves, wait_woken, a custom wake function" {
    ark_run "$(two_rounds waitq-entries.ko waitq_entries)
poweroff"
    expect_status 0
    expect_lines_times 2 "waitq_entries: 3 exclusive waiters queued, active 1" \
        "waitq_entries: wake_up woke 1, wake_up_all woke 3 more" \
        "waitq_entries: 30 tokens, 30 consumed" "waitq_entries: consumers gone, active 0" \
        "waitq_entries: an uninterruptible sleeper woken by wake_up_interruptible 0 times" \
        "waitq_entries: then by wake_up 1 time" "waitq_entries: wait_woken returned: 1" \
        "waitq_entries: custom wake function: 1 call, key 0x41, in interrupt 1, active after remove 0"
    expect_clean_unload waitq_entries
}

@test "waitq: a read sleeps in wait_event_interruptible until a write wakes it; a killed reader gets out" {
    waitq_scenario ""
}

@test "waitq: the same with prepare_to_wait, schedule and finish_wait written out" {
    waitq_scenario "open_coded=1"
}

@test "faults: a NULL dereference in a kthread is contained; rmmod -f reaps the thread" {
    ark_run "insmod $L/kthread-oops.ko
sleep 200
lsmod
ps
rmmod -f kthread_oops
ps
echo still alive
poweroff"
    expect_status 0
    expect_output "kthread_oops: started" "kthread_oops: thread about to fault" \
        "dkm: oops: kthread_oops: page fault at 0x0 in crash_fn+0x" "still alive"
    printf '%s\n' "$output" | grep -Eq "^kthread: \[lkm_crash\] of module 'kthread_oops' faulted; thread stopped$" ||
        ark_fail "the faulted thread was not reported"
    command_output "lsmod" | grep -Eq '^kthread_oops +[0-9]+ +[0-9]+ +- +Faulted' || ark_fail "lsmod does not show Faulted"
    last_ps | grep -q lkm_crash && ark_fail "the faulted thread stayed after rmmod -f"
    expect_no_output "kernel panic"
}

@test "hrtimer: one-shot, periodic with hrtimer_forward_now, absolute, never early, cancelled, and one left armed at exit" {
    ark_run "$(two_rounds hrtimer-demo.ko hrtimer_demo)
insmod $L/hrtimer-demo.ko leave=1
rmmod hrtimer_demo
lsmod
poweroff"
    expect_status 0
    expect_output "hrtimer_demo: one-shot: active while armed 1, fired at or after its expiry 1, in interrupt 1, active after 0" \
        "hrtimer_demo: periodic: 10 runs, early 0, forwarded 1 periods at least, took 1 periods at least" \
        "hrtimer_demo: absolute: fired at or after" \
        "hrtimer_demo: far: 10 s left, try_to_cancel 1 then 0, cancel 0, queued 0" \
        "hrtimer_demo: far restarted then cancelled: 1" \
        "timer: module 'hrtimer_demo' left a timer armed"
    expect_no_output "the far timer fired" "hrtimer_demo: expected" "oops" "kernel panic"
    [ "$(grep -c 'absolute: fired at or after [0-9]* ms: 1, expires kept 1' <<<"$output")" -eq 3 ] || ark_fail "every round's absolute timer"
    [ "$(grep -c 'left a timer' <<<"$output")" -eq 1 ] || ark_fail "only the leave=1 round leaves a timer"
    [ "$(command_output "lsmod" | grep -c '^hrtimer_demo ')" -eq 0 ] || ark_fail "hrtimer_demo still loaded"
    expect_same_values KernelHeap 2
}

@test "rcu: readers see every version whole, synchronize_rcu, call_rcu, kfree_rcu, RCU lists, a reader that sleeps, an exit without rcu_barrier" {
    ark_run "$(two_rounds rcu-demo.ko rcu_demo)
insmod $L/rcu-demo.ko leave=1
rmmod rcu_demo
cat /proc/meminfo
lsmod
poweroff"
    expect_status 0
    expect_output "rcu_demo: 200 versions, readers saw each whole 1; 50 callbacks queued, all run after rcu_barrier 1, in thread context 1, outside readers 1" \
        "rcu_demo: callback queued inside a reader ran inside it 0, ran after rcu_barrier 1" \
        "rcu_demo: list sum 5050, key 42 found 1; odd keys removed: sum 2550, first 2" \
        "rcu: [rcu-sleeper/rcu_demo] sleeps inside an RCU read-side critical section" \
        "rcu: rcu_demo: synchronize_rcu called inside an RCU read-side section; not waited" \
        "rcu: rcu_demo: rcu_read_unlock without rcu_read_lock; ignored" \
        "linux: rcu_demo: exit left 3 RCU callbacks queued (rcu_barrier belongs in exit); ran them"
    [ "$(grep -c 'the sleeping reader kept generation [0-9]* alive: 1' <<<"$output")" -eq 3 ] || ark_fail "synchronize_rcu waited for the sleeping reader in every round"
    [ "$(grep -c 'rcu_demo: late callback ran' <<<"$output")" -eq 3 ] || ark_fail "the three callbacks left at exit ran"
    # They ran before the module was gone.
    printf '%s\n' "$output" | awk '/late callback ran/ { late++ } /dkm: rcu_demo: unloaded/ { if (late > 0 && late < 3) bad = 1 } END { exit bad }' ||
        ark_fail "callbacks ran after the unload"
    expect_no_output "oops" "kernel panic" "not freed at exit"
    expect_same_values KernelHeap 3
}

@test "srcu: a reader that sleeps holds up its own domain's grace period and no other's; sleeping readers keep their version; refused calls" {
    ark_run "$(two_rounds srcu-demo.ko srcu_demo)
poweroff"
    expect_status 0
    expect_lines_times 2 "srcu_demo: another domain's grace period did not wait; this one's waited 1, ended after the reader left 1" \
        "srcu_demo: 3 sleeping readers saw their version whole 3, broken 0"
    [ "$(grep -c 'srcu: srcu_demo: cleanup_srcu_struct of 0x[0-9a-f]* with 1 reader still inside' <<<"$output")" -eq 2 ] ||
        ark_fail "the cleanup with a reader inside was not reported"
    [ "$(grep -c 'srcu: srcu_read_unlock of 0x[0-9a-f]* with index 5, which srcu_read_lock never gives' <<<"$output")" -eq 2 ] ||
        ark_fail "the bad index was not reported"
    expect_clean_unload srcu_demo
}

@test "atomic64: every operation across the 32-bit carry, two threads and a timer adding while a thread reads" {
    ark_run "insmod $L/atomic64-demo.ko
rmmod atomic64_demo
$(two_rounds atomic64-demo.ko atomic64_demo)
poweroff"
    expect_status 0
    expect_output "atomic64_demo: single-thread checks done, aligned 1" \
        "atomic64_demo: threads added 200000, timer added too, total right 1, halves equal 1, torn reads 0 in some"
    expect_no_output "atomic64_demo: expected"
    [ "$(grep -c 'total right 1, halves equal 1, torn reads 0' <<<"$output")" -eq 3 ] || ark_fail "every round's totals"
    expect_clean_unload atomic64_demo
}

@test "kthread worker: items in order on the worker's thread, a second queueing refused, delayed items cancelled and modified, cancel behind a busy item, a worker of the module's own" {
    ark_run "$(two_rounds worker-demo.ko worker_demo)
poweroff"
    expect_status 0
    expect_lines_times 2 "worker_demo: 10 items ran in order 1, on the worker's thread 10; queued twice 0" \
        "worker_demo: a cancelled delayed item: cancelled 1, ran 0; a modified one: was pending 1, ran 1" \
        "worker_demo: the item behind a slow one: cancelled 1, ran 0; the slow one done 1" \
        "worker_demo: a worker of the module's own ran its item 1"
    last_ps | grep -qE 'demo-worker|own-worker' && ark_fail "a worker thread is still in ps"
    expect_clean_unload worker_demo
}
