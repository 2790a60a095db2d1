/* dkmt_leak.c — a careless module: its init starts a kernel thread, a 1 ms timer that queues a
 * work item each time, and its exit stops none of them. The unload must stop the thread, cancel
 * or wait for the work, remove the timer and only then free the module's memory. */
#include "ark/kernel.h"
#include "ark/module.h"
#include "ark/thread.h"
#include "ark/timer.h"
#include "ark/workqueue.h"

MODULE_NAME("dkmt_leak");
MODULE_LICENSE("MIT");

static struct ark_timer *tick;
static volatile unsigned work_runs, thread_loops;

static void leak_work_fn(struct ark_work *w)
{
    (void)w;
    work_runs++;
    ark_msleep(2);                     /* long enough to be caught running by the unload */
}
static struct ark_work leak_work = ARK_WORK_INIT(leak_work, leak_work_fn);

static void leak_tick(void *arg)
{
    (void)arg;
    ark_work_queue(&leak_work);        /* from interrupt context */
}

static int leak_thread(void *arg)
{
    (void)arg;
    while (!ark_thread_should_stop()) {
        thread_loops++;
        ark_msleep(1);
    }
    return 0;
}

int module_init(void)
{
    tick = timer_create(leak_tick, 0);
    if (!tick)
        return -12;
    timer_start(tick, 1, true);
    if (!ark_thread_run(leak_thread, 0, "leaky"))
        return -12;
    return 0;
}

void module_exit(void)
{
}
