/* irq.c — hardware interrupt handlers (ark/irq.h). Lines may be shared: every handler registered
 * on a line runs on each of its interrupts. The line is unmasked at the PIC while it has handlers.
 * Handlers remember the module they belong to (whose memory holds the handler or its argument,
 * else the module whose init is running), for the sweep at unload; a module's handler runs
 * through kmod_call, and one that faults is unregistered. irq_lock (irqsave) guards
 * the lists; handlers run with it dropped, so a handler may unregister itself, and the sweep finds,
 * unlinks and frees a module's handlers under one lock hold. */
#include "sched.h"
#include "trap.h"
#include "cpu.h"
#include "kmod_weak.h"
#include "exec_ctx.h"
#include "ark/irq.h"
#include "ark/sync.h"
#include "ark/errno.h"
#include "ark/kernel.h"
#include "export.h"

struct irq_action {
    ark_irq_handler_t handler;
    void *arg;
    struct kmod *owner;
    struct irq_action *next;
};

/* Lines 0-15 are the PIC's; ARK_IRQ_SOFT_BASE on are raised by kernel code (irq_soft_raise) for
 * interrupt controllers it emulates, with the PIC's behaviour: masked while no handler is there
 * or disabled, and a raise while masked by disable is delivered at the unmask. */
#define IRQ_ALL_LINES (ARK_IRQ_SOFT_BASE + ARK_IRQ_SOFT_LINES)
static struct irq_action *irq_actions[IRQ_ALL_LINES];
static unsigned int irq_disable_depth[IRQ_ALL_LINES];   /* irq_line_disable calls not yet undone */
static bool irq_soft_masked[IRQ_ALL_LINES];
static bool irq_soft_pending[IRQ_ALL_LINES];
static ark_spinlock_t irq_lock = ARK_SPINLOCK_INIT;

static bool irq_valid(int irq)
{
    return irq >= 0 && irq < IRQ_ALL_LINES && irq != 2;   /* line 2 is the PIC cascade */
}

static void irq_line_mask(int irq)
{
    if (irq < IRQ_LINES)
        pic_mask(irq);
    else
        irq_soft_masked[irq] = true;
}

/* Unmasks the line; true when a soft line has a raise waiting, which the caller delivers once
 * it has dropped irq_lock. */
static bool irq_line_unmask(int irq)
{
    if (irq < IRQ_LINES) {
        pic_unmask(irq);
        return false;
    }
    irq_soft_masked[irq] = false;
    bool pending = irq_soft_pending[irq];
    irq_soft_pending[irq] = false;
    return pending;
}

static void irq_soft_deliver(int irq)
{
    uint32_t flags = irq_save();       /* as the CPU enters a handler: interrupts off */
    sched_irq_enter();
    irq_dispatch(irq);
    sched_irq_exit();
    irq_restore(flags);
}

static int irq_register_owned(int irq, ark_irq_handler_t handler, void *arg, struct kmod *owner)
{
    if (!irq_valid(irq) || !handler)
        return -EINVAL;
    struct irq_action *a = kmalloc(sizeof(*a));
    if (!a)
        return -ENOMEM;
    a->handler = handler;
    a->arg = arg;
    a->owner = owner;
    unsigned long flags = ark_spin_lock_irqsave(&irq_lock);
    struct irq_action **pp = &irq_actions[irq];
    while (*pp)                          /* appended: handlers run in registration order */
        pp = &(*pp)->next;
    a->next = NULL;
    *pp = a;
    if (!irq_disable_depth[irq])
        (void)irq_line_unmask(irq);      /* no raise waits: an unhandled line latches none */
    ark_spin_unlock_irqrestore(&irq_lock, flags);
    return 0;
}

/* Owned by the module whose code holds the handler (else whose init/exit runs, else the caller's). */
int irq_register(int irq, ark_irq_handler_t handler, void *arg)
{
    return irq_register_owned(irq, handler, arg,
                              KMOD_OWNER_FOR((uintptr_t)handler, (uintptr_t)arg));
}
KERNEL_EXPORT(irq_register);

/* caller: the module asking (NULL: the kernel, which may remove any handler). */
static int irq_remove(int irq, ark_irq_handler_t handler, void *arg, struct kmod *caller)
{
    if (!irq_valid(irq))
        return -EINVAL;
    struct irq_action *found = NULL;
    unsigned long flags = ark_spin_lock_irqsave(&irq_lock);
    for (struct irq_action **pp = &irq_actions[irq]; *pp; pp = &(*pp)->next) {
        if ((*pp)->handler == handler && (*pp)->arg == arg) {
            if (caller && (*pp)->owner != caller) {
                ark_spin_unlock_irqrestore(&irq_lock, flags);
                printk(KERN_WARNING "irq: module '%s' may not unregister a handler of %s on IRQ %d\n",
                       kmod_name_or_kernel(caller), kmod_name_or_kernel((*pp)->owner), irq);
                return -EPERM;
            }
            found = *pp;
            *pp = found->next;
            break;
        }
    }
    if (!irq_actions[irq]) {
        irq_line_mask(irq);
        irq_soft_pending[irq] = false;
    }
    ark_spin_unlock_irqrestore(&irq_lock, flags);
    if (!found)
        return -ENOENT;
    kfree(found);
    return 0;
}

