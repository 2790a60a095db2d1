/* wx_seal.c — __ro_after_init data in a module: init may still write it; once init has returned
 * it is read-only, so the write that reading /proc/wx_seal attempts faults (contained). */
#include "ark/errno.h"
#include "ark/kernel.h"
#include "ark/module.h"
#include "ark/proc.h"

MODULE_NAME("wx_seal");
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("W^X test: __ro_after_init module data");

static int wx_seal_value __ro_after_init = 1;
static int wx_seal_reads;

static int wx_seal_show(struct ark_seq *s, void *priv)
{
    (void)priv;
    wx_seal_reads++;
    printk("wx_seal: read %d: value %d, writing it\n", wx_seal_reads, wx_seal_value);
    *(volatile int *)&wx_seal_value = wx_seal_value + 1;
    printk("wx_seal: the write after init went through\n");
    return seq_printf(s, "value: %d\n", wx_seal_value) < 0 ? -EIO : 0;
}

static int wx_seal_init(void)
{
    wx_seal_value = 2;              /* still writable: init has not returned */
    printk("wx_seal: init set the value at %p to %d\n", (void *)&wx_seal_value, wx_seal_value);
    return proc_create("wx_seal", wx_seal_show, NULL, NULL);
}

static void wx_seal_exit(void)
{
    proc_remove("wx_seal");
}
ark_module_init(wx_seal_init);
ark_module_exit(wx_seal_exit);
