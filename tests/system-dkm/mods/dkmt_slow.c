/* dkmt_slow.c — a module whose exit takes a second (it sleeps), so that tests can look at a module
 * while it is GOING: listed, its /proc file refusing new opens, a new load of it waiting. */
#include "ark/kernel.h"
#include "ark/module.h"
#include "ark/proc.h"
#include "ark/thread.h"

MODULE_NAME("dkmt_slow");
MODULE_LICENSE("MIT");

static int slow_show(struct ark_seq *s, void *priv)
{
    (void)priv;
    return seq_printf(s, "dkmt_slow: live\n") < 0 ? -5 : 0;
}

int module_init(void)
{
    return proc_create("dkmt_slow", slow_show, 0, 0);
}

void module_exit(void)
{
    printk("dkmt_slow: exit begins\n");
    ark_msleep(1000);
    proc_remove("dkmt_slow");
    printk("dkmt_slow: exit ends\n");
}
