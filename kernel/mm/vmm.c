/* vmm.c — PAE page tables (3 levels, 64-bit entries, so a page can be non-executable). The kernel
 * quarter [KERNEL_BASE, 4 GiB) is one page directory shared by every address space: the direct map
 * of RAM, the module area, the heap and the kernel stacks all have their page tables allocated at
 * start-up, so a new address space points its fourth PDPT entry at it and never needs updating. */
#include "mm.h"
#include "boot.h"
#include "cpu.h"
#include "trap.h"
#include "ro_after_init.h"
#include "ark/errno.h"
#include "ark/kernel.h"

typedef uint64_t pae_entry_t;

#define PAE_ENTRIES     512u
#define PDPT_INDEX(va)  ((va) >> 30)
#define PD_INDEX(va)    (((va) >> 21) & 0x1FFu)
#define PT_INDEX(va)    (((va) >> 12) & 0x1FFu)
#define FRAME(entry)    ((uintptr_t)((entry) & 0xFFFFF000u))   /* RAM is below 4 GiB */
#define ENTRY_NX        (1ull << 63)
#define PTE_HW_MASK     (PTE_WRITE | PTE_USER)
#define KERNEL_PDPT     PDPT_INDEX(KERNEL_BASE)                /* the shared quarter: entry 3 */
#define USER_PDPTS      KERNEL_PDPT                            /* entries 0..2 are per process */

/* The root of an address space: a page whose first 32 bytes are the PDPT; the user quarters'
 * page directories are allocated with it (a PDPT entry is only reloaded with CR3, so they stay). */
struct pae_root {
    pae_entry_t pdpt[4];
};

static struct pae_root kernel_root __attribute__((aligned(32)));
static pae_entry_t kernel_pd[PAE_ENTRIES] __attribute__((aligned(4096)));
static pae_entry_t nx_bit;              /* ENTRY_NX once EFER.NXE is on, else 0 (bit reserved) */
static bool vmm_ready;

uint32_t *vmm_kernel_pgdir(void)
{
    return vmm_ready ? (uint32_t *)&kernel_root : NULL;
}

static pae_entry_t *entry_table(pae_entry_t e) { return PHYS_TO_VIRT(FRAME(e)); }

/* The hardware flags for API flags (PTE_WRITE, PTE_USER, PTE_EXEC): not executable unless asked. */
static pae_entry_t hw_flags(uint32_t flags)
{
    return (flags & PTE_HW_MASK) | PTE_PRESENT | ((flags & PTE_EXEC) ? 0 : nx_bit);
}

/* The page directory entry covering va, or NULL when va's quarter has none. */
static pae_entry_t *pde_of(uint32_t *space, uintptr_t va)
{
    pae_entry_t pdpte = ((struct pae_root *)space)->pdpt[PDPT_INDEX(va)];
    if (!(pdpte & PTE_PRESENT))
        return NULL;
    return &entry_table(pdpte)[PD_INDEX(va)];
}

static pae_entry_t *pte_of(uint32_t *space, uintptr_t va)
{
    pae_entry_t *pde = pde_of(space, va);
    if (!pde || !(*pde & PTE_PRESENT))
        return NULL;
    return &entry_table(*pde)[PT_INDEX(va)];
}

/* A zeroed page table behind *pde; the directory entry carries the most permissive flags (and no
 * NX) so that the table entries decide. */
static pae_entry_t *table_alloc(pae_entry_t *pde, uint32_t pde_flags)
{
    uintptr_t phys = pmm_alloc_page();
    if (!phys)
        return NULL;
    pae_entry_t *table = PHYS_TO_VIRT(phys);
    memset(table, 0, PAGE_SIZE);
    *pde = phys | (pde_flags & PTE_HW_MASK) | PTE_PRESENT;
    return table;
}

static bool in_range(uintptr_t va, const char *start, const char *end)
{
    return va >= (uintptr_t)start && va < (uintptr_t)end;
}

