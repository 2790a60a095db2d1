/* dkmt_deep.c — an init that uses about kb KiB of stack (default 23, more than a kernel stack has)
 * by recursion, each level keeping a 1 KiB buffer live. */
#include "ark/kernel.h"
#include "ark/module.h"

MODULE_NAME("dkmt_deep");
MODULE_LICENSE("MIT");

static int kb = 23;
module_param(kb, int, "KiB of stack to use");

__attribute__((noinline)) int dkmt_deep_recurse(int level)
{
    volatile char buf[1024];
    for (unsigned i = 0; i < sizeof buf; i += 64)
        buf[i] = (char)level;
    int below = level > 1 ? dkmt_deep_recurse(level - 1) : 0;
    return below + buf[level % 16 * 64];
}

int module_init(void)
{
    int sum = dkmt_deep_recurse(kb);
    printk("dkmt_deep: used about %d KiB of stack (%d)\n", kb, sum);
    return 0;
}
