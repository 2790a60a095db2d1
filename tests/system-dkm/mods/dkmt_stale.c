/* dkmt_stale.c — finds out whether module memory came with what an earlier module left in it:
 * counts the non-zero bytes of its bss and COMMON data, then dirties them all, so that the next load
 * on the same pages sees them unless the loader writes every byte it is given. */
#include "ark/kernel.h"
#include "ark/module.h"

MODULE_NAME("dkmt_stale");
MODULE_LICENSE("MIT");

static unsigned char pool[24 * 1024];
static unsigned char aligned_pool[3000] __attribute__((aligned(64)));
__attribute__((common)) unsigned char dkmt_stale_common[5000];

static int count_and_dirty(unsigned char *p, unsigned n)
{
    int stale = 0;
    for (unsigned i = 0; i < n; i++) {
        stale += p[i] != 0;
        p[i] = 0x5a;
    }
    return stale;
}

int module_init(void)
{
    int stale = count_and_dirty(pool, sizeof pool) + count_and_dirty(aligned_pool, sizeof aligned_pool) +
                count_and_dirty(dkmt_stale_common, sizeof dkmt_stale_common);
    printk("dkmt_stale: %d stale bytes\n", stale);
    return 0;
}
