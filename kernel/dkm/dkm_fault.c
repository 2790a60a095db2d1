/* dkm_fault.c — fault containment for module code, and ownership by construction. Every call from
 * the kernel into a module goes through kmod_call, which sets the module as the running context
 * (kmod_current) and a recovery point (kguard.h). A fault in the module's code, or in a kernel
 * function the module called, is reported as an oops, the module is marked faulted (none of its
 * code runs again), the kernel is tainted and the call returns as failed; what happens next is the
 * caller's policy (a failed load, a killed process, a destroyed timer, an unregistered handler). */
#include "ark/errno.h"
#include "ark/kernel.h"
#include "backtrace.h"
#include "dkm_internal.h"
#include "exec_ctx.h"
#include "kapi.h"
#include "kguard.h"
#include "mm.h"
#include "proc.h"
#include "taint.h"
#include "trap.h"

#define OOPS_BACKTRACE_MAX 16
#define EFLAGS_NT 0x4000u
#define EFLAGS_TF 0x0100u
#define PF_PRESENT 0x01u
#define PF_FETCH   0x10u                /* the fault was an instruction fetch (with NX on) */

struct kmod *kmod_current(void)
{
    return exec_ctx_current()->module;
}

struct kmod *kmod_owner_for(const uintptr_t *addrs, unsigned n)
{
    for (unsigned i = 0; i < n; i++) {
        struct kmod *m = kmod_owner_of(addrs[i]);
        if (m)
            return m;
    }
    return kmod_current();
}

const char *kmod_fault_description(const struct kmod *m)
{
    return m && m->faulted && m->fault[0] ? m->fault : NULL;
}

/* ---- the call ---- */

int kmod_call(struct kmod *m, uintptr_t fn, unsigned nargs, const uintptr_t *args, unsigned flags,
              long *result)
{
    if (!m) {
        long (*f)(uintptr_t, uintptr_t, uintptr_t, uintptr_t) = (void *)fn;
        uintptr_t a[KGUARD_MAX_ARGS] = { 0 };
        for (unsigned i = 0; i < nargs && i < KGUARD_MAX_ARGS; i++)
            a[i] = args[i];
        *result = f(a[0], a[1], a[2], a[3]);
        return KMOD_CALL_RETURNED;
    }
    if (m->faulted || nargs > KGUARD_MAX_ARGS) {
        *result = -EIO;
        return KMOD_CALL_REFUSED;
    }
    struct exec_ctx *c = exec_ctx_current();
    struct kguard g;
    memset(&g, 0, sizeof g);
    g.outer = c->guards;
    g.module = m;
    g.saved_module = c->module;
    g.irq_depth = c->irq_depth;
    c->module = m;
    c->guards = &g;
    int faulted = kguard_enter(&g, fn, nargs, args, result);
    c->guards = g.outer;
    c->module = g.saved_module;
    c->irq_depth = g.irq_depth;
    if (!faulted)
        return KMOD_CALL_RETURNED;
    *result = -EFAULT;
    if (!(flags & KMOD_CALL_NO_KILL) && c->irq_depth == 0 && proc_current()) {
        c->kill_pending = true;
        c->kill_vector = g.vector;
    }
    return KMOD_CALL_FAULTED;
}

/* ---- the fault ---- */

static void emit_error(int depth, uint32_t ret, const char *sym)
{
    printk(KERN_ERR "    #%-2d 0x%08x %s\n", depth, (unsigned)ret, sym);
}

/* A fault in kernel code counts as the module's when the kernel function was called by module
 * code (e.g. strlen(NULL) from a module): the first return address on the frame chain that is not
 * the kernel's names the module, as long as the chain stays below the recovery point's frame. */
static struct kmod *calling_module(uint32_t ebp, uint32_t limit, uint32_t *call_site)
{
    for (int depth = 0; depth < OOPS_BACKTRACE_MAX && ebp < limit && backtrace_frame_readable(ebp); depth++) {
        const uint32_t *frame = (const uint32_t *)(uintptr_t)ebp;
        struct kmod *m = kmod_at(frame[1] - 1);
        if (m) {
            *call_site = frame[1];
            return m;
        }
        if (frame[0] <= ebp)
            break;
        ebp = frame[0];
    }
    return NULL;
}

/* Module code that called into memory which may not execute (its data, a stack, the heap): the
 * fetch of the first instruction faults, so the call's return address is still on top of the
 * stack and names the module. */
static struct kmod *fetch_caller(const struct trap_frame *tf, uint32_t esp, uint32_t *call_site)
{
    if (tf->vector != 14 || !(tf->error & PF_FETCH) || !backtrace_frame_readable(esp))
        return NULL;
    uint32_t ret = *(const uint32_t *)(uintptr_t)esp;
    struct kmod *m = kmod_at(ret - 1);
    if (m)
        *call_site = ret;
    return m;
}

static bool nx_fetch(const struct kguard *g)
{
    return g->vector == 14 && (g->error & (PF_FETCH | PF_PRESENT)) == (PF_FETCH | PF_PRESENT);
}

/* "x_init+0x15" for an address in a module (no module suffix: messages name the module). */
static void module_where(uintptr_t addr, uintptr_t lookup, char *buf, size_t len)
{
    struct dkm_module *mod = NULL;
    const char *sym = NULL;
    uintptr_t off = 0;
    if (dkm_addr_lookup(dkm_loader, lookup, &mod, &sym, &off) == 0 && sym)
        snprintf(buf, len, "%s+0x%x", sym, (unsigned)(off + (addr - lookup)));
    else
        snprintf(buf, len, "0x%x", (unsigned)addr);
}

