/* trust_nolicense.c — a module without MODULE_LICENSE: loads with a warning and taints P. */
#include "ark/kernel.h"
#include "ark/module.h"

static int trust_nolicense_init(void)
{
    printk("trust_nolicense: init\n");
    return 0;
}
ark_module_init(trust_nolicense_init);
