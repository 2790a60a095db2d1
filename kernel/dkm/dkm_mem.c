/* dkm_mem.c — module memory: page-granular regions in the kernel's module range
 * [MODULE_AREA_BASE, MODULE_AREA_END), backed by physical pages mapped into the kernel page
 * directory. A bitmap tracks every page of the range, so freed ranges merge with their neighbours
 * by construction and long load/unload runs cannot fragment the bookkeeping. Module memory stops
 * at a low-water mark of free RAM, so that the shell, lsmod and rmmod can still start when modules
 * have taken everything else. Callers hold the module lock (dkm_core.c). */
#include "ark/errno.h"
#include "ark/kernel.h"
#include "dkm_internal.h"
#include "mm.h"

#define AREA_PAGES ((MODULE_AREA_END - MODULE_AREA_BASE) / PAGE_SIZE)
#define WORD_BITS 32u

/* Reserved pages (mapped or guard) and guard pages. Every region is followed by one unmapped
 * guard page, so a module overrunning its region faults instead of corrupting its neighbour. */
static uint32_t area_reserved[AREA_PAGES / WORD_BITS];
static uint32_t area_guard[AREA_PAGES / WORD_BITS];
static uint32_t area_lowest_free;   /* no free page below this index */
static size_t area_mapped_pages;

static bool bit_test(const uint32_t *map, uint32_t i) { return (map[i / WORD_BITS] >> (i % WORD_BITS)) & 1u; }
static void bit_set(uint32_t *map, uint32_t i)        { map[i / WORD_BITS] |= 1u << (i % WORD_BITS); }
static void bit_clear(uint32_t *map, uint32_t i)      { map[i / WORD_BITS] &= ~(1u << (i % WORD_BITS)); }

static uintptr_t page_addr(uint32_t index) { return MODULE_AREA_BASE + (uintptr_t)index * PAGE_SIZE; }

/* First fit: the lowest run of `count` free pages, or AREA_PAGES if there is none. */
static uint32_t area_find_run(uint32_t count)
{
    uint32_t run = 0;
    for (uint32_t i = area_lowest_free; i < AREA_PAGES; i++) {
        if (i % WORD_BITS == 0 && area_reserved[i / WORD_BITS] == 0xFFFFFFFFu) {
            run = 0;
            i += WORD_BITS - 1;
            continue;
        }
        if (bit_test(area_reserved, i)) {
            run = 0;
            continue;
        }
        if (++run == count)
            return i + 1 - count;
    }
    return AREA_PAGES;
}

static void area_advance_lowest(void)
{
    while (area_lowest_free < AREA_PAGES && bit_test(area_reserved, area_lowest_free))
        area_lowest_free++;
}

/* Frames move between the page allocator and the page tables this many at a time: a whole small
 * module in one batch, with the table walks and interrupt-off sections per batch, not per page. */
#define AREA_BATCH 32u

/* How many of the pages from i to end go in the batch that starts at i. */
static uint32_t batch_len(uint32_t i, uint32_t end) { return end - i < AREA_BATCH ? end - i : AREA_BATCH; }

/* Unmaps and frees the pages [first, first+count) that are mapped, and releases their bits. */
static void area_release(uint32_t first, uint32_t count)
{
    uint32_t *pgdir = vmm_kernel_pgdir();
    uintptr_t frames[AREA_BATCH];
    for (uint32_t i = first; i < first + count; i += AREA_BATCH) {
        uint32_t n = batch_len(i, first + count);
        uint32_t got = vmm_unmap_frames(pgdir, page_addr(i), n, frames);
        pmm_free_frames(frames, got);
        area_mapped_pages -= got;
    }
    for (uint32_t i = first; i < first + count; i++)
        bit_clear(area_reserved, i);
    if (first < area_lowest_free)
        area_lowest_free = first;
}

/* Maps fresh pages at [first, first+count), writable and non-executable (dkm_mem_protect makes
 * code executable once it is written), zeroed if asked; on failure undoes what it did. */
static int area_populate(uint32_t first, uint32_t count, bool zero)
{
    uint32_t *pgdir = vmm_kernel_pgdir();
    uintptr_t frames[AREA_BATCH];
    for (uint32_t i = first; i < first + count; i += AREA_BATCH) {
        uint32_t n = batch_len(i, first + count);
        if (pmm_alloc_frames(frames, n) < 0)
            goto fail;
        if (vmm_map_frames(pgdir, page_addr(i), frames, n, PTE_WRITE) < 0) {
            pmm_free_frames(frames, n);
            goto fail;
        }
        area_mapped_pages += n;
        if (zero)
            memset((void *)page_addr(i), 0, (size_t)n * PAGE_SIZE);
    }
    return 0;
fail:
    area_release(first, count);   /* unmaps the pages already mapped, clears all bits */
    return -ENOMEM;
}

static uint32_t pages_for(size_t size) { return (uint32_t)((size + PAGE_SIZE - 1) / PAGE_SIZE); }