static void describe(struct kguard *g, uint32_t call_site)
{
    char where[64], sym[64];
    if (call_site) {
        if (ksym_format(g->eip, sym, sizeof sym) != 0)
            snprintf(sym, sizeof sym, "0x%x", (unsigned)g->eip);
        module_where(call_site, call_site - 1, where, sizeof where);
        char both[sizeof sym + sizeof where + 16];
        snprintf(both, sizeof both, "%s called from %s", sym, where);
        strlcpy(where, both, sizeof where);
    } else {
        module_where(g->eip, g->eip, where, sizeof where);
    }
    if (g->stack_overflow)
        snprintf(g->where, sizeof g->where, "kernel stack overflow in %s", where);
    else if (nx_fetch(g))
        snprintf(g->where, sizeof g->where, "page fault at 0x%x in %s (not executable)",
                 (unsigned)g->cr2, where);
    else if (g->vector == 14)
        snprintf(g->where, sizeof g->where, "page fault at 0x%x in %s", (unsigned)g->cr2, where);
    else
        snprintf(g->where, sizeof g->where, "%s in %s", trap_name(g->vector), where);
}

static void oops_report(const struct kguard *g, const struct trap_frame *tf,
                        const struct exec_ctx *c)
{
    char sym[128];
    struct process *p = proc_current();
    printk(KERN_ERR "dkm: oops: %s: %s\n", kmod_name(g->culprit), g->where);
    if (g->vector == 14)
        printk(KERN_ERR "  page fault: %s of address 0x%08x (error 0x%x)\n",
               (g->error & 2) ? "write" : nx_fetch(g) ? "instruction fetch (page not executable)" :
               (g->error & PF_FETCH) ? "instruction fetch" : "read",
               (unsigned)g->cr2, (unsigned)g->error);
    if (c->irq_depth > 0)
        printk(KERN_ERR "  context: interrupt (IRQ %d)%s%s\n", c->irq_line,
               p ? ", interrupted process " : "", p ? p->name : "");
    else if (p)
        printk(KERN_ERR "  context: process pid %d (%s)\n", p->pid, p->name);
    else
        printk(KERN_ERR "  context: %s\n", exec_ctx_kind(c));
    char letters[24];                  /* the taint so far, as a panic report prints it */
    uint32_t mask = taint_mask();
    taint_letters(mask, letters, sizeof letters);
    if (mask)
        printk(KERN_ERR "  tainted: %s (%u)\n", letters, (unsigned)mask);
    else
        printk(KERN_ERR "  tainted: no\n");
    printk(KERN_ERR "  backtrace:\n");
    if (ksym_format(tf->eip, sym, sizeof sym) != 0)
        strlcpy(sym, "?", sizeof sym);
    printk(KERN_ERR "    #0  0x%08x %s\n", (unsigned)tf->eip, sym);
    backtrace_walk(tf->ebp, 1, OOPS_BACKTRACE_MAX, emit_error);
}

static bool containable(uint32_t vector)
{
    switch (vector) {
    case 0:  /* divide error */
    case 4:  /* overflow */
    case 5:  /* bound range */
    case 6:  /* invalid opcode */
    case 8:  /* double fault: a stack overflow */
    case 12: /* stack segment */
    case 13: /* general protection */
    case 14: /* page fault */
    case 17: /* alignment check */
        return true;
    default:
        return false;
    }
}

bool kmod_fault_recover(struct trap_frame *tf, uint32_t esp, uint32_t cr2)
{
    if (!dkm_loader || trap_from_user(tf) || !containable(tf->vector))
        return false;
    struct exec_ctx *c = exec_ctx_of(esp);
    struct kguard *g = c->guards;
    if (!g || g->irq_depth != c->irq_depth || g->culprit)
        return false;                  /* not inside a module call at this interrupt level */
    uint32_t call_site = 0;
    struct kmod *culprit = kmod_at(tf->eip);
    if (!culprit)
        culprit = fetch_caller(tf, esp, &call_site);
    if (!culprit)
        culprit = calling_module(tf->ebp, g->ebp, &call_site);
    if (!culprit)
        return false;                  /* the kernel's own fault: a panic */
    g->culprit = culprit;
    g->vector = tf->vector;
    g->error = tf->error;
    g->cr2 = cr2;
    g->eip = tf->eip;
    /* esp in the guard, or just above it when a push (a call, a function's first push) faulted */
    g->stack_overflow = tf->vector == 8 && (kstack_in_guard(esp) || kstack_in_guard(esp - 4));
    describe(g, call_site);
    oops_report(g, tf, c);
    if (!culprit->faulted)
        strlcpy(culprit->fault, g->where, sizeof culprit->fault);
    culprit->faulted = true;
    if (g->module != culprit && !g->module->faulted)
        snprintf(g->module->fault, sizeof g->module->fault, "%s (in module %s)", g->where,
                 culprit->name);
    g->module->faulted = true;         /* its call was cut short: its state is unknown too */
    taint_oops();                      /* D */
    printk(KERN_ERR "dkm: %s: marked faulted; none of its code runs again (kernel tainted)\n",
           culprit->name);
    tf->eip = (uint32_t)(uintptr_t)kguard_landing;
    tf->eax = (uint32_t)(uintptr_t)g;
    tf->eflags = (g->eflags & ~(EFLAGS_NT | EFLAGS_TF)) | 0x2u;
    return true;
}

/* The stack pointer a contained double fault must resume on (kguard_landing reloads it anyway,
 * but an interrupt may arrive before its first instruction). */
uint32_t kmod_fault_resume_esp(const struct trap_frame *tf)
{
    return ((const struct kguard *)(uintptr_t)tf->eax)->esp;
}
