/* atomic64-demo.c — atomic64_t as a driver counting bytes uses it: values across the 32-bit carry,
 * every operation's result, and two kernel threads and a timer (in interrupt context) adding while
 * a third thread reads, so that a lost update or a torn read shows in the totals. */
#include <linux/atomic.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/init.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/timer.h>

#define STEP   (((s64)1 << 32) + 1)   /* adds 1 to both halves: an untorn value has them equal */
#define ADDS   100000

static atomic64_t total = ATOMIC64_INIT(0);
static atomic64_t timer_adds = ATOMIC64_INIT(0);
static atomic_t adders_done = ATOMIC_INIT(0);
static struct timer_list ticker;
static int torn_reads, reads;
static DECLARE_COMPLETION(reader_started);
static DECLARE_COMPLETION(adder0_done);
static DECLARE_COMPLETION(adder1_done);

static void tick(struct timer_list *t)
{
    atomic64_add(STEP, &total);
    atomic64_inc(&timer_adds);
    mod_timer(t, jiffies + 1);
}

static int adder(void *arg)
{
    int i;
    wait_for_completion(&reader_started);
    for (i = 0; i < ADDS; i++) {
        if (i & 1)
            atomic64_add(STEP, &total);
        else
            atomic64_add_return(STEP, &total);
        if ((i & 255) == 255)
            cond_resched();        /* ark's kernel threads take turns where they yield or sleep */
    }
    atomic_inc(&adders_done);
    complete(arg);
    return 0;
}

static int reader(void *arg)
{
    (void)arg;
    complete_all(&reader_started);
    do {
        u64 v = (u64)atomic64_read(&total);
        if ((u32)v != (u32)(v >> 32))
            torn_reads++;
        if ((++reads & 255) == 0)
            cond_resched();
    } while (atomic_read(&adders_done) < 2);
    return 0;
}

static void check(const char *what, s64 got, s64 want)
{
    if (got != want)
        pr_err("atomic64_demo: expected %s = %lld, got %lld\n", what, want, got);
}

static void single_thread_checks(void)
{
    atomic64_t v = ATOMIC64_INIT(0xffffffffLL);
    s64 old;

    atomic64_inc(&v);
    check("inc across the carry", atomic64_read(&v), 0x100000000LL);
    check("dec_return back", atomic64_dec_return(&v), 0xffffffffLL);
    check("add_return of -2^33", atomic64_add_return(-(1LL << 33), &v), 0xffffffffLL - (1LL << 33));
    check("sub_return", atomic64_sub_return(0xffffffffLL, &v), -(1LL << 33));
    check("fetch_add", atomic64_fetch_add(1LL << 33, &v), -(1LL << 33));
    check("zero after fetch_add", atomic64_read(&v), 0);
    check("inc_and_test of -1", ({ atomic64_set(&v, -1); atomic64_inc_and_test(&v); }), 1);
    atomic64_set(&v, 0x123456789abcdef0LL);
    check("set and read", atomic64_read(&v), 0x123456789abcdef0LL);
    check("xchg", atomic64_xchg(&v, 0x7fffffff00000000LL), 0x123456789abcdef0LL);
    check("cmpxchg that fails", atomic64_cmpxchg(&v, 5, 6), 0x7fffffff00000000LL);
    check("unchanged after it", atomic64_read(&v), 0x7fffffff00000000LL);
    check("cmpxchg that succeeds", atomic64_cmpxchg(&v, 0x7fffffff00000000LL, 7), 0x7fffffff00000000LL);
    old = 8;
    check("try_cmpxchg with a wrong guess", atomic64_try_cmpxchg(&v, &old, 9), 0);
    check("the guess corrected", old, 7);
    check("try_cmpxchg again", atomic64_try_cmpxchg(&v, &old, 0x0f0f0f0f0f0f0f0fLL), 1);
    check("fetch_and", atomic64_fetch_and(0x00ff00ff00ff00ffLL, &v), 0x0f0f0f0f0f0f0f0fLL);
    check("after and", atomic64_read(&v), 0x000f000f000f000fLL);
    atomic64_or(0x1000000010000000LL, &v);
    atomic64_xor(0x000f000000000000LL, &v);
    check("after or and xor", atomic64_read(&v), 0x1000000f100f000fLL);
    atomic64_andnot(0x100000000000000fLL, &v);
    check("after andnot", atomic64_read(&v), 0x0000000f100f0000LL);
    atomic64_set(&v, 0);
    check("dec_if_positive of 0", atomic64_dec_if_positive(&v), -1);
    check("0 kept", atomic64_read(&v), 0);
    check("inc_not_zero of 0", atomic64_inc_not_zero(&v), 0);
    check("add_unless of the excluded value", atomic64_add_unless(&v, 5, 0), 0);
    atomic64_set(&v, 0x100000000LL);
    check("dec_if_positive of 2^32", atomic64_dec_if_positive(&v), 0xffffffffLL);
    check("dec_and_test", atomic64_dec_and_test(&v), 0);
    check("sub_and_test", atomic64_sub_and_test(0xfffffffeLL, &v), 1);
    check("add_negative", atomic64_add_negative(-1, &v), 1);
    check("fetch_add_unless", atomic64_fetch_add_unless(&v, 10, 3), -1);
    check("after it", atomic64_read(&v), 9);
    pr_info("atomic64_demo: single-thread checks done, aligned %d\n",
            (int)(__alignof__(atomic64_t) == 8 && ((unsigned long)&v & 7) == 0));
}

static int __init atomic64_demo_init(void)
{
    struct task_struct *a, *b, *r;
    u64 v;
    s64 expected;
    int i;

    single_thread_checks();

    timer_setup(&ticker, tick, 0);
    mod_timer(&ticker, jiffies + 1);
    r = kthread_run(reader, NULL, "a64-reader");
    a = kthread_run(adder, &adder0_done, "a64-adder/0");
    b = kthread_run(adder, &adder1_done, "a64-adder/1");
    if (IS_ERR(r) || IS_ERR(a) || IS_ERR(b)) {
        pr_err("atomic64_demo: cannot start the threads\n");
        del_timer_sync(&ticker);
        return -ENOMEM;
    }
    /* Waited for by completion: a thread stopped before it first runs never runs its function. */
    wait_for_completion(&adder0_done);
    wait_for_completion(&adder1_done);
    for (i = 0; i < 1000 && atomic64_read(&timer_adds) == 0; i++)
        msleep(1);                     /* a fast machine may finish before the first tick */
    kthread_stop(a);
    kthread_stop(b);
    kthread_stop(r);
    del_timer_sync(&ticker);

    v = (u64)atomic64_read(&total);
    expected = (2 * ADDS + atomic64_read(&timer_adds)) * STEP;
    if ((s64)v != expected)
        pr_err("atomic64_demo: expected total %llx, got %llx (timer %lld)\n", (u64)expected, v,
               atomic64_read(&timer_adds));
    pr_info("atomic64_demo: threads added %d, timer %s, total right %d, halves equal %d, torn reads %d in %s\n",
            2 * ADDS, atomic64_read(&timer_adds) > 0 ? "added too" : "never ran",
            (int)((s64)v == expected), (int)((u32)v == (u32)(v >> 32)), torn_reads,
            reads > 0 ? "some" : "none");
    return 0;
}

static void __exit atomic64_demo_exit(void)
{
    pr_info("atomic64_demo: unloaded\n");
}

module_init(atomic64_demo_init);
module_exit(atomic64_demo_exit);
MODULE_LICENSE("GPL");
