/* vmm.c — page tables. The kernel half (from KERNEL_BASE) is the same in every address space: the
 * direct map of RAM, the module area, the heap and the kernel stacks all have their page tables
 * allocated at start-up, so a new address space copies the kernel's directory entries once and
 * never needs updating. */
#include "mm.h"
#include "boot.h"
#include "cpu.h"
#include "trap.h"
#include "ark/errno.h"
#include "ark/kernel.h"

#define PDE_INDEX(va)   ((va) >> 22)
#define PTE_INDEX(va)   (((va) >> 12) & 0x3FF)
#define FRAME(entry)    ((entry) & ~0xFFFu)
#define KERNEL_PDE_FIRST PDE_INDEX(KERNEL_BASE)
#define PTE_FLAG_MASK   (PTE_WRITE | PTE_USER)

static uint32_t kernel_pgdir[1024] __attribute__((aligned(4096)));
static bool vmm_ready;

uint32_t *vmm_kernel_pgdir(void)
{
    return vmm_ready ? kernel_pgdir : NULL;
}

static uint32_t *table_of(uint32_t pde)
{
    return PHYS_TO_VIRT(FRAME(pde));
}

/* A zeroed page table for pgdir's entry pdi; the directory entry carries the most permissive
 * flags and the table entries decide. */
static uint32_t *table_alloc(uint32_t *pgdir, uint32_t pdi, uint32_t pde_flags)
{
    uintptr_t phys = pmm_alloc_page();
    if (!phys)
        return NULL;
    uint32_t *table = PHYS_TO_VIRT(phys);
    memset(table, 0, PAGE_SIZE);
    pgdir[pdi] = phys | pde_flags | PTE_PRESENT;
    return table;
}

static uint32_t *pte_of(uint32_t *pgdir, uintptr_t virt)
{
    uint32_t pde = pgdir[PDE_INDEX(virt)];
    if (!(pde & PTE_PRESENT))
        return NULL;
    return &table_of(pde)[PTE_INDEX(virt)];
}

static bool in_kernel_text(uintptr_t virt)
{
    return virt >= (uintptr_t)__text_start && virt < (uintptr_t)__rodata_end;
}

void vmm_init(void)
{
    uintptr_t top = pmm_ram_top();
    /* The direct map: every RAM frame at KERNEL_BASE + phys, except frame 0 so that a stray
     * KERNEL_BASE-relative null pointer faults too. Kernel code and read-only data are mapped
     * read-only; with CR0.WP this holds for the kernel itself as well. */
    for (uintptr_t pdi_base = 0; pdi_base < top; pdi_base += 1024 * PAGE_SIZE) {
        uint32_t *table = table_alloc(kernel_pgdir, PDE_INDEX(KERNEL_BASE + pdi_base), PTE_WRITE);
        if (!table)
            panic("vmm: out of memory for the direct map's page tables");
        for (uint32_t i = 0; i < 1024; i++) {
            uintptr_t phys = pdi_base + i * PAGE_SIZE;
            if (phys == 0 || phys >= top)
                continue;
            uint32_t flags = in_kernel_text(KERNEL_BASE + phys) ? 0 : PTE_WRITE;
            table[i] = phys | flags | PTE_PRESENT;
        }
    }
    for (uintptr_t va = MODULE_AREA_BASE; va < KSTACK_END; va += 1024 * PAGE_SIZE) {
        if (!table_alloc(kernel_pgdir, PDE_INDEX(va), PTE_WRITE))
            panic("vmm: out of memory for the kernel's shared page tables");
    }
    write_cr3(VIRT_TO_PHYS(kernel_pgdir));
    tss_note_cr3(VIRT_TO_PHYS(kernel_pgdir));
    write_cr0(read_cr0() | CR0_WP);
    vmm_ready = true;
}

int vmm_map_page(uint32_t *pgdir, uintptr_t virt, uintptr_t phys, uint32_t flags)
{
    if ((virt | phys) & (PAGE_SIZE - 1))
        return -EINVAL;
    uint32_t pdi = PDE_INDEX(virt);
    uint32_t *table;
    if (pgdir[pdi] & PTE_PRESENT) {
        table = table_of(pgdir[pdi]);
    } else if (pdi >= KERNEL_PDE_FIRST) {
        return -EINVAL;                 /* kernel tables are fixed at start-up, to stay shared */
    } else {
        table = table_alloc(pgdir, pdi, PTE_WRITE | PTE_USER);
        if (!table)
            return -ENOMEM;
    }
    if (virt >= KERNEL_BASE)
        flags &= ~PTE_USER;
    table[PTE_INDEX(virt)] = phys | (flags & PTE_FLAG_MASK) | PTE_PRESENT;
    invlpg(virt);
    return 0;
}

void vmm_unmap_page(uint32_t *pgdir, uintptr_t virt)
{
    uint32_t *pte = pte_of(pgdir, virt);
    if (pte && (*pte & PTE_PRESENT)) {
        *pte = 0;
        invlpg(virt);
    }
}

int vmm_protect_page(uint32_t *pgdir, uintptr_t virt, uint32_t flags)
{
    uint32_t *pte = pte_of(pgdir, virt);
    if (!pte || !(*pte & PTE_PRESENT))
        return -ENOENT;
    if (virt >= KERNEL_BASE)
        flags &= ~PTE_USER;
    *pte = FRAME(*pte) | (flags & PTE_FLAG_MASK) | PTE_PRESENT;
    invlpg(virt);
    return 0;
}

uintptr_t vmm_translate(uint32_t *pgdir, uintptr_t virt, uint32_t *flags)
{
    uint32_t pde = pgdir[PDE_INDEX(virt)];
    if (!(pde & PTE_PRESENT))
        return 0;
    uint32_t pte = table_of(pde)[PTE_INDEX(virt)];
    if (!(pte & PTE_PRESENT))
        return 0;
    if (flags)   /* effective permissions: both levels must allow user access and writing */
        *flags = (pte & 0xFFFu & ~PTE_FLAG_MASK) | (pte & pde & PTE_FLAG_MASK);
    return FRAME(pte) | (virt & (PAGE_SIZE - 1));
}

uint32_t *vmm_create_address_space(void)
{
    uintptr_t phys = pmm_alloc_page();
    if (!phys)
        return NULL;
    uint32_t *pgdir = PHYS_TO_VIRT(phys);
    memset(pgdir, 0, KERNEL_PDE_FIRST * sizeof(uint32_t));
    memcpy(&pgdir[KERNEL_PDE_FIRST], &kernel_pgdir[KERNEL_PDE_FIRST],
           (1024 - KERNEL_PDE_FIRST) * sizeof(uint32_t));
    return pgdir;
}

void vmm_destroy_address_space(uint32_t *pgdir)
{
    for (uint32_t pdi = 0; pdi < KERNEL_PDE_FIRST; pdi++) {
        if (!(pgdir[pdi] & PTE_PRESENT))
            continue;
        uint32_t *table = table_of(pgdir[pdi]);
        for (uint32_t i = 0; i < 1024; i++)
            if (table[i] & PTE_PRESENT)
                pmm_free_page(FRAME(table[i]));
        pmm_free_page(FRAME(pgdir[pdi]));
    }
    pmm_free_page(VIRT_TO_PHYS(pgdir));
}

void vmm_switch(uint32_t *pgdir)
{
    write_cr3(VIRT_TO_PHYS(pgdir));
    tss_note_cr3(VIRT_TO_PHYS(pgdir));
}
