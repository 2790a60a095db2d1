/* elf_load.c — the program loader: reads an executable from the VFS, checks it (elf_exec.c) and
 * copies its segments into freshly allocated, zeroed user pages of an address space. Pages shared
 * by two segments are allocated once, and writable or executable if either segment is; a page of
 * no PF_X segment is non-executable (NX). */
#include "proc.h"
#include "elf_exec.h"
#include "mm.h"
#include "vfs.h"
#include "ark/errno.h"
#include "ark/kernel.h"

/* The frame behind user page va, allocating and mapping a zeroed one when there is none yet. */
static int user_page(uint32_t *pgdir, uintptr_t va, const struct elf_segment *seg, uint8_t **kaddr)
{
    uint32_t want = PTE_USER | (seg->writable ? PTE_WRITE : 0) | (seg->executable ? PTE_EXEC : 0);
    uint32_t flags;
    uintptr_t phys = vmm_translate(pgdir, va, &flags);
    if (phys) {
        phys &= ~(uintptr_t)(PAGE_SIZE - 1);
        uint32_t both = want | (flags & (PTE_WRITE | PTE_EXEC));
        if (both != (flags & (PTE_USER | PTE_WRITE | PTE_EXEC)))
            vmm_protect_page(pgdir, va, both);
    } else {
        phys = pmm_alloc_page();
        if (!phys)
            return -ENOMEM;
        memset(PHYS_TO_VIRT(phys), 0, PAGE_SIZE);
        int rc = vmm_map_page(pgdir, va, phys, want);
        if (rc) {
            pmm_free_page(phys);
            return rc;
        }
    }
    *kaddr = PHYS_TO_VIRT(phys);
    return 0;
}

/* Maps the segment's pages that the file fills; whole pages past the file data of a writable
 * segment are left for demand paging and widen [*lo, *hi). */
static int load_segment(uint32_t *pgdir, const uint8_t *image, const struct elf_segment *seg,
                        uintptr_t *lo, uintptr_t *hi)
{
    uintptr_t end = (uintptr_t)seg->vaddr + seg->memsz;
    for (uintptr_t va = seg->vaddr & ~(uintptr_t)(PAGE_SIZE - 1); va < end; va += PAGE_SIZE) {
        /* The part of this page that the file fills: [from, to) in virtual addresses. */
        uintptr_t from = va < seg->vaddr ? seg->vaddr : va;
        uintptr_t file_end = (uintptr_t)seg->vaddr + seg->filesz;
        uintptr_t to = va + PAGE_SIZE < file_end ? va + PAGE_SIZE : file_end;
        if (from >= to && seg->writable && !vmm_translate(pgdir, va, NULL)) {
            if (*lo == *hi || va < *lo)
                *lo = va;
            if (va + PAGE_SIZE > *hi)
                *hi = va + PAGE_SIZE;
            continue;
        }
        uint8_t *page;
        int rc = user_page(pgdir, va, seg, &page);
        if (rc)
            return rc;
        if (from < to)
            memcpy(page + (from - va), image + seg->offset + (from - seg->vaddr), to - from);
    }
    return 0;
}

int elf_load(uint32_t *pgdir, const char *path, uintptr_t *entry, uintptr_t *demand_lo,
             uintptr_t *demand_hi)
{
    *demand_lo = *demand_hi = 0;
    void *image;
    size_t size;
    int rc = vfs_read_file(path, &image, &size);
    if (rc)
        return rc;
    struct elf_exec_info *info = kmalloc(sizeof(*info));
    if (!info) {
        kfree(image);
        return -ENOMEM;
    }
    const char *why = NULL;
    rc = elf_exec_parse(image, size, USER_BASE, USER_STACK_LOW, info, &why);
    if (rc) {
        printk(KERN_WARNING "exec: %s: %s\n", path, why);
    } else {
        for (unsigned i = 0; i < info->nsegments && rc == 0; i++)
            rc = load_segment(pgdir, image, &info->segments[i], demand_lo, demand_hi);
        if (rc)
            printk(KERN_WARNING "exec: %s: cannot map its segments (%d)\n", path, rc);
        *entry = info->entry;
    }
    kfree(info);
    kfree(image);
    return rc;
}
