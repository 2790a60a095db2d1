/* start.c — the init half of a module built from two files (startstop-objs := start.o stop.o). */
#include <linux/kernel.h>
#include <linux/module.h>

int startstop_count(void);

int init_module(void)
{
    pr_info("startstop: hello from %s, %d calls so far\n", KBUILD_MODNAME, startstop_count());
    return 0;
}

MODULE_LICENSE("GPL");
