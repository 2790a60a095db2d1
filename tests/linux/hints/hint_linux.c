/* hint_linux.c — a common mistake: Linux's pr_info with ark's own headers. */
#include "ark/kernel.h"
#include "ark/module.h"

int pr_info(const char *fmt, ...);

int module_init(void)
{
    pr_info("hello\n");
    return 0;
}