/* Free pages module memory leaves alone: 1/32 of RAM, at least 2 MiB. */
static uint32_t reserve_pages(void)
{
    uint32_t r = pmm_total_pages() / 32;
    return r < 512 ? 512 : r;
}

size_t dkm_mem_reserve_bytes(void) { return (size_t)reserve_pages() * PAGE_SIZE; }

/* count more pages (plus page-table slack) still leave the reserve free. */
static bool above_reserve(uint32_t count)
{
    uint32_t free_pages = pmm_free_pages();
    return free_pages > reserve_pages() && free_pages - reserve_pages() > count;
}

/* Takes pages [first, first + count] of a free run: count mapped pages and one unmapped guard
 * page after them that turns an overrun into a page fault. 0, or -ENOMEM with the run free. */
static int area_claim(uint32_t first, uint32_t count, bool zero)
{
    for (uint32_t i = first; i < first + count + 1; i++)
        bit_set(area_reserved, i);
    bit_set(area_guard, first + count);
    if (area_populate(first, count, zero) < 0) {
        bit_clear(area_guard, first + count);
        bit_clear(area_reserved, first + count);
        return -ENOMEM;
    }
    area_advance_lowest();
    return 0;
}

void *dkm_mem_alloc(size_t size)
{
    if (size == 0 || size > (size_t)(MODULE_AREA_END - MODULE_AREA_BASE) - PAGE_SIZE)
        return NULL;
    uint32_t count = pages_for(size);
    if (!above_reserve(count))
        return NULL;
    uint32_t first = area_find_run(count + 1);
    if (first >= AREA_PAGES)
        return NULL;
    /* Not zeroed: libdkm writes every byte of the memory it asks for (DKM_REGION_UNZEROED), so
     * zeroing here would write each page twice. */
    if (area_claim(first, count, false) < 0)
        return NULL;
    return (void *)page_addr(first);
}

/* Checks that [addr, addr+size) is a page-aligned range of mapped module pages. */
static bool area_range_valid(uintptr_t addr, size_t size, uint32_t *first, uint32_t *count)
{
    if (addr < MODULE_AREA_BASE || addr >= MODULE_AREA_END || (addr & (PAGE_SIZE - 1)) || size == 0)
        return false;
    *first = (uint32_t)((addr - MODULE_AREA_BASE) / PAGE_SIZE);
    *count = pages_for(size);
    if (*count > AREA_PAGES - *first)
        return false;
    for (uint32_t i = *first; i < *first + *count; i++)
        if (!bit_test(area_reserved, i) || bit_test(area_guard, i))
            return false;
    return true;
}

int dkm_mem_protect(void *addr, size_t size, unsigned prot)
{
    uint32_t first, count;
    if (!area_range_valid((uintptr_t)addr, size, &first, &count))
        return -EINVAL;
    /* W^X: module memory is mapped writable and non-executable from dkm_mem_alloc on, and becomes
     * executable only here, after libdkm has finished writing it; never both at once. */
    if ((prot & DKM_PROT_W) && (prot & DKM_PROT_X)) {
        printk(KERN_ERR "dkm: refusing a writable and executable mapping at %p (+%zu): "
               "module memory is W^X\n", addr, size);
        return -EACCES;
    }
    uint32_t flags = ((prot & DKM_PROT_W) ? PTE_WRITE : 0) | ((prot & DKM_PROT_X) ? PTE_EXEC : 0);
    return vmm_protect_frames(vmm_kernel_pgdir(), (uintptr_t)addr, count, flags);
}

void dkm_mem_free(void *addr, size_t size)
{
    uint32_t first, count;
    if (!area_range_valid((uintptr_t)addr, size, &first, &count)) {
        printk(KERN_ERR "dkm: refusing to free %p (+%zu): not a module region\n", addr, size);
        return;
    }
    area_release(first, count);
    uint32_t after = first + count;
    if (after < AREA_PAGES && bit_test(area_guard, after)) {
        bit_clear(area_guard, after);
        bit_clear(area_reserved, after);
    }
}

/* ET_EXEC images ask for their link address: granted when the whole range is free. */
int dkm_mem_claim(uintptr_t addr, size_t size)
{
    if (addr < MODULE_AREA_BASE || addr >= MODULE_AREA_END || (addr & (PAGE_SIZE - 1)) || size == 0)
        return -ERANGE;
    uint32_t first = (uint32_t)((addr - MODULE_AREA_BASE) / PAGE_SIZE);
    uint32_t count = pages_for(size);
    if (count + 1 > AREA_PAGES - first)
        return -ERANGE;
    for (uint32_t i = first; i < first + count + 1; i++)
        if (bit_test(area_reserved, i))
            return -EBUSY;
    if (!above_reserve(count))
        return -ENOMEM;
    return area_claim(first, count, true);   /* an ET_EXEC image: zeroed, as dkm.h promises */
}

size_t dkm_mem_total_bytes(void) { return (size_t)(MODULE_AREA_END - MODULE_AREA_BASE); }
size_t dkm_mem_used_bytes(void)  { return area_mapped_pages * PAGE_SIZE; }
