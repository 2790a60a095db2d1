/* mm.h — memory management inside the kernel: physical pages, the kernel heap, page tables, and the
 * layout of the virtual address space. */
#ifndef KERNEL_MM_H
#define KERNEL_MM_H

#include "ark/types.h"

#define PAGE_SIZE        4096u
#define KERNEL_BASE      0xC0000000u   /* physical memory is mapped from here (higher half) */
#define MODULE_AREA_BASE 0xE0000000u   /* dedicated range for module memory (see dkm_mem.c) */
#define MODULE_AREA_END  0xF0000000u
#define USER_BASE        0x00400000u
#define USER_TOP         0xC0000000u   /* user addresses are below this */
#define KHEAP_BASE       0xF0000000u   /* kernel heap: virtually contiguous, grown page by page */
#define KHEAP_END        0xF8000000u
#define KSTACK_BASE      0xF8000000u   /* process kernel stacks, each below an unmapped guard */
#define KSTACK_END       0xF8800000u
#define DIRECT_MAP_MAX   (MODULE_AREA_BASE - KERNEL_BASE)   /* RAM above this is not used */

#define PHYS_TO_VIRT(p) ((void *)((uintptr_t)(p) + KERNEL_BASE))
#define VIRT_TO_PHYS(v) ((uintptr_t)(v) - KERNEL_BASE)

/* Physical pages */
uintptr_t pmm_alloc_page(void);              /* physical address, 0 when out of memory */
void      pmm_free_page(uintptr_t phys);
/* n frames (not necessarily contiguous) in one go, for callers that map many pages at once:
 * 0, or -ENOMEM with none taken. */
int       pmm_alloc_frames(uintptr_t *frames, uint32_t n);
void      pmm_free_frames(const uintptr_t *frames, uint32_t n);
/* n physically consecutive frames, all below the physical address below (for DMA): the first
 * frame's address, 0 when there is no such run. Freed frame by frame. */
uintptr_t pmm_alloc_contiguous(uint32_t n, uintptr_t below);
uint32_t  pmm_total_pages(void);
uint32_t  pmm_free_pages(void);

/* Kernel heap: kmalloc/kfree are declared in ark/kernel.h */
size_t kheap_bytes_in_use(void);             /* bytes handed out and not yet freed */
size_t kheap_blocks_in_use(void);

/* Page tables (PAE). An address space is named by a uint32_t * to its root (vmm.c). flags:
 * PTE_WRITE, PTE_USER, PTE_EXEC; a page without PTE_EXEC is non-executable when the CPU has NX.
 * Kernel mappings are shared by every address space. */
#define PTE_PRESENT 0x001u
#define PTE_WRITE   0x002u
#define PTE_USER    0x004u
#define PTE_EXEC    0x800u   /* API flag only: the hardware entry gets NX when it is absent */
int  vmm_map_page(uint32_t *pgdir, uintptr_t virt, uintptr_t phys, uint32_t flags);
void vmm_unmap_page(uint32_t *pgdir, uintptr_t virt);        /* does not free the frame */
int  vmm_protect_page(uint32_t *pgdir, uintptr_t virt, uint32_t flags);
uintptr_t vmm_translate(uint32_t *pgdir, uintptr_t virt, uint32_t *flags); /* phys, 0 if absent */
/* The same for n consecutive pages of the kernel quarter, whose page tables exist from start-up
 * (the module area): one table walk per 2 MiB instead of one per page. map: 0 or -EINVAL with
 * nothing mapped; unmap: stores the frames it unmapped in frames[] and returns how many (pages
 * not mapped are skipped); protect: 0 or -ENOENT with nothing changed. */
int  vmm_map_frames(uint32_t *pgdir, uintptr_t virt, const uintptr_t *frames, uint32_t n, uint32_t flags);
uint32_t vmm_unmap_frames(uint32_t *pgdir, uintptr_t virt, uint32_t n, uintptr_t *frames);
int  vmm_protect_frames(uint32_t *pgdir, uintptr_t virt, uint32_t n, uint32_t flags);
uint32_t *vmm_kernel_pgdir(void);
/* Sets flags on every page of the kernel's [start, end) (which must be mapped); panics otherwise. */
void vmm_protect_kernel_range(uintptr_t start, uintptr_t end, uint32_t flags);

/* Start-up, called by kmain in this order. */
struct boot_info;
void pmm_init(const struct boot_info *bi);   /* frees the memory map's RAM minus kernel and modules */
uintptr_t pmm_ram_top(void);                 /* end of the highest usable RAM (physical) */
void vmm_init(void);                         /* NX, direct map, kernel W^X, shared kernel tables */
void kheap_init(void);
/* A new page directory sharing every kernel mapping (user half empty), or NULL; and its release,
 * which frees the user half's frames and page tables too. */
uint32_t *vmm_create_address_space(void);
void vmm_destroy_address_space(uint32_t *pgdir);
void vmm_switch(uint32_t *pgdir);            /* loads CR3 */

/* Kernel stacks (kstack.c): KSTACK_SIZE bytes with an unmapped guard below, so an overflow faults
 * (and is reported as a double fault) instead of overwriting a neighbour. alloc returns the base. */
#define KSTACK_SIZE (16 * 1024u)
void *kstack_alloc(void);
void kstack_free(void *base);
bool kstack_in_guard(uintptr_t addr);        /* addr lies in some stack's guard area */
/* Slots of the kernel-stack range (a guard area and a stack each): the slot holding addr, guard
 * included, or -1 outside the range. */
#define KSTACK_SLOT_COUNT ((KSTACK_END - KSTACK_BASE) / (2 * KSTACK_SIZE))
int kstack_slot_of(uintptr_t addr);

#endif
