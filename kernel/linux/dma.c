/* dma.c — linux/dma-mapping.h over physical memory: coherent buffers from consecutive frames
 * below the device's mask, streaming mappings that give a buffer's own physical address or go
 * through a bounce buffer, and what a module leaves behind freed at its unload.
 * Locking: dma_lock (irqsave) guards the list of buffers and mappings; frames come from the page
 * allocator, which masks interrupts itself. */
#include "sched.h"
#include "mm.h"
#include "lx_internal.h"
#include <linux/dma-mapping.h>
#include <linux/spinlock.h>

/* A coherent buffer, or a mapping (bounce: its own frames, with the caller's buffer at orig). */
struct lx_dma {
    void *cpu;
    dma_addr_t handle;
    size_t size;
    uint32_t pages;                    /* frames behind cpu; 0 for a mapping without a bounce */
    void *orig;                        /* a mapping's buffer; NULL for a coherent buffer */
    enum dma_data_direction dir;
    struct device *dev;
    struct kmod *owner;
    struct lx_dma *next;
};

static DEFINE_SPINLOCK(dma_lock);
static struct lx_dma *dma_list;

#define DMA_MIN_MASK DMA_BIT_MASK(24)

int dma_set_mask(struct device *dev, u64 mask)
{
    if (!dev->dma_mask || mask < DMA_MIN_MASK)
        return -EIO;
    *dev->dma_mask = mask;
    return 0;
}
KERNEL_EXPORT(dma_set_mask);

int dma_set_coherent_mask(struct device *dev, u64 mask)
{
    if (mask < DMA_MIN_MASK)
        return -EIO;
    dev->coherent_dma_mask = mask;
    return 0;
}
KERNEL_EXPORT(dma_set_coherent_mask);

int dma_set_mask_and_coherent(struct device *dev, u64 mask)
{
    int rc = dma_set_mask(dev, mask);
    return rc ? rc : dma_set_coherent_mask(dev, mask);
}
KERNEL_EXPORT(dma_set_mask_and_coherent);

u64 dma_get_mask(struct device *dev)
{
    return dev && dev->dma_mask && *dev->dma_mask ? *dev->dma_mask : DMA_BIT_MASK(32);
}
KERNEL_EXPORT(dma_get_mask);

/* The first physical address a device with mask cannot reach, within RAM the kernel maps. */
static uintptr_t reach(u64 mask)
{
    u64 limit = mask + 1 ? mask + 1 : ~0ULL;
    if (limit > DIRECT_MAP_MAX)
        limit = DIRECT_MAP_MAX;
    return (uintptr_t)limit;
}

static const char *who(struct device *dev)
{
    return dev ? dev_name(dev) : "(no device)";
}

static void remember(struct lx_dma *d)
{
    d->owner = lx_caller_outside_irq();
    unsigned long flags;
    spin_lock_irqsave(&dma_lock, flags);
    d->next = dma_list;
    dma_list = d;
    spin_unlock_irqrestore(&dma_lock, flags);
}

/* Takes the record that match() picks off the list, or NULL. */
static struct lx_dma *forget(bool (*match)(const struct lx_dma *, const void *), const void *key)
{
    unsigned long flags;
    spin_lock_irqsave(&dma_lock, flags);
    struct lx_dma **pp = &dma_list;
    while (*pp && !match(*pp, key))
        pp = &(*pp)->next;
    struct lx_dma *d = *pp;
    if (d)
        *pp = d->next;
    spin_unlock_irqrestore(&dma_lock, flags);
    return d;
}

static void free_frames(struct lx_dma *d)
{
    uintptr_t phys = d->handle;
    for (uint32_t i = 0; i < d->pages; i++)
        pmm_free_page(phys + (uintptr_t)i * PAGE_SIZE);
}

/* pages consecutive zeroed frames below limit, mapped in the kernel's direct map. */
static void *alloc_frames(uint32_t pages, uintptr_t limit, dma_addr_t *phys_out)
{
    uintptr_t phys = pmm_alloc_contiguous(pages, limit);
    if (!phys)
        return NULL;
    void *cpu = PHYS_TO_VIRT(phys);
    memset(cpu, 0, (size_t)pages * PAGE_SIZE);
    *phys_out = (dma_addr_t)phys;
    return cpu;
}

/* A coherent buffer's record, remembered: NULL when memory or frames ran out. */
static struct lx_dma *coherent_alloc(struct device *dev, size_t size, gfp_t gfp)
{
    if (size == 0)
        return NULL;
    struct lx_dma *d = kzalloc(sizeof(*d), gfp);
    if (!d)
        return NULL;
    u64 mask = dev && dev->coherent_dma_mask ? dev->coherent_dma_mask : DMA_BIT_MASK(32);
    d->pages = (uint32_t)((size + PAGE_SIZE - 1) / PAGE_SIZE);
    d->cpu = alloc_frames(d->pages, reach(mask), &d->handle);
    if (!d->cpu) {
        printk(KERN_ERR "dma: %s: no %u consecutive free pages below 0x%llx for a %zu-byte coherent buffer\n",
               who(dev), d->pages, (unsigned long long)mask + 1, size);
        kfree(d);
        return NULL;
    }
    d->size = size;
    d->dev = dev;
    remember(d);
    return d;
}

