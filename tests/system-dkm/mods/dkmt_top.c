/* dkmt_top.c — top of the dependency chain: uses dkmt_mid, which uses dkmt_core. */
#include "ark/kernel.h"
#include "ark/module.h"

MODULE_NAME("dkmt_top");
MODULE_LICENSE("MIT");

int dkmt_mid_value(int x);

int module_init(void)
{
    printk("dkmt_top: init, chain says %d\n", dkmt_mid_value(20));
    return 0;
}

void module_exit(void)
{
    printk("dkmt_top: exit\n");
}
