/* kguard.h — recovery points for calls into module code. kguard_enter saves where to come back to
 * and calls fn; if the code faults, the trap handler (or the double-fault task) records the fault
 * and resumes at kguard_landing, which unwinds everything fn had pushed and returns 1 from
 * kguard_enter. Only calls made through a guard can be unwound; the DKM glue (kmod_call) owns the
 * policy of which faults are contained. */
#ifndef KERNEL_KGUARD_H
#define KERNEL_KGUARD_H

#include "ark/types.h"

struct kmod;

#define KGUARD_MAX_ARGS 4
#define KGUARD_BACKTRACE 8

struct kguard {
    /* Saved by kguard_enter; the layout of these six words is known to kguard.S. */
    uint32_t esp, ebp, ebx, esi, edi, eflags;
    struct kguard *outer;        /* the recovery point this one nests in */
    struct kmod *module;         /* whose code the call runs */
    struct kmod *saved_module;   /* exec_ctx.module before the call */
    unsigned irq_depth;          /* exec_ctx.irq_depth at the call */
    /* Filled when the call faulted. */
    struct kmod *culprit;        /* the module whose code faulted */
    uint32_t vector, error, cr2, eip;
    bool stack_overflow;
    char where[128];             /* "sym+0xoff" of the faulting instruction in the culprit */
};

/* 0 when fn(args[0..nargs-1]) returned (its value in *result), 1 when it faulted and was unwound. */
int kguard_enter(struct kguard *g, uintptr_t fn, unsigned nargs, const uintptr_t *args,
                 long *result);
/* Where a contained fault resumes, with eax = the struct kguard *. Never called directly. */
extern void kguard_landing(void);

/* Calls fn(arg) on the stack whose highest address is stack_top, then comes back to this one. */
void stack_call(uintptr_t stack_top, void (*fn)(void *), void *arg);

#endif
