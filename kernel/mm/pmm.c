/* pmm.c — the physical page allocator: the multiboot memory map's RAM (up to what the direct map
 * can reach), minus page 0, the kernel image and the boot modules, handed out one frame at a time. */
#include "mm.h"
#include "boot.h"
#include "cpu.h"
#include "page_bitmap.h"
#include "ark/errno.h"
#include "ark/kernel.h"

#define PMM_MAX_PAGES (DIRECT_MAP_MAX / PAGE_SIZE)

static uint32_t pmm_bits[PAGE_BITMAP_WORDS(PMM_MAX_PAGES)];
static struct page_bitmap pmm_map;
static uint32_t pmm_total;
static uintptr_t pmm_top;

static void pmm_reserve(uintptr_t start, uintptr_t end)
{
    uint32_t first = start / PAGE_SIZE;
    uint32_t last = (end + PAGE_SIZE - 1) / PAGE_SIZE;
    if (last > first)
        page_bitmap_set_used(&pmm_map, first, last - first);
}

void pmm_init(const struct boot_info *bi)
{
    page_bitmap_init(&pmm_map, pmm_bits, PMM_MAX_PAGES);
    for (unsigned i = 0; i < bi->ram_count; i++) {
        uint64_t start = (bi->ram[i].start + PAGE_SIZE - 1) & ~(uint64_t)(PAGE_SIZE - 1);
        uint64_t end = bi->ram[i].end & ~(uint64_t)(PAGE_SIZE - 1);
        if (end > DIRECT_MAP_MAX) {
            if (bi->ram[i].end > DIRECT_MAP_MAX)
                printk(KERN_NOTICE "pmm: ignoring RAM above %u MiB\n", DIRECT_MAP_MAX >> 20);
            end = DIRECT_MAP_MAX;
        }
        if (end <= start)
            continue;
        page_bitmap_set_free(&pmm_map, (uint32_t)(start / PAGE_SIZE),
                             (uint32_t)((end - start) / PAGE_SIZE));
        if (end > pmm_top)
            pmm_top = (uintptr_t)end;
    }
    pmm_reserve(0, PAGE_SIZE);        /* physical 0 doubles as "no page" in this interface */
    pmm_reserve(VIRT_TO_PHYS(__kernel_start) & ~(PAGE_SIZE - 1), VIRT_TO_PHYS(__kernel_end));
    for (unsigned i = 0; i < bi->module_count; i++)
        pmm_reserve(bi->modules[i].start & ~(PAGE_SIZE - 1), bi->modules[i].end);
    pmm_total = pmm_map.free;
}

uintptr_t pmm_ram_top(void)
{
    return pmm_top;
}

int pmm_alloc_frames(uintptr_t *frames, uint32_t n)
{
    uint32_t flags = irq_save();
    if (pmm_map.free < n) {
        irq_restore(flags);
        return -ENOMEM;
    }
    for (uint32_t i = 0; i < n; i++) {
        int64_t page = page_bitmap_alloc(&pmm_map);
        if (page < 0) {   /* the free count said otherwise: give back what was taken */
            while (i--)
                page_bitmap_free(&pmm_map, frames[i] / PAGE_SIZE);
            irq_restore(flags);
            return -ENOMEM;
        }
        frames[i] = (uintptr_t)page * PAGE_SIZE;
    }
    irq_restore(flags);
    return 0;
}

uintptr_t pmm_alloc_contiguous(uint32_t n, uintptr_t below)
{
    uint32_t flags = irq_save();
    int64_t first = page_bitmap_alloc_range(&pmm_map, n, (uint32_t)(below / PAGE_SIZE));
    irq_restore(flags);
    return first < 0 ? 0 : (uintptr_t)first * PAGE_SIZE;
}

uintptr_t pmm_alloc_page(void)
{
    uintptr_t frame;
    return pmm_alloc_frames(&frame, 1) == 0 ? frame : 0;
}

/* A bad free is a kernel bug; it is reported (the first bad frame of a batch is enough to find
 * it) and ignored rather than corrupting the bitmap. */
void pmm_free_frames(const uintptr_t *frames, uint32_t n)
{
    uint32_t bad = n;
    int bad_rc = 0;
    uint32_t flags = irq_save();
    for (uint32_t i = 0; i < n; i++) {
        int rc = (frames[i] & (PAGE_SIZE - 1)) ? -EINVAL : page_bitmap_free(&pmm_map, frames[i] / PAGE_SIZE);
        if (rc != 0 && bad == n) {
            bad = i;
            bad_rc = rc;
        }
    }
    irq_restore(flags);
    if (bad == n)
        return;
    if (frames[bad] & (PAGE_SIZE - 1))
        printk(KERN_ERR "pmm: bad free of 0x%08lx (not page-aligned)\n", (unsigned long)frames[bad]);
    else
        printk(KERN_ERR "pmm: bad free of frame 0x%08lx (%s)\n", (unsigned long)frames[bad],
               bad_rc == -EFAULT ? "not allocated" : "not a managed frame");
}

void pmm_free_page(uintptr_t phys)
{
    pmm_free_frames(&phys, 1);
}

uint32_t pmm_total_pages(void)
{
    return pmm_total;
}

uint32_t pmm_free_pages(void)
{
    return pmm_map.free;
}
