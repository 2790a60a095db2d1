/* features.c — weak undefined symbols, COMMON, page alignment, init-only code and data, strings. */
#include "ark/module.h"

extern void host_bump(int by);
extern int not_anywhere __attribute__((weak));
extern void nowhere_fn(void) __attribute__((weak));
int shared_common;                       /* COMMON with -fcommon */
static char page_aligned[64] __attribute__((aligned(4096))) = "aligned";
static int init_table[4] __initdata = {1, 2, 3, 4};

int features_aligned_ok(void) { return ((unsigned long)page_aligned & 4095) == 0 && page_aligned[0] == 'a'; }

static __init int sum_init_table(void)
{
    int s = 0;
    for (int i = 0; i < 4; i++)
        s += init_table[i];
    return s;
}

int module_init(void)
{
    int v = 0;
    if (&not_anywhere == 0 && nowhere_fn == 0)
        v += 1;
    if (features_aligned_ok())
        v += 10;
    shared_common = 5;
    v += sum_init_table() * 100;    /* 1000 */
    host_bump(v);
    return 0;
}
