/* kheap.c — kmalloc/kzalloc/kfree: the heap allocator (heap.c) over the kernel heap area, backed by
 * page frames mapped on demand and returned to the page allocator when the top of the heap frees up. */
#include "mm.h"
#include "heap.h"
#include "cpu.h"
#include "ark/errno.h"
#include "ark/kernel.h"
#include "export.h"

#define KHEAP_GROW_STEP (4 * PAGE_SIZE)
#define KHEAP_KEEP      (16 * PAGE_SIZE)   /* free space kept mapped, so alloc/free cycles stay cheap */

static struct heap kheap;

static void kheap_release(uintptr_t start, size_t len)
{
    uint32_t *pgdir = vmm_kernel_pgdir();
    for (uintptr_t va = start; va < start + len; va += PAGE_SIZE) {
        uintptr_t phys = vmm_translate(pgdir, va, NULL);
        if (phys) {
            vmm_unmap_page(pgdir, va);
            pmm_free_page(phys & ~(PAGE_SIZE - 1));
        }
    }
}

static int kheap_grow(void *ctx, uintptr_t start, size_t len)
{
    (void)ctx;
    uint32_t *pgdir = vmm_kernel_pgdir();
    for (uintptr_t va = start; va < start + len; va += PAGE_SIZE) {
        uintptr_t phys = pmm_alloc_page();
        if (!phys || vmm_map_page(pgdir, va, phys, PTE_WRITE) != 0) {
            if (phys)
                pmm_free_page(phys);
            kheap_release(start, va - start);
            return -ENOMEM;
        }
    }
    return 0;
}

static void kheap_shrink(void *ctx, uintptr_t start, size_t len)
{
    (void)ctx;
    kheap_release(start, len);
}

static void kheap_corrupt(void *ctx, const char *what, const void *ptr)
{
    (void)ctx;
    panic("kheap: %s (%p)", what, ptr);
}

void kheap_init(void)
{
    heap_init(&kheap, KHEAP_BASE, KHEAP_END, KHEAP_GROW_STEP);
    kheap.keep = KHEAP_KEEP;
    kheap.grow = kheap_grow;
    kheap.shrink = kheap_shrink;
    kheap.corrupt = kheap_corrupt;
}

void *kmalloc(size_t size)
{
    uint32_t flags = irq_save();
    void *p = heap_alloc(&kheap, size);
    irq_restore(flags);
    return p;
}
KERNEL_EXPORT(kmalloc);

void *kzalloc(size_t size)
{
    void *p = kmalloc(size);
    if (p)
        memset(p, 0, size);
    return p;
}
KERNEL_EXPORT(kzalloc);

void kfree(void *ptr)
{
    uint32_t flags = irq_save();
    heap_free(&kheap, ptr);
    irq_restore(flags);
}
KERNEL_EXPORT(kfree);

/* Bytes usable at ptr (at least what was asked for): krealloc needs it. */
size_t kheap_usable_size(const void *ptr)
{
    uint32_t flags = irq_save();
    size_t n = heap_usable_size(&kheap, ptr);
    irq_restore(flags);
    return n;
}

size_t kheap_bytes_in_use(void)
{
    return kheap.bytes_in_use;
}

size_t kheap_blocks_in_use(void)
{
    return kheap.blocks_in_use;
}