void *dma_alloc_coherent(struct device *dev, size_t size, dma_addr_t *dma_handle, gfp_t gfp)
{
    struct lx_dma *d = coherent_alloc(dev, size, gfp);
    if (!d)
        return NULL;
    *dma_handle = d->handle;
    return d->cpu;
}
KERNEL_EXPORT(dma_alloc_coherent);

static bool is_coherent_at(const struct lx_dma *d, const void *cpu)
{
    return !d->orig && d->cpu == cpu;
}

static bool is_record(const struct lx_dma *d, const void *record)
{
    return d == record;
}

void dma_free_coherent(struct device *dev, size_t size, void *cpu_addr, dma_addr_t dma_handle)
{
    if (!cpu_addr)
        return;
    struct lx_dma *d = forget(is_coherent_at, cpu_addr);
    if (!d || d->handle != dma_handle) {
        printk(KERN_ERR "dma: %s: dma_free_coherent of %p, which is no coherent buffer%s\n", who(dev),
               cpu_addr, d ? " with that handle" : "");
        if (d)
            remember(d);               /* keep it: a later, right free still finds it */
        return;
    }
    if (size != d->size)
        printk(KERN_WARNING "dma: %s: dma_free_coherent of %zu bytes, allocated as %zu\n", who(dev), size, d->size);
    free_frames(d);
    kfree(d);
}
KERNEL_EXPORT(dma_free_coherent);

/* The managed buffer's action: its record, taken off the list and freed. */
static void dmam_release(void *record)
{
    struct lx_dma *d = forget(is_record, record);
    if (!d)
        return;
    free_frames(d);
    kfree(d);
}

void *dmam_alloc_coherent(struct device *dev, size_t size, dma_addr_t *dma_handle, gfp_t gfp)
{
    struct lx_dma *d = coherent_alloc(dev, size, gfp);
    if (!d)
        return NULL;
    dma_addr_t handle = d->handle;
    void *cpu = d->cpu;
    if (devm_add_action_or_reset(dev, dmam_release, d))   /* which frees it when it fails */
        return NULL;
    *dma_handle = handle;
    return cpu;
}
KERNEL_EXPORT(dmam_alloc_coherent);

void dmam_free_coherent(struct device *dev, size_t size, void *cpu_addr, dma_addr_t dma_handle)
{
    (void)size;
    (void)dma_handle;
    struct lx_dma *found = NULL;
    unsigned long flags;
    spin_lock_irqsave(&dma_lock, flags);
    for (struct lx_dma *d = dma_list; d && !found; d = d->next)
        if (is_coherent_at(d, cpu_addr))
            found = d;
    spin_unlock_irqrestore(&dma_lock, flags);
    if (found)
        devm_release_action(dev, dmam_release, found);
    else
        printk(KERN_ERR "dma: %s: dmam_free_coherent of %p, which is no managed buffer\n", who(dev), cpu_addr);
}
KERNEL_EXPORT(dmam_free_coherent);

unsigned long ark_linux_virt_to_phys(const volatile void *addr)
{
    uint32_t flags;
    uintptr_t page = (uintptr_t)addr & ~(uintptr_t)(PAGE_SIZE - 1);
    uintptr_t phys = vmm_translate(vmm_kernel_pgdir(), page, &flags);
    return phys ? phys + ((uintptr_t)addr & (PAGE_SIZE - 1)) : 0;
}
KERNEL_EXPORT(ark_linux_virt_to_phys);

/* ---- streaming mappings ---- */

/* ptr's physical address if [ptr, ptr + size) is physically contiguous and below limit, else 0. */
static uintptr_t contiguous_phys(const void *ptr, size_t size, uintptr_t limit)
{
    uint32_t flags;
    uintptr_t start = (uintptr_t)ptr, first = 0;
    for (uintptr_t page = start & ~(uintptr_t)(PAGE_SIZE - 1); page < start + size; page += PAGE_SIZE) {
        uintptr_t phys = vmm_translate(vmm_kernel_pgdir(), page, &flags);
        if (!phys)
            return 0;
        if (!first)
            first = phys;
        else if (phys != first + (page - (start & ~(uintptr_t)(PAGE_SIZE - 1))))
            return 0;
    }
    uintptr_t addr = first + (start & (PAGE_SIZE - 1));
    return addr && addr + size <= limit ? addr : 0;
}

