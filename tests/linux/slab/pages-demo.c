/* pages-demo.c — whole pages as drivers take them: single and 2^order blocks (physically
 * consecutive), a zeroed page, a block for an ISA device below 16 MiB, get_order, the wrong frees
 * the kernel catches, and (leave=1) an exit that forgets a block. */
#include <linux/io.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/moduleparam.h>

static int leave;
module_param(leave, int, 0444);
static unsigned long kept;

static int __init pages_demo_init(void)
{
    unsigned long one, four, zero, isa;
    int consecutive = 1, zeroed = 1, i;

    one = __get_free_page(GFP_KERNEL);
    four = __get_free_pages(GFP_KERNEL, 2);
    zero = get_zeroed_page(GFP_KERNEL);
    isa = __get_free_pages(GFP_KERNEL | GFP_DMA, 1);
    if (!one || !four || !zero || !isa)
        return -ENOMEM;
    memset((void *)one, 0xa5, PAGE_SIZE);
    for (i = 1; i < 4; i++)
        if (virt_to_phys((void *)(four + i * PAGE_SIZE)) != virt_to_phys((void *)four) + i * PAGE_SIZE)
            consecutive = 0;
    memset((void *)four, 0x5a, 4 * PAGE_SIZE);
    for (i = 0; i < (int)PAGE_SIZE; i++)
        if (((u8 *)zero)[i])
            zeroed = 0;
    pr_info("pages_demo: page-aligned %d, order-2 block consecutive %d, zeroed page %d, ISA block below 16 MiB %d\n",
            (one & (PAGE_SIZE - 1)) == 0 && (four & (PAGE_SIZE - 1)) == 0, consecutive, zeroed,
            virt_to_phys((void *)isa) + 2 * PAGE_SIZE <= (16u << 20));
    pr_info("pages_demo: get_order 1 %d, 4096 %d, 4097 %d, 65536 %d; total pages above 1000 %d\n", get_order(1),
            get_order(4096), get_order(4097), get_order(65536), totalram_pages() > 1000);
    free_pages(four, 1);               /* the wrong order: refused, the block stays */
    free_pages(one + 8, 0);            /* not an address it gave out */
    free_pages(four, 2);
    free_page(one);
    free_page(zero);
    free_pages(isa, 1);
    pr_info("pages_demo: %s order %d refused\n", "a block of", MAX_ORDER + 1 - (__get_free_pages(GFP_KERNEL | __GFP_NOWARN, MAX_ORDER + 1) != 0));
    if (leave)
        kept = __get_free_pages(GFP_KERNEL, 1);
    return 0;
}

static void __exit pages_demo_exit(void)
{
}

module_init(pages_demo_init);
module_exit(pages_demo_exit);
MODULE_LICENSE("GPL");
