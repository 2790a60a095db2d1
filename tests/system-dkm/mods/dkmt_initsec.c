/* dkmt_initsec.c — 64 KiB of init-only data and init-only code: after a successful init the kernel
 * frees them, so the module then holds far less module memory than it needed to load. */
#include "ark/kernel.h"
#include "ark/module.h"

MODULE_NAME("dkmt_initsec");
MODULE_LICENSE("MIT");

static char setup_table[64 * 1024] __initdata = { 1 };
static int checksum;

static int __init sum_table(void)
{
    int s = 0;
    for (unsigned i = 0; i < sizeof setup_table; i += 4096)
        s += setup_table[i] + 1;
    return s;
}

int module_init(void)
{
    checksum = sum_table();
    printk("dkmt_initsec: checksum %d\n", checksum);
    return 0;
}
