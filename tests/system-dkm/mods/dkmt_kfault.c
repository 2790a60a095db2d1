/* dkmt_kfault.c — a kernel thread (how=thread) or a work item (how=work) that dereferences NULL
 * 20 ms after init: the thread ends or the item is dropped, the module is marked faulted, the
 * kernel carries on, and the unload reaps what is left. */
#include "ark/errno.h"
#include "ark/kernel.h"
#include "ark/module.h"
#include "ark/thread.h"
#include "ark/workqueue.h"

MODULE_NAME("dkmt_kfault");
MODULE_LICENSE("MIT");

static int *volatile nowhere;
static char how[8] = "thread";
module_param_string(how, "thread or work");
static struct ark_work item;

__attribute__((noinline)) int dkmt_kfault_thread(void *arg)
{
    (void)arg;
    ark_msleep(20);
    *nowhere = 1;
    return 0;
}

__attribute__((noinline)) void dkmt_kfault_work(struct ark_work *w)
{
    (void)w;
    *nowhere = 2;
}

int module_init(void)
{
    if (how[0] == 'w') {
        ark_work_init(&item, dkmt_kfault_work);
        ark_work_queue(&item);
        return 0;
    }
    return ark_thread_run(dkmt_kfault_thread, NULL, "kfault") ? 0 : -ENOMEM;
}