/* The direct map's protection of kernel address va: text read+execute, read-only data (and the
 * symbol table) read-only, everything else (data, bss, free RAM behind the heap and page tables)
 * read-write and never executable. */
static uint32_t direct_map_flags(uintptr_t va)
{
    if (in_range(va, __text_start, __text_end))
        return PTE_EXEC;
    if (in_range(va, __rodata_start, __rodata_end) || in_range(va, __ksyms_start, __kernel_end))
        return 0;
    return PTE_WRITE;
}

/* EFER.NXE, when CPUID says the CPU has the execute-disable bit. */
static bool enable_nx(void)
{
    if (cpuid_eax(0x80000000u) < 0x80000001u || !(cpuid_edx(0x80000001u) & CPUID_EXT_NX))
        return false;
    wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_NXE);
    return true;
}

void vmm_init(void)
{
    if (enable_nx())
        nx_bit = ENTRY_NX;
    else
        printk(KERN_WARNING "vmm: this CPU has no execute-disable (NX) bit: W^X cannot be "
               "enforced for execution, only for writing\n");

    uintptr_t top = pmm_ram_top();
    /* The direct map: every RAM frame at KERNEL_BASE + phys, except frame 0 so that a stray
     * KERNEL_BASE-relative null pointer faults too. With CR0.WP the read-only pages hold for the
     * kernel itself as well. */
    for (uintptr_t base = 0; base < top; base += PAE_ENTRIES * PAGE_SIZE) {
        pae_entry_t *table = table_alloc(&kernel_pd[PD_INDEX(KERNEL_BASE + base)], PTE_WRITE);
        if (!table)
            panic("vmm: out of memory for the direct map's page tables");
        for (uint32_t i = 0; i < PAE_ENTRIES; i++) {
            uintptr_t phys = base + i * PAGE_SIZE;
            if (phys == 0 || phys >= top)
                continue;
            table[i] = phys | hw_flags(direct_map_flags(KERNEL_BASE + phys));
        }
    }
    for (uintptr_t va = MODULE_AREA_BASE; va < KSTACK_END; va += PAE_ENTRIES * PAGE_SIZE) {
        if (!table_alloc(&kernel_pd[PD_INDEX(va)], PTE_WRITE))
            panic("vmm: out of memory for the kernel's shared page tables");
    }
    /* A PDPT entry has only the present bit (and caching bits): no R/W, U/S or NX here. */
    kernel_root.pdpt[KERNEL_PDPT] = VIRT_TO_PHYS(kernel_pd) | PTE_PRESENT;
    write_cr3(VIRT_TO_PHYS(&kernel_root));
    tss_note_cr3(VIRT_TO_PHYS(&kernel_root));
    write_cr0(read_cr0() | CR0_WP);
    vmm_ready = true;
}

int vmm_map_page(uint32_t *space, uintptr_t virt, uintptr_t phys, uint32_t flags)
{
    if ((virt | phys) & (PAGE_SIZE - 1))
        return -EINVAL;
    pae_entry_t *pde = pde_of(space, virt);
    if (!pde)
        return -EINVAL;
    pae_entry_t *table;
    if (*pde & PTE_PRESENT) {
        table = entry_table(*pde);
    } else if (virt >= KERNEL_BASE) {
        return -EINVAL;                 /* kernel tables are fixed at start-up, to stay shared */
    } else {
        table = table_alloc(pde, PTE_WRITE | PTE_USER);
        if (!table)
            return -ENOMEM;
    }
    if (virt >= KERNEL_BASE)
        flags &= ~PTE_USER;
    pae_entry_t *pte = &table[PT_INDEX(virt)];
    const bool was_present = (*pte & PTE_PRESENT) != 0;
    *pte = phys | hw_flags(flags);
    /* x86 never caches a not-present entry, so only replacing a present one needs a flush; a
     * fresh mapping (every page of module memory) is used at once without one. */
    if (was_present)
        invlpg(virt);
    return 0;
}

