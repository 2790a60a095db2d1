/* exec_ctx.c — per-kernel-stack execution records (exec_ctx.h), indexed by the stack's slot in the
 * kernel-stack range; everything else (the boot stack) shares one record. */
#include "exec_ctx.h"
#include "mm.h"
#include "proc.h"
#include "ark/kernel.h"

static struct exec_ctx stack_ctx[KSTACK_SLOT_COUNT];
static struct exec_ctx boot_ctx = { .irq_line = -1 };

struct exec_ctx *exec_ctx_of(uintptr_t esp)
{
    int slot = kstack_slot_of(esp);
    return slot < 0 ? &boot_ctx : &stack_ctx[slot];
}

struct exec_ctx *exec_ctx_current(void)
{
    uintptr_t esp;
    __asm__ volatile("mov %%esp, %0" : "=r"(esp));
    return exec_ctx_of(esp);
}

void exec_ctx_reset_stack(uintptr_t stack_base)
{
    int slot = kstack_slot_of(stack_base);
    if (slot >= 0) {
        memset(&stack_ctx[slot], 0, sizeof stack_ctx[slot]);
        stack_ctx[slot].irq_line = -1;
    }
}

const char *exec_ctx_kind(const struct exec_ctx *c)
{
    if (c->irq_depth > 0)
        return "interrupt";
    if (c == &boot_ctx)
        return "kernel start-up";
    return proc_current() ? "process" : "kernel thread";
}
