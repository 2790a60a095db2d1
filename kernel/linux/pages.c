/* pages.c — linux/mm.h's whole-page allocator over the physical page allocator: consecutive
 * frames seen through the direct map, each block remembered with its order and owner so that a
 * wrong free is caught and a module's leftovers freed at its unload.
 * Locking: pages_lock (irqsave) guards the list; GFP_ATOMIC callers may come from interrupts. */
#include "sched.h"
#include "mm.h"
#include "lx_internal.h"
#include <linux/mm.h>
#include <linux/spinlock.h>

struct lx_pages {
    unsigned long addr;
    unsigned int order;
    struct kmod *owner;
    struct lx_pages *next;
};

static DEFINE_SPINLOCK(pages_lock);
static struct lx_pages *blocks;

#define ISA_DMA_LIMIT (16u << 20)

unsigned long __get_free_pages(gfp_t gfp, unsigned int order)
{
    if (order > MAX_ORDER) {
        printk(KERN_ERR "mm: %s: __get_free_pages of order %u (at most %u)\n",
               lx_owner_name(lx_caller_outside_irq()), order, MAX_ORDER);
        return 0;
    }
    struct lx_pages *b = kmalloc(sizeof(*b), gfp);
    if (!b)
        return 0;
    uint32_t count = 1u << order;
    uintptr_t below = (gfp & __GFP_DMA) ? ISA_DMA_LIMIT : DIRECT_MAP_MAX;
    uintptr_t phys = pmm_alloc_contiguous(count, below);
    if (!phys) {
        if (!(gfp & __GFP_NOWARN))
            printk(KERN_WARNING "mm: %s: no %u consecutive free pages%s\n",
                   lx_owner_name(lx_caller_outside_irq()), count,
                   (gfp & __GFP_DMA) ? " below 16 MiB" : "");
        kfree(b);
        return 0;
    }
    b->addr = (unsigned long)PHYS_TO_VIRT(phys);
    b->order = order;
    b->owner = lx_caller_outside_irq();
    if (gfp & __GFP_ZERO)
        memset((void *)b->addr, 0, (size_t)count * PAGE_SIZE);
    unsigned long flags;
    spin_lock_irqsave(&pages_lock, flags);
    b->next = blocks;
    blocks = b;
    spin_unlock_irqrestore(&pages_lock, flags);
    return b->addr;
}
KERNEL_EXPORT(__get_free_pages);

static void release(struct lx_pages *b)
{
    uintptr_t phys = VIRT_TO_PHYS(b->addr);
    for (uint32_t i = 0; i < (1u << b->order); i++)
        pmm_free_page(phys + (uintptr_t)i * PAGE_SIZE);
    kfree(b);
}

void free_pages(unsigned long addr, unsigned int order)
{
    if (!addr)
        return;
    unsigned long flags;
    spin_lock_irqsave(&pages_lock, flags);
    struct lx_pages **pp = &blocks;
    while (*pp && (*pp)->addr != addr)
        pp = &(*pp)->next;
    struct lx_pages *b = *pp;
    if (b && b->order == order)
        *pp = b->next;
    spin_unlock_irqrestore(&pages_lock, flags);
    if (!b) {
        printk(KERN_ERR "mm: %s: free_pages of 0x%08lx, which __get_free_pages did not give out; ignored\n",
               lx_owner_name(lx_caller_outside_irq()), addr);
        return;
    }
    if (b->order != order) {
        printk(KERN_ERR "mm: %s: free_pages of 0x%08lx with order %u, taken with order %u; ignored\n",
               lx_owner_name(lx_caller_outside_irq()), addr, order, b->order);
        return;
    }
    release(b);
}
KERNEL_EXPORT(free_pages);

unsigned long ark_linux_totalram_pages(void)
{
    return pmm_total_pages();
}
KERNEL_EXPORT(ark_linux_totalram_pages);

int lx_pages_release_owned(struct kmod *m)
{
    int removed = 0;
    for (;;) {
        unsigned long flags;
        spin_lock_irqsave(&pages_lock, flags);
        struct lx_pages **pp = &blocks;
        while (*pp && (*pp)->owner != m)
            pp = &(*pp)->next;
        struct lx_pages *b = *pp;
        if (b)
            *pp = b->next;
        spin_unlock_irqrestore(&pages_lock, flags);
        if (!b)
            return removed;
        printk(KERN_WARNING "linux: %s: exit left %u page%s at 0x%08lx; freed\n", lx_owner_name(m),
               1u << b->order, b->order ? "s" : "", b->addr);
        release(b);
        removed++;
    }
}