dma_addr_t dma_map_single(struct device *dev, void *ptr, size_t size, enum dma_data_direction dir)
{
    if (dir > DMA_FROM_DEVICE || !ptr || size == 0) {
        printk(KERN_ERR "dma: %s: dma_map_single of %p, %zu bytes, direction %d: %s\n", who(dev), ptr, size,
               (int)dir, dir > DMA_FROM_DEVICE ? "no such direction" : "nothing to map");
        return DMA_MAPPING_ERROR;
    }
    struct lx_dma *d = kzalloc(sizeof(*d), GFP_ATOMIC);
    if (!d)
        return DMA_MAPPING_ERROR;
    d->orig = ptr;
    d->size = size;
    d->dir = dir;
    d->dev = dev;
    uintptr_t limit = reach(dma_get_mask(dev));
    uintptr_t direct = contiguous_phys(ptr, size, limit);
    if (direct) {
        d->handle = (dma_addr_t)direct;
    } else {
        /* Not reachable as it lies: bounce through frames the device can reach. */
        d->pages = (uint32_t)((size + PAGE_SIZE - 1) / PAGE_SIZE);
        d->cpu = alloc_frames(d->pages, limit, &d->handle);
        if (!d->cpu) {
            printk(KERN_ERR "dma: %s: cannot map %zu bytes at %p: not contiguous or out of the device's reach, "
                   "and no bounce buffer is free\n", who(dev), size, ptr);
            kfree(d);
            return DMA_MAPPING_ERROR;
        }
        if (dir != DMA_FROM_DEVICE)
            memcpy(d->cpu, ptr, size);
    }
    remember(d);
    return d->handle;
}
KERNEL_EXPORT(dma_map_single);

static bool is_mapping_of(const struct lx_dma *d, const void *handle)
{
    return d->orig && d->handle == *(const dma_addr_t *)handle;
}

/* The device's writes, back in the caller's buffer (for a bounced mapping). */
static void copy_back(const struct lx_dma *d, size_t size)
{
    if (d->cpu && d->dir != DMA_TO_DEVICE)
        memcpy(d->orig, d->cpu, size < d->size ? size : d->size);
}

void dma_unmap_single(struct device *dev, dma_addr_t addr, size_t size, enum dma_data_direction dir)
{
    struct lx_dma *d = forget(is_mapping_of, &addr);
    if (!d) {
        printk(KERN_ERR "dma: %s: dma_unmap_single of 0x%08x, which is not mapped\n", who(dev), (unsigned)addr);
        return;
    }
    if (dir != d->dir || size != d->size)
        printk(KERN_WARNING "dma: %s: dma_unmap_single of 0x%08x with %zu bytes, direction %d; mapped as %zu, %d\n",
               who(dev), (unsigned)addr, size, (int)dir, d->size, (int)d->dir);
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    copy_back(d, d->size);
    free_frames(d);
    kfree(d);
}
KERNEL_EXPORT(dma_unmap_single);

void dma_sync_single_for_cpu(struct device *dev, dma_addr_t addr, size_t size, enum dma_data_direction dir)
{
    (void)dev;
    (void)dir;
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    unsigned long flags;
    spin_lock_irqsave(&dma_lock, flags);
    for (struct lx_dma *d = dma_list; d; d = d->next)
        if (is_mapping_of(d, &addr)) {
            copy_back(d, size);
            break;
        }
    spin_unlock_irqrestore(&dma_lock, flags);
}
KERNEL_EXPORT(dma_sync_single_for_cpu);

void dma_sync_single_for_device(struct device *dev, dma_addr_t addr, size_t size, enum dma_data_direction dir)
{
    (void)dev;
    (void)dir;
    unsigned long flags;
    spin_lock_irqsave(&dma_lock, flags);
    for (struct lx_dma *d = dma_list; d; d = d->next)
        if (is_mapping_of(d, &addr)) {
            if (d->cpu && d->dir != DMA_FROM_DEVICE)
                memcpy(d->cpu, d->orig, size < d->size ? size : d->size);
            break;
        }
    spin_unlock_irqrestore(&dma_lock, flags);
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
}
KERNEL_EXPORT(dma_sync_single_for_device);

/* What module m left: its coherent buffers and mappings, freed with a warning each. */
int lx_dma_release_owned(struct kmod *m)
{
    int removed = 0;
    for (;;) {
        struct lx_dma *d = NULL;
        unsigned long flags;
        spin_lock_irqsave(&dma_lock, flags);
        for (struct lx_dma **pp = &dma_list; *pp; pp = &(*pp)->next)
            if ((*pp)->owner == m) {
                d = *pp;
                *pp = d->next;
                break;
            }
        spin_unlock_irqrestore(&dma_lock, flags);
        if (!d)
            return removed;
        /* Its device may be gone already, and the mapped buffer freed: neither is touched. */
        printk(KERN_WARNING "linux: %s: exit left a %zu-byte %s at 0x%08x; %s\n", lx_owner_name(m), d->size,
               d->orig ? "DMA mapping" : "coherent DMA buffer", (unsigned)d->handle,
               d->orig ? "unmapped" : "freed");
        free_frames(d);
        kfree(d);
        removed++;
    }
}
