/* two_file/main.c — the module's entry points; the arithmetic lives in util.c. ark-gcc (and
 * `make M=`) link both into one module, two_file.elf. */
#include "ark/kernel.h"
#include "ark/module.h"
#include "two_file.h"

MODULE_NAME("two_file");
MODULE_VERSION("1.0");
MODULE_LICENSE("MIT");
MODULE_DESCRIPTION("one module built from two source files");

int module_init(void)
{
    /* 64-bit division needs the compiler runtime (__udivdi3), which ark-gcc links in. */
    uint64_t big = two_file_scale(3000000000u, 7);
    printk("two_file: sum(1..10)=%d, 3000000000*7/1000=%u\n", two_file_sum(10),
           (unsigned)(big / 1000u));
    return 0;
}

void module_exit(void)
{
    printk("two_file: unloaded\n");
}
