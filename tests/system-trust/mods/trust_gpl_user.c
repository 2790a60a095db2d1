/* trust_gpl_user.c — a dual-licensed (GPL-compatible) module using the GPL-only export. */
#include "ark/kernel.h"
#include "ark/module.h"

MODULE_LICENSE("Dual MIT/GPL");

int trust_gpl_fn(int x);

static int trust_gpl_user_init(void)
{
    printk("trust_gpl_user: got %d\n", trust_gpl_fn(21));
    return 0;
}
ark_module_init(trust_gpl_user_init);
