/* dkmt_core.c — bottom of the system tests' dependency chain: exports a function, has a version. */
#include "ark/kernel.h"
#include "ark/module.h"

MODULE_NAME("dkmt_core");
MODULE_VERSION("1.2");
MODULE_LICENSE("MIT");
MODULE_DESCRIPTION("dependency chain, bottom");

int dkmt_core_value(int x)
{
    return x * 2;
}
EXPORT_SYMBOL(dkmt_core_value);

int module_init(void)
{
    printk("dkmt_core: init\n");
    return 0;
}

void module_exit(void)
{
    printk("dkmt_core: exit\n");
}