void vmm_unmap_page(uint32_t *space, uintptr_t virt)
{
    pae_entry_t *pte = pte_of(space, virt);
    if (pte && (*pte & PTE_PRESENT)) {
        *pte = 0;
        invlpg(virt);
    }
}

int vmm_protect_page(uint32_t *space, uintptr_t virt, uint32_t flags)
{
    pae_entry_t *pte = pte_of(space, virt);
    if (!pte || !(*pte & PTE_PRESENT))
        return -ENOENT;
    if (virt >= KERNEL_BASE)
        flags &= ~PTE_USER;
    *pte = FRAME(*pte) | hw_flags(flags);
    invlpg(virt);
    return 0;
}

void vmm_protect_kernel_range(uintptr_t start, uintptr_t end, uint32_t flags)
{
    uint32_t *space = (uint32_t *)&kernel_root;
    for (uintptr_t va = start & ~(uintptr_t)(PAGE_SIZE - 1); va < end; va += PAGE_SIZE)
        if (vmm_protect_page(space, va, flags) < 0)
            panic("vmm: kernel page %p is not mapped", (void *)va);
}

uintptr_t vmm_translate(uint32_t *space, uintptr_t virt, uint32_t *flags)
{
    pae_entry_t *pde = pde_of(space, virt);
    if (!pde || !(*pde & PTE_PRESENT))
        return 0;
    pae_entry_t pte = entry_table(*pde)[PT_INDEX(virt)];
    if (!(pte & PTE_PRESENT))
        return 0;
    if (flags) {   /* effective permissions: both levels must allow user access and writing */
        *flags = ((uint32_t)pte & 0xFFFu & ~PTE_HW_MASK) | ((uint32_t)(pte & *pde) & PTE_HW_MASK);
        if (!((pte | *pde) & ENTRY_NX))
            *flags |= PTE_EXEC;
    }
    return FRAME(pte) | (virt & (PAGE_SIZE - 1));
}

/* A walk over n consecutive pages of the kernel quarter: the page directory is consulted once
 * per page table (2 MiB), not once per page. */
struct kernel_run {
    uint32_t *space;
    uintptr_t va;             /* of the page run_next returns next */
    pae_entry_t *pte;         /* its entry, when left > 0 */
    uint32_t left;            /* entries left in the current page table */
};

/* False unless all n pages from virt lie in the kernel quarter under present page tables. */
static bool run_begin(struct kernel_run *r, uint32_t *space, uintptr_t virt, uint32_t n)
{
    if (virt < KERNEL_BASE || (virt & (PAGE_SIZE - 1)) || n > (0u - virt) / PAGE_SIZE)
        return false;
    const uintptr_t table_span = PAE_ENTRIES * PAGE_SIZE;   /* what one page table maps */
    for (uintptr_t va = virt; va - virt < (uintptr_t)n * PAGE_SIZE; va = (va | (table_span - 1)) + 1)
        if (!pte_of(space, va))
            return false;
    *r = (struct kernel_run){ .space = space, .va = virt };
    return true;
}

/* The entry of the next page; r->va - PAGE_SIZE is its address. */
static pae_entry_t *run_next(struct kernel_run *r)
{
    if (r->left == 0) {
        r->pte = pte_of(r->space, r->va);
        r->left = PAE_ENTRIES - PT_INDEX(r->va);
    }
    r->left--;
    r->va += PAGE_SIZE;
    return r->pte++;
}

int vmm_map_frames(uint32_t *space, uintptr_t virt, const uintptr_t *frames, uint32_t n, uint32_t flags)
{
    struct kernel_run r;
    if (!run_begin(&r, space, virt, n))
        return -EINVAL;
    for (uint32_t i = 0; i < n; i++)
        if (frames[i] & (PAGE_SIZE - 1))
            return -EINVAL;
    const pae_entry_t hw = hw_flags(flags & ~PTE_USER);
    for (uint32_t i = 0; i < n; i++) {
        pae_entry_t *pte = run_next(&r);
        const bool was_present = (*pte & PTE_PRESENT) != 0;
        *pte = frames[i] | hw;
        if (was_present)   /* as in vmm_map_page: a fresh mapping needs no flush */
            invlpg(r.va - PAGE_SIZE);
    }
    return 0;
}

