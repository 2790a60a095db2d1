/* exec_ctx.h — what the kernel knows about the code running on one kernel stack: the module whose
 * code it is running (init/exit or a callback), the recovery points that contain a fault in that
 * module code, and how deep in interrupt handlers it is. One record per kernel stack (process or
 * kernel-thread stacks, plus one for the boot stack), so it follows its thread across preemption
 * and is found from any address on the stack, even from the double-fault task. */
#ifndef KERNEL_EXEC_CTX_H
#define KERNEL_EXEC_CTX_H

#include "ark/types.h"

struct kmod;
struct kguard;

struct exec_ctx {
    struct kmod *module;         /* module whose code runs now (NULL: the kernel's own) */
    struct kguard *guards;       /* innermost recovery point (kguard.h), NULL when none */
    unsigned irq_depth;          /* > 0 while an interrupt handler runs on this stack */
    int irq_line;                /* the IRQ being handled at the innermost level, -1 if none */
    bool kill_pending;           /* a module call faulted in this process's system call */
    uint32_t kill_vector;        /* the exception, for the exit status */
    /* The kernel buffer a Linux driver's read/write is serving, which copy_to_user and friends
     * treat as the user's buffer (kernel/linux/uaccess.c); len 0 when none. Per stack, so a
     * preempted driver call keeps its own window. */
    uintptr_t user_window_start;
    size_t user_window_len;
};

/* The record of the stack holding esp (the boot stack's for anything not a kernel stack). */
struct exec_ctx *exec_ctx_of(uintptr_t esp);
struct exec_ctx *exec_ctx_current(void);
/* A kernel stack is (re)allocated: its record starts empty. */
void exec_ctx_reset_stack(uintptr_t stack_base);
/* The kind of context, for reports: "interrupt", "process", "kernel thread", "kernel start-up". */
const char *exec_ctx_kind(const struct exec_ctx *c);

#endif
