/* waitq-entries.c — wait queue entries a module queues itself, as older drivers and subsystems
 * do: DECLARE_WAITQUEUE with add_wait_queue_exclusive and a schedule() loop (wake_up wakes one
 * exclusive waiter, wake_up_all every one), a TASK_UNINTERRUPTIBLE sleeper that
 * wake_up_interruptible leaves asleep, wait_woken with woken_wake_function, and a custom wake
 * function called with the poll key, from a timer (interrupt context). */
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/jiffies.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/poll.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
#include <linux/timer.h>
#include <linux/wait.h>

#define CONSUMERS 3

static DECLARE_WAIT_QUEUE_HEAD(wq);
static DEFINE_SPINLOCK(lock);
static int tokens, stopping;
static atomic_t woken = ATOMIC_INIT(0), consumed = ATOMIC_INIT(0), queued = ATOMIC_INIT(0);
static atomic_t asleep = ATOMIC_INIT(0);      /* consumers about to sleep or asleep */

static int consumer(void *arg)
{
    DECLARE_WAITQUEUE(wait, current);
    (void)arg;
    add_wait_queue_exclusive(&wq, &wait);
    atomic_inc(&queued);
    for (;;) {
        bool took = false, done;
        set_current_state(TASK_INTERRUPTIBLE);
        spin_lock(&lock);
        if (tokens > 0) {
            tokens--;
            took = true;
        }
        done = stopping;
        spin_unlock(&lock);
        if (took) {
            __set_current_state(TASK_RUNNING);
            atomic_inc(&consumed);
            continue;
        }
        if (done)
            break;
        atomic_inc(&asleep);
        schedule();
        atomic_dec(&asleep);
        atomic_inc(&woken);
    }
    __set_current_state(TASK_RUNNING);
    remove_wait_queue(&wq, &wait);
    return 0;
}

/* Sleeps uninterruptibly on uq until flag is set. */
static DECLARE_WAIT_QUEUE_HEAD(uq);
static int uflag, uwoken, uasleep;
static int sleeper(void *arg)
{
    DECLARE_WAITQUEUE(wait, current);
    (void)arg;
    add_wait_queue(&uq, &wait);
    for (;;) {
        set_current_state(TASK_UNINTERRUPTIBLE);
        if (READ_ONCE(uflag))
            break;
        WRITE_ONCE(uasleep, 1);
        schedule();
        uwoken++;
    }
    __set_current_state(TASK_RUNNING);
    remove_wait_queue(&uq, &wait);
    return 0;
}

/* wait_woken: the loop Linux's network and tty code use. */
static DECLARE_WAIT_QUEUE_HEAD(wwq);
static int wflag;
static DECLARE_COMPLETION(wdone);
static int woken_waiter(void *arg)
{
    DEFINE_WAIT_FUNC(wait, woken_wake_function);
    (void)arg;
    add_wait_queue(&wwq, &wait);
    while (!READ_ONCE(wflag))
        wait_woken(&wait, TASK_INTERRUPTIBLE, MAX_SCHEDULE_TIMEOUT);
    remove_wait_queue(&wwq, &wait);
    complete(&wdone);
    return 0;
}

/* A custom wake function, woken from a timer with a poll key. */
static DECLARE_WAIT_QUEUE_HEAD(pq);
static struct wait_queue_entry custom;
static unsigned long custom_key;
static int custom_calls, custom_in_irq;
static DECLARE_COMPLETION(custom_done);
static int custom_wake(struct wait_queue_entry *e, unsigned int mode, int flags, void *key)
{
    (void)e;
    (void)mode;
    (void)flags;
    custom_key = (unsigned long)key;
    custom_calls++;
    custom_in_irq = in_interrupt();
    complete(&custom_done);
    return 0;
}
static struct timer_list poke;
static void poke_fn(struct timer_list *t)
{
    (void)t;
    wake_up_poll(&pq, EPOLLIN | EPOLLRDNORM);
}

/* Waits up to 2 s for cond. */
#define wait_until(cond)                                                                    \
    do {                                                                                    \
        int __i;                                                                            \
        for (__i = 0; __i < 2000 && !(cond); __i++)                                         \
            msleep(1);                                                                      \
    } while (0)
/* n consumers sleep (a woken one has counted itself awake before it counts as woken). */
#define until_asleep(n) wait_until(atomic_read(&asleep) >= (n))

/* Time for a wrongly woken thread to show itself. */
static void settle(void)
{
    msleep(30);
}

static int __init waitq_entries_init(void)
{
    struct task_struct *c[CONSUMERS], *s, *w;
    int i, after_one, after_all;

    for (i = 0; i < CONSUMERS; i++)
        c[i] = kthread_run(consumer, NULL, "wqe-consumer/%d", i);
    until_asleep(CONSUMERS);
    pr_info("waitq_entries: %d exclusive waiters queued, active %d\n", atomic_read(&queued),
            waitqueue_active(&wq));

    wake_up(&wq);
    wait_until(atomic_read(&woken) >= 1);
    settle();
    until_asleep(CONSUMERS);
    after_one = atomic_read(&woken);
    wake_up_all(&wq);
    wait_until(atomic_read(&woken) >= after_one + CONSUMERS);
    settle();
    until_asleep(CONSUMERS);
    after_all = atomic_read(&woken);
    pr_info("waitq_entries: wake_up woke %d, wake_up_all woke %d more\n", after_one, after_all - after_one);

    for (i = 0; i < 30; i++) {
        spin_lock(&lock);
        tokens++;
        spin_unlock(&lock);
        wake_up(&wq);
        if (i % 3 == 0)
            msleep(1);
    }
    wait_until(atomic_read(&consumed) == 30);
    pr_info("waitq_entries: 30 tokens, %d consumed\n", atomic_read(&consumed));
    spin_lock(&lock);
    stopping = 1;
    spin_unlock(&lock);
    wake_up_all(&wq);
    for (i = 0; i < CONSUMERS; i++)
        kthread_stop(c[i]);
    pr_info("waitq_entries: consumers gone, active %d\n", waitqueue_active(&wq));

    s = kthread_run(sleeper, NULL, "wqe-sleeper");
    wait_until(READ_ONCE(uasleep));
    wake_up_interruptible(&uq);
    settle();
    pr_info("waitq_entries: an uninterruptible sleeper woken by wake_up_interruptible %d times\n", uwoken);
    WRITE_ONCE(uflag, 1);
    wake_up(&uq);
    kthread_stop(s);
    pr_info("waitq_entries: then by wake_up %d time\n", uwoken);

    w = kthread_run(woken_waiter, NULL, "wqe-woken");
    msleep(5);
    WRITE_ONCE(wflag, 1);
    wake_up_interruptible(&wwq);
    pr_info("waitq_entries: wait_woken returned: %d\n", wait_for_completion_timeout(&wdone, HZ) > 0);
    kthread_stop(w);

    init_waitqueue_func_entry(&custom, custom_wake);
    add_wait_queue(&pq, &custom);
    timer_setup(&poke, poke_fn, 0);
    mod_timer(&poke, jiffies + 2);
    wait_for_completion(&custom_done);
    del_timer_sync(&poke);
    remove_wait_queue(&pq, &custom);
    pr_info("waitq_entries: custom wake function: %d call, key 0x%lx, in interrupt %d, active after remove %d\n",
            custom_calls, custom_key, custom_in_irq, waitqueue_active(&pq));
    return 0;
}

static void __exit waitq_entries_exit(void)
{
}

module_init(waitq_entries_init);
module_exit(waitq_entries_exit);
MODULE_LICENSE("GPL");