uint32_t vmm_unmap_frames(uint32_t *space, uintptr_t virt, uint32_t n, uintptr_t *frames)
{
    struct kernel_run r;
    uint32_t got = 0;
    if (!run_begin(&r, space, virt, n))
        return 0;
    for (uint32_t i = 0; i < n; i++) {
        pae_entry_t *pte = run_next(&r);
        if (*pte & PTE_PRESENT) {
            frames[got++] = FRAME(*pte);
            *pte = 0;
            invlpg(r.va - PAGE_SIZE);
        }
    }
    return got;
}

int vmm_protect_frames(uint32_t *space, uintptr_t virt, uint32_t n, uint32_t flags)
{
    struct kernel_run r;
    if (!run_begin(&r, space, virt, n))
        return -ENOENT;
    const struct kernel_run start = r;
    for (uint32_t i = 0; i < n; i++)   /* every page first, so that a failure changes nothing */
        if (!(*run_next(&r) & PTE_PRESENT))
            return -ENOENT;
    r = start;
    const pae_entry_t hw = hw_flags(flags & ~PTE_USER);
    for (uint32_t i = 0; i < n; i++) {
        pae_entry_t *pte = run_next(&r);
        *pte = FRAME(*pte) | hw;
        invlpg(r.va - PAGE_SIZE);
    }
    return 0;
}

uint32_t *vmm_create_address_space(void)
{
    uintptr_t phys = pmm_alloc_page();
    if (!phys)
        return NULL;
    struct pae_root *root = PHYS_TO_VIRT(phys);
    memset(root, 0, PAGE_SIZE);
    for (uint32_t q = 0; q < USER_PDPTS; q++) {
        uintptr_t pd = pmm_alloc_page();
        if (!pd) {
            vmm_destroy_address_space((uint32_t *)root);
            return NULL;
        }
        memset(PHYS_TO_VIRT(pd), 0, PAGE_SIZE);
        root->pdpt[q] = pd | PTE_PRESENT;
    }
    root->pdpt[KERNEL_PDPT] = kernel_root.pdpt[KERNEL_PDPT];
    return (uint32_t *)root;
}

void vmm_destroy_address_space(uint32_t *space)
{
    struct pae_root *root = (struct pae_root *)space;
    for (uint32_t q = 0; q < USER_PDPTS; q++) {
        if (!(root->pdpt[q] & PTE_PRESENT))
            continue;
        pae_entry_t *pd = entry_table(root->pdpt[q]);
        for (uint32_t d = 0; d < PAE_ENTRIES; d++) {
            if (!(pd[d] & PTE_PRESENT))
                continue;
            pae_entry_t *table = entry_table(pd[d]);
            for (uint32_t i = 0; i < PAE_ENTRIES; i++)
                if (table[i] & PTE_PRESENT)
                    pmm_free_page(FRAME(table[i]));
            pmm_free_page(FRAME(pd[d]));
        }
        pmm_free_page(FRAME(root->pdpt[q]));
    }
    pmm_free_page(VIRT_TO_PHYS(root));
}

void vmm_switch(uint32_t *space)
{
    write_cr3(VIRT_TO_PHYS(space));
    tss_note_cr3(VIRT_TO_PHYS(space));
}

static bool ro_sealed;

void ro_after_init_seal(void)
{
    vmm_protect_kernel_range((uintptr_t)__ro_after_init_start, (uintptr_t)__ro_after_init_end, 0);
    ro_sealed = true;
    printk(KERN_INFO "vmm: %u KiB of start-up tables now read-only; kernel data%s\n",
           (unsigned)((__ro_after_init_end - __ro_after_init_start) / 1024),
           nx_bit ? ", heap and stacks non-executable" : " executable (no NX)");
}

bool ro_after_init_sealed(void) { return ro_sealed; }
