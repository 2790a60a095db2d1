/* locks-demo.c — several kthreads contending for a mutex (held across a sleep, so the others
 * really wait), a spinlock, a reader-writer lock, a semaphore of two slots, a reader-writer
 * semaphore and an atomic counter; init waits for them on a wait queue and checks every final
 * count. Also the trylock forms and mutex_is_locked. */
#include <linux/atomic.h>
#include <linux/delay.h>
#include <linux/err.h>
#include <linux/init.h>
#include <linux/jiffies.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/printk.h>
#include <linux/rwlock.h>
#include <linux/rwsem.h>
#include <linux/semaphore.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
#include <linux/wait.h>

#define THREADS 4
#define ROUNDS 2000

static DEFINE_MUTEX(counter_mutex);
static DEFINE_SPINLOCK(counter_spin);
static DEFINE_RWLOCK(counter_rw);
static DEFINE_SEMAPHORE(slots, 2);
static DECLARE_RWSEM(counter_rwsem);
static atomic_t in_slots = ATOMIC_INIT(0);
static atomic_t max_in_slots = ATOMIC_INIT(0);
static long rwsem_count;
static atomic_t counter_atomic = ATOMIC_INIT(0);
static atomic_t finished = ATOMIC_INIT(0);
static atomic_t mutex_waits = ATOMIC_INIT(0);
static DECLARE_WAIT_QUEUE_HEAD(finished_wq);
static long mutex_count, spin_count, rw_count;
static long rw_reads_ok;
static struct task_struct *threads[THREADS];

static int contender(void *data)
{
    long id = (long)data;
    unsigned long flags;
    int i, n, max;

    for (i = 0; i < ROUNDS; i++) {
        if (!mutex_trylock(&counter_mutex)) {
            atomic_inc(&mutex_waits);
            mutex_lock(&counter_mutex);
        }
        mutex_count++;
        if (i % 500 == 0)
            msleep(2);                 /* others pile up on the mutex meanwhile */
        mutex_unlock(&counter_mutex);

        spin_lock_irqsave(&counter_spin, flags);
        spin_count++;
        spin_unlock_irqrestore(&counter_spin, flags);

        write_lock(&counter_rw);
        rw_count++;
        write_unlock(&counter_rw);
        read_lock(&counter_rw);
        read_lock(&counter_rw);        /* readers may nest */
        if (rw_count > 0)
            rw_reads_ok++;             /* racy on purpose: only a lower bound is checked */
        read_unlock(&counter_rw);
        read_unlock(&counter_rw);

        down(&slots);
        n = atomic_inc_return(&in_slots);
        for (max = atomic_read(&max_in_slots); n > max; max = atomic_read(&max_in_slots))
            atomic_cmpxchg(&max_in_slots, max, n);
        if (i % 500 == 250)
            msleep(2);                 /* the other slot's holder and the waiters pile up */
        atomic_dec(&in_slots);
        up(&slots);

        down_write(&counter_rwsem);
        rwsem_count++;
        up_write(&counter_rwsem);
        down_read(&counter_rwsem);
        if (rwsem_count <= 0)
            pr_err("locks: rwsem reader saw no write\n");
        up_read(&counter_rwsem);

        atomic_inc(&counter_atomic);
        if (i % 100 == 0)
            cond_resched();
    }
    atomic_inc(&finished);
    wake_up(&finished_wq);
    while (!kthread_should_stop())
        schedule_timeout_interruptible(msecs_to_jiffies(1000));
    return (int)id;
}

static int __init locks_demo_init(void)
{
    long i, sum = 0;
    long left;
    int got_spin, got_write, refused_write;
    int t1, t2, t3, t4, t5, t6;

    for (i = 0; i < THREADS; i++) {
        threads[i] = kthread_run(contender, (void *)i, "lkm_lock/%ld", i);
        if (IS_ERR(threads[i])) {
            while (--i >= 0)
                kthread_stop(threads[i]);
            return -ENOMEM;
        }
    }
    left = wait_event_timeout(finished_wq, atomic_read(&finished) == THREADS, msecs_to_jiffies(60000));
    pr_info("locks: all threads finished %s\n", left ? "in time" : "LATE");
    for (i = 0; i < THREADS; i++)
        sum += kthread_stop(threads[i]);
    pr_info("locks: mutex %ld spin %ld rw %ld atomic %d\n", mutex_count, spin_count, rw_count,
            atomic_read(&counter_atomic));
    pr_info("locks: thread results sum %ld, mutex contended %s\n", sum,
            atomic_read(&mutex_waits) > 0 ? "yes" : "no");
    pr_info("locks: reads saw writes %s\n", rw_reads_ok > 0 ? "yes" : "no");
    pr_info("locks: semaphore held by at most %d at once, rwsem %ld\n", atomic_read(&max_in_slots), rwsem_count);
    t1 = down_trylock(&slots);
    t2 = down_trylock(&slots);
    t3 = down_trylock(&slots);
    up(&slots);
    up(&slots);
    down(&slots);
    down(&slots);
    t4 = down_timeout(&slots, msecs_to_jiffies(30));
    up(&slots);
    up(&slots);
    pr_info("locks: down_trylock %d %d %d, down_timeout on an empty semaphore %d\n", t1, t2, t3, t4);
    down_read(&counter_rwsem);
    t5 = down_write_trylock(&counter_rwsem);
    t6 = down_read_trylock(&counter_rwsem);
    if (t6)
        up_read(&counter_rwsem);
    up_read(&counter_rwsem);
    pr_info("locks: down_write_trylock under a reader %d, down_read_trylock %d\n", t5, t6);

    mutex_lock(&counter_mutex);
    pr_info("locks: mutex_is_locked %d trylock while held %d\n", mutex_is_locked(&counter_mutex),
            mutex_trylock(&counter_mutex));
    mutex_unlock(&counter_mutex);
    spin_lock(&counter_spin);
    pr_info("locks: spin_is_locked %d\n", spin_is_locked(&counter_spin));
    spin_unlock(&counter_spin);
    got_spin = spin_trylock(&counter_spin);
    if (got_spin)
        spin_unlock(&counter_spin);
    got_write = write_trylock(&counter_rw);
    if (got_write)
        write_unlock(&counter_rw);
    read_lock(&counter_rw);
    refused_write = !write_trylock(&counter_rw);
    read_unlock(&counter_rw);
    pr_info("locks: spin_trylock %d, write_trylock %d, write_trylock under a reader refused %d\n",
            got_spin, got_write, refused_write);
    pr_info("locks: mutex_is_locked after unlock %d\n", mutex_is_locked(&counter_mutex));
    return 0;
}

static void __exit locks_demo_exit(void)
{
    pr_info("locks: done\n");
}

module_init(locks_demo_init);
module_exit(locks_demo_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("mutex, spinlock, rwlock and atomic contention");
