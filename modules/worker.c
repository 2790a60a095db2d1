/* worker — a kernel thread that counts every 10 ms: `cat /proc/worker` prints the count as a
 * decimal number, ps shows the thread as [counter/worker], and unloading stops the thread. */
#include "ark/errno.h"
#include "ark/kernel.h"
#include "ark/module.h"
#include "ark/proc.h"
#include "ark/sync.h"
#include "ark/thread.h"

MODULE_NAME("worker");
MODULE_VERSION("1.0");
MODULE_LICENSE("MIT");
MODULE_DESCRIPTION("a kernel thread counting every 10 ms, shown in /proc/worker");

static struct ark_thread *counter_thread;
static ark_spinlock_t count_lock = ARK_SPINLOCK_INIT;
static uint32_t count;

static int counter_main(void *arg)
{
    (void)arg;
    while (!ark_thread_should_stop()) {
        ark_msleep(10);
        ark_spin_lock(&count_lock);
        count++;
        ark_spin_unlock(&count_lock);
    }
    return 0;
}

static int worker_show(struct ark_seq *s, void *priv)
{
    (void)priv;
    ark_spin_lock(&count_lock);
    uint32_t now = count;
    ark_spin_unlock(&count_lock);
    return seq_printf(s, "%u\n", now) < 0 ? -EIO : 0;
}

static int worker_init(void)
{
    int err = proc_create("worker", worker_show, NULL, NULL);
    if (err)
        return err;
    counter_thread = ark_thread_run(counter_main, NULL, "counter");
    if (!counter_thread) {
        proc_remove("worker");
        return -ENOMEM;
    }
    return 0;
}

static void worker_exit(void)
{
    ark_thread_stop(counter_thread);   /* returns once counter_main has returned */
    proc_remove("worker");
    printk(KERN_INFO "worker: stopped at %u\n", count);
}

ark_module_init(worker_init);
ark_module_exit(worker_exit);
