/* hint_printf.c — a common mistake: calling the C library's printf from a module. */
#include "ark/module.h"

int printf(const char *fmt, ...);

int module_init(void)
{
    printf("hello\n");
    return 0;
}
