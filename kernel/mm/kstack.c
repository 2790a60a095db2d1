/* kstack.c — kernel stacks for processes, in their own virtual range: each slot is an unmapped
 * guard area followed by KSTACK_SIZE bytes of mapped pages, so running off the bottom of a stack
 * faults at once (the double-fault task then reports it) rather than corrupting other memory. */
#include "mm.h"
#include "cpu.h"
#include "exec_ctx.h"
#include "ark/kernel.h"

#define KSTACK_SLOT   (2 * KSTACK_SIZE)        /* guard + stack */
#define KSTACK_SLOTS  ((KSTACK_END - KSTACK_BASE) / KSTACK_SLOT)

static uint8_t slot_used[KSTACK_SLOTS];

static uintptr_t slot_stack(unsigned slot)
{
    return KSTACK_BASE + slot * KSTACK_SLOT + (KSTACK_SLOT - KSTACK_SIZE);
}

static void unmap_stack(uintptr_t base, size_t mapped)
{
    uint32_t *pgdir = vmm_kernel_pgdir();
    for (uintptr_t va = base; va < base + mapped; va += PAGE_SIZE) {
        uintptr_t phys = vmm_translate(pgdir, va, NULL);
        vmm_unmap_page(pgdir, va);
        if (phys)
            pmm_free_page(phys & ~(uintptr_t)(PAGE_SIZE - 1));
    }
}

void *kstack_alloc(void)
{
    uint32_t flags = irq_save();
    unsigned slot;
    for (slot = 0; slot < KSTACK_SLOTS && slot_used[slot]; slot++)
        ;
    if (slot < KSTACK_SLOTS)
        slot_used[slot] = 1;
    irq_restore(flags);
    if (slot == KSTACK_SLOTS)
        return NULL;

    uintptr_t base = slot_stack(slot);
    for (uintptr_t va = base; va < base + KSTACK_SIZE; va += PAGE_SIZE) {
        uintptr_t phys = pmm_alloc_page();
        if (!phys || vmm_map_page(vmm_kernel_pgdir(), va, phys, PTE_WRITE) != 0) {
            if (phys)
                pmm_free_page(phys);
            unmap_stack(base, va - base);
            slot_used[slot] = 0;
            return NULL;
        }
    }
    exec_ctx_reset_stack(base);
    return (void *)base;
}

void kstack_free(void *base)
{
    uintptr_t b = (uintptr_t)base;
    if (!base)
        return;
    if (b < KSTACK_BASE || b >= KSTACK_END || (b - KSTACK_BASE) % KSTACK_SLOT != KSTACK_SLOT - KSTACK_SIZE) {
        printk(KERN_ERR "kstack: bad free of %p\n", base);
        return;
    }
    unmap_stack(b, KSTACK_SIZE);
    slot_used[(b - KSTACK_BASE) / KSTACK_SLOT] = 0;
}

bool kstack_in_guard(uintptr_t addr)
{
    if (addr < KSTACK_BASE || addr >= KSTACK_END)
        return false;
    return (addr - KSTACK_BASE) % KSTACK_SLOT < KSTACK_SLOT - KSTACK_SIZE;
}

int kstack_slot_of(uintptr_t addr)
{
    if (addr < KSTACK_BASE || addr >= KSTACK_END)
        return -1;
    return (int)((addr - KSTACK_BASE) / KSTACK_SLOT);
}
