/* dkmt_fail.c — init registers a device, a /proc entry and a timer, then fails with -ENODEV: the
 * kernel must roll everything back (memory and registrations). */
#include "ark/device.h"
#include "ark/errno.h"
#include "ark/kernel.h"
#include "ark/module.h"
#include "ark/proc.h"
#include "ark/timer.h"

MODULE_NAME("dkmt_fail");
MODULE_LICENSE("MIT");

static char big[64 * 1024];          /* makes the rollback's memory visible in DkmUsed */
static const struct ark_file_ops ops;

static int show(struct ark_seq *s, void *priv)
{
    (void)priv;
    return seq_printf(s, "%d\n", big[0]);
}

static void tick(void *arg)
{
    (void)arg;
    big[1]++;
}

int module_init(void)
{
    dev_register("dkmtfail", &ops, NULL);
    proc_create("dkmtfail", show, NULL, NULL);
    struct ark_timer *t = timer_create(tick, NULL);
    if (t)
        timer_start(t, 10, true);
    printk("dkmt_fail: init failing on purpose\n");
    return -ENODEV;
}
