/* wx_rwx.c — a module linked (ld -N) into one segment that is readable, writable and executable:
 * W^X forbids mapping it, so its load must fail with that reason and its init never run. */
#include "ark/kernel.h"
#include "ark/module.h"

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("W^X test: an RWX segment");

static int wx_rwx_counter = 3;

int module_init(void)
{
    printk("wx_rwx: init ran (%d)\n", wx_rwx_counter++);
    return 0;
}