int irq_unregister(int irq, ark_irq_handler_t handler, void *arg)
{
    return irq_remove(irq, handler, arg, kmod_current_or_kernel());
}
KERNEL_EXPORT(irq_unregister);

int irq_line_disable(int irq)
{
    if (!irq_valid(irq))
        return -EINVAL;
    unsigned long flags = ark_spin_lock_irqsave(&irq_lock);
    if (irq_disable_depth[irq]++ == 0)
        irq_line_mask(irq);
    ark_spin_unlock_irqrestore(&irq_lock, flags);
    return 0;
}
KERNEL_EXPORT(irq_line_disable);

int irq_line_enable(int irq)
{
    bool deliver = false;
    if (!irq_valid(irq))
        return -EINVAL;
    unsigned long flags = ark_spin_lock_irqsave(&irq_lock);
    if (!irq_disable_depth[irq]) {
        ark_spin_unlock_irqrestore(&irq_lock, flags);
        return -EPERM;                   /* unbalanced: nothing to undo */
    }
    if (--irq_disable_depth[irq] == 0 && irq_actions[irq])
        deliver = irq_line_unmask(irq);
    ark_spin_unlock_irqrestore(&irq_lock, flags);
    if (deliver)
        irq_soft_deliver(irq);
    return 0;
}
KERNEL_EXPORT(irq_line_enable);

int irq_soft_raise(int irq)
{
    if (irq < ARK_IRQ_SOFT_BASE || irq >= IRQ_ALL_LINES)
        return -EINVAL;
    unsigned long flags = ark_spin_lock_irqsave(&irq_lock);
    bool deliver = irq_actions[irq] && !irq_soft_masked[irq];
    if (irq_actions[irq] && irq_soft_masked[irq])
        irq_soft_pending[irq] = true;    /* disabled: delivered when enabled again */
    ark_spin_unlock_irqrestore(&irq_lock, flags);
    if (deliver)
        irq_soft_deliver(irq);
    return 0;
}
KERNEL_EXPORT(irq_soft_raise);

/* A module's handler that faulted is taken off the line; the interrupt is still acknowledged. */
static void irq_drop_faulted(int irq, struct irq_action *a)
{
    for (struct irq_action **pp = &irq_actions[irq]; *pp; pp = &(*pp)->next) {
        if (*pp == a) {
            *pp = a->next;
            break;
        }
    }
    if (!irq_actions[irq])
        irq_line_mask(irq);
    printk(KERN_ERR "irq: handler %p of module '%s' on IRQ %d faulted; unregistered\n",
           (void *)a->handler, kmod_name_or_kernel(a->owner), irq);
    kfree(a);
}

void irq_dispatch(int irq)
{
    struct exec_ctx *c = exec_ctx_current();
    int outer_line = c->irq_line;
    struct kmod *outer_module = c->module;   /* the interrupted code's, not the handlers' */
    struct irq_action *next;
    c->irq_depth++;
    c->irq_line = irq;
    c->module = NULL;
    for (struct irq_action *a = irq_actions[irq]; a; a = next) {
        next = a->next;                  /* the handler may unregister itself */
        if (!a->owner || !kmod_call) {
            a->handler(irq, a->arg);
            continue;
        }
        uintptr_t args[2] = { (uintptr_t)irq, (uintptr_t)a->arg };
        long ignored;
        if (kmod_call(a->owner, (uintptr_t)a->handler, 2, args, 0, &ignored) != KMOD_CALL_RETURNED)
            irq_drop_faulted(irq, a);    /* faulted now, or its module faulted before */
    }
    c->module = outer_module;
    c->irq_line = outer_line;
    c->irq_depth--;
}

int irq_release_owned_by(struct kmod *m)
{
    int removed = 0;
    if (!m)
        return 0;
    for (int irq = 0; irq < IRQ_ALL_LINES; irq++) {
        for (;;) {
            unsigned long flags = ark_spin_lock_irqsave(&irq_lock);
            struct irq_action **pp = &irq_actions[irq];
            while (*pp && (*pp)->owner != m)
                pp = &(*pp)->next;
            struct irq_action *a = *pp;
            if (a) {
                *pp = a->next;
                if (!irq_actions[irq])
                    irq_line_mask(irq);
            }
            ark_spin_unlock_irqrestore(&irq_lock, flags);
            if (!a)
                break;
            /* Unlinked above; with one CPU no handler of this line can be running now (this
             * thread is), so the record can go. */
            printk(KERN_WARNING "irq: module '%s' left a handler on IRQ %d (%p); removed\n",
                   kmod_name_or_kernel(m), irq, (void *)a->handler);
            kfree(a);
            removed++;
        }
    }
    return removed;
}
