/* dkmt_crash.c — faults on purpose, to check crash attribution and write protection:
 * what=null writes through a NULL pointer, what=rodata writes into the module's own read-only
 * data (which must fault: text and rodata are mapped read-only with CR0.WP on). */
#include "ark/kernel.h"
#include "ark/module.h"

MODULE_NAME("dkmt_crash");
MODULE_LICENSE("MIT");

static char what[16] = "none";
module_param_string(what, "null or rodata");

static const int dkmt_crash_constant = 42;

__attribute__((noinline)) void dkmt_crash_here(volatile int *p)
{
    *p = 1;
}

int module_init(void)
{
    printk("dkmt_crash: what=%s\n", what);
    if (strcmp(what, "null") == 0)
        dkmt_crash_here((volatile int *)0);
    else if (strcmp(what, "rodata") == 0)
        dkmt_crash_here((volatile int *)&dkmt_crash_constant);
    return 0;
}
