/* dkmt_mid.c — middle of the dependency chain: imports dkmt_core's export, exports its own, and
 * declares a version constraint on dkmt_core. */
#include "ark/kernel.h"
#include "ark/module.h"

MODULE_NAME("dkmt_mid");
MODULE_VERSION("1.0");
MODULE_LICENSE("MIT");
MODULE_DEPENDS("dkmt_core>=1.1");

int dkmt_core_value(int x);

int dkmt_mid_value(int x)
{
    return dkmt_core_value(x) + 1;
}
EXPORT_SYMBOL(dkmt_mid_value);

int module_init(void)
{
    printk("dkmt_mid: init, core says %d\n", dkmt_core_value(20));
    return 0;
}

void module_exit(void)
{
    printk("dkmt_mid: exit\n");
}
