/* trust_prop_plain.c — a proprietary module that imports only an ordinary export: loads, taints P. */
#include "ark/kernel.h"
#include "ark/module.h"

MODULE_LICENSE("Proprietary");

int trust_plain_fn(int x);

static int trust_prop_plain_init(void)
{
    printk("trust_prop_plain: got %d\n", trust_plain_fn(41));
    return 0;
}
ark_module_init(trust_prop_plain_init);
