/* failing_init — an init that fails on purpose (after allocating), so the load must be rolled back
 * completely: nothing stays registered and module memory returns to its baseline. */
#include "ark/errno.h"
#include "ark/kernel.h"
#include "ark/module.h"
#include "ark/proc.h"

MODULE_NAME("failing_init");
MODULE_VERSION("1.0");
MODULE_LICENSE("MIT");
MODULE_DESCRIPTION("init returns -ENODEV: the load must leave no trace");

static int show_never(struct ark_seq *s, void *priv)
{
    (void)priv;
    return seq_printf(s, "failing_init should not be visible\n") < 0 ? -EIO : 0;
}

int module_init(void)
{
    /* Take resources first: a correct init releases them itself before failing. */
    void *scratch = kmalloc(4096);
    if (!scratch)
        return -ENOMEM;
    int err = proc_create("failing_init", show_never, NULL, NULL);
    printk(KERN_WARNING "failing_init: refusing to load (no device present)\n");
    if (err == 0)
        proc_remove("failing_init");
    kfree(scratch);
    return -ENODEV;
}
