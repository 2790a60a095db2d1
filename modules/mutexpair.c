/* mutexpair — two kernel threads that each add 1 to a shared total `rounds` times, with a sleep
 * between reading and writing it: only the mutex keeps both updates. `cat /proc/mutexpair` waits
 * for both threads (a completion) and shows the total, 2 x rounds when no update was lost. */
#include "ark/errno.h"
#include "ark/kernel.h"
#include "ark/module.h"
#include "ark/proc.h"
#include "ark/sync.h"
#include "ark/thread.h"

MODULE_NAME("mutexpair");
MODULE_VERSION("1.0");
MODULE_LICENSE("MIT");
MODULE_DESCRIPTION("two kernel threads serialised by a mutex; /proc/mutexpair shows the total");

static unsigned int rounds = 50;
module_param(rounds, uint, "increments per thread");

static struct ark_mutex total_lock = ARK_MUTEX_INIT(total_lock);
static uint32_t total;
static struct ark_completion all_done = ARK_COMPLETION_INIT(all_done);
static struct ark_thread *adders[2];
static uint32_t done_count;

static int adder_main(void *arg)
{
    (void)arg;
    for (unsigned int i = 0; i < rounds && !ark_thread_should_stop(); i++) {
        ark_mutex_lock(&total_lock);
        uint32_t seen = total;
        ark_msleep(1);                 /* the other thread runs here and waits for the lock */
        total = seen + 1;
        ark_mutex_unlock(&total_lock);
    }
    ark_mutex_lock(&total_lock);
    if (++done_count == 2)
        ark_complete_all(&all_done);   /* releases every reader of /proc/mutexpair, now and later */
    ark_mutex_unlock(&total_lock);
    while (!ark_thread_should_stop())
        ark_msleep(20);                /* stays until unload stops it, so ps can show it */
    return 0;
}

/* Waits until both threads are done, so a reader always sees the final total. */
static int mutexpair_show(struct ark_seq *s, void *priv)
{
    (void)priv;
    ark_wait_for_completion(&all_done);
    ark_mutex_lock(&total_lock);
    int rc = seq_printf(s, "total %u of %u, %u of 2 threads done\n", total, 2 * rounds, done_count);
    ark_mutex_unlock(&total_lock);
    return rc < 0 ? -EIO : 0;
}

static int mutexpair_init(void)
{
    int err = proc_create("mutexpair", mutexpair_show, NULL, NULL);
    if (err)
        return err;
    adders[0] = ark_thread_run(adder_main, NULL, "adder0");
    adders[1] = ark_thread_run(adder_main, NULL, "adder1");
    if (!adders[0] || !adders[1]) {
        if (adders[0])
            ark_thread_stop(adders[0]);
        if (adders[1])
            ark_thread_stop(adders[1]);
        proc_remove("mutexpair");
        return -ENOMEM;
    }
    return 0;
}

static void mutexpair_exit(void)
{
    ark_thread_stop(adders[0]);
    ark_thread_stop(adders[1]);
    proc_remove("mutexpair");
}

ark_module_init(mutexpair_init);
ark_module_exit(mutexpair_exit);
