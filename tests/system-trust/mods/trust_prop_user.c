/* trust_prop_user.c — a proprietary module that imports a GPL-only export: refused. */
#include "ark/kernel.h"
#include "ark/module.h"

MODULE_LICENSE("Proprietary");

int trust_gpl_fn(int x);

static int trust_prop_user_init(void)
{
    printk("trust_prop_user: got %d\n", trust_gpl_fn(21));
    return 0;
}
ark_module_init(trust_prop_user_init);
