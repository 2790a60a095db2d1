/* trust_prop_kernel.c — a proprietary module that imports the kernel's GPL-only ksym_format. */
#include "ark/kernel.h"
#include "ark/module.h"

MODULE_LICENSE("Proprietary");

int ksym_format(uintptr_t addr, char *buf, size_t len);

static int trust_prop_kernel_init(void)
{
    char buf[64];
    ksym_format((uintptr_t)printk, buf, sizeof buf);
    printk("trust_prop_kernel: %s\n", buf);
    return 0;
}
ark_module_init(trust_prop_kernel_init);
