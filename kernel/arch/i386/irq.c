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

static struct irq_action *irq_actions[IRQ_LINES];
static unsigned int irq_disable_depth[IRQ_LINES];   /* irq_line_disable calls not yet undone */
static ark_spinlock_t irq_lock = ARK_SPINLOCK_INIT;

static int irq_register_owned(int irq, ark_irq_handler_t handler, void *arg, struct kmod *owner)
{
    if (irq < 0 || irq >= IRQ_LINES || irq == 2 || !handler)
        return -EINVAL;                  /* line 2 is the PIC cascade */
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
        pic_unmask(irq);
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
    if (irq < 0 || irq >= IRQ_LINES)
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
    if (!irq_actions[irq])
        pic_mask(irq);
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
    if (irq < 0 || irq >= IRQ_LINES || irq == 2)
        return -EINVAL;
    unsigned long flags = ark_spin_lock_irqsave(&irq_lock);
    if (irq_disable_depth[irq]++ == 0)
        pic_mask(irq);
    ark_spin_unlock_irqrestore(&irq_lock, flags);
    return 0;
}
KERNEL_EXPORT(irq_line_disable);

int irq_line_enable(int irq)
{
    if (irq < 0 || irq >= IRQ_LINES || irq == 2)
        return -EINVAL;
    unsigned long flags = ark_spin_lock_irqsave(&irq_lock);
    if (!irq_disable_depth[irq]) {
        ark_spin_unlock_irqrestore(&irq_lock, flags);
        return -EPERM;                   /* unbalanced: nothing to undo */
    }
    if (--irq_disable_depth[irq] == 0 && irq_actions[irq])
        pic_unmask(irq);
    ark_spin_unlock_irqrestore(&irq_lock, flags);
    return 0;
}
KERNEL_EXPORT(irq_line_enable);

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
        pic_mask(irq);
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
    for (int irq = 0; irq < IRQ_LINES; irq++) {
        for (;;) {
            unsigned long flags = ark_spin_lock_irqsave(&irq_lock);
            struct irq_action **pp = &irq_actions[irq];
            while (*pp && (*pp)->owner != m)
                pp = &(*pp)->next;
            struct irq_action *a = *pp;
            if (a) {
                *pp = a->next;
                if (!irq_actions[irq])
                    pic_mask(irq);
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
