/* trust_gpl_kernel.c — a GPL module that may use the kernel's GPL-only ksym_format. */
#include "ark/kernel.h"
#include "ark/module.h"

MODULE_LICENSE("GPL");

int ksym_format(uintptr_t addr, char *buf, size_t len);

static int trust_gpl_kernel_init(void)
{
    char buf[64];
    ksym_format((uintptr_t)printk, buf, sizeof buf);
    printk("trust_gpl_kernel: printk is %s\n", buf);
    return 0;
}
ark_module_init(trust_gpl_kernel_init);
