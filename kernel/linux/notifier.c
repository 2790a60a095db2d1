/* notifier.c — linux/notifier.h's chains and the reboot chain. Registering notes the callback's
 * module (where looking it up is safe), so that a call runs it through that module's fault
 * containment; the unload of a module takes its blocks off the kernel's chains.
 * Locking: an atomic chain's lock (irqsave) guards changes and its callers walk it as RCU
 * readers, so unregistering waits for a grace period; a blocking chain's rwsem is held for
 * reading by callers and for writing by changes; a raw chain is the caller's to lock. */
#include "sched.h"
#include "lx_internal.h"
#include <linux/notifier.h>
#include <linux/rcupdate.h>
#include <linux/reboot.h>

static void note_owner(struct notifier_block *nb)
{
    nb->ark_owner = (!sched_in_interrupt() && kmod_owner_of) ? kmod_owner_of((uintptr_t)nb->notifier_call) : NULL;
}

/* Links nb in priority order (after blocks of the same priority): 0 or -EEXIST. */
static int chain_insert(struct notifier_block **link, struct notifier_block *nb)
{
    for (struct notifier_block *p = *link; p; p = p->next)
        if (p == nb) {
            printk(KERN_WARNING "notifier: %s: block %p registered twice; ignored\n",
                   lx_owner_name(nb->ark_owner), (void *)nb);
            return -EEXIST;
        }
    while (*link && (*link)->priority >= nb->priority)
        link = &(*link)->next;
    nb->next = *link;
    rcu_assign_pointer(*link, nb);
    return 0;
}

static int chain_remove(struct notifier_block **link, struct notifier_block *nb)
{
    for (; *link; link = &(*link)->next)
        if (*link == nb) {
            rcu_assign_pointer(*link, nb->next);
            return 0;
        }
    return -ENOENT;
}

static int call_one(struct notifier_block *nb, unsigned long action, void *data)
{
    long rc;
    const uintptr_t args[3] = { (uintptr_t)nb, action, (uintptr_t)data };
    if (!lx_call_owned(nb->ark_owner, (uintptr_t)nb->notifier_call, 3, args, &rc))
        return NOTIFY_DONE;            /* its module faulted: as if it had not been interested */
    return (int)rc;
}

static int chain_call(struct notifier_block *nb, unsigned long action, void *data)
{
    int ret = NOTIFY_DONE;
    while (nb) {
        struct notifier_block *next = rcu_dereference(nb->next);   /* nb may unregister itself */
        ret = call_one(nb, action, data);
        if (ret & NOTIFY_STOP_MASK)
            break;
        nb = next;
    }
    return ret;
}

int atomic_notifier_chain_register(struct atomic_notifier_head *nh, struct notifier_block *nb)
{
    note_owner(nb);
    unsigned long flags;
    spin_lock_irqsave(&nh->lock, flags);
    int rc = chain_insert(&nh->head, nb);
    spin_unlock_irqrestore(&nh->lock, flags);
    return rc;
}
KERNEL_EXPORT(atomic_notifier_chain_register);

int atomic_notifier_chain_unregister(struct atomic_notifier_head *nh, struct notifier_block *nb)
{
    unsigned long flags;
    spin_lock_irqsave(&nh->lock, flags);
    int rc = chain_remove(&nh->head, nb);
    spin_unlock_irqrestore(&nh->lock, flags);
    synchronize_rcu();                 /* no caller still runs nb */
    return rc;
}
KERNEL_EXPORT(atomic_notifier_chain_unregister);

int atomic_notifier_call_chain(struct atomic_notifier_head *nh, unsigned long action, void *data)
{
    rcu_read_lock();
    int ret = chain_call(rcu_dereference(nh->head), action, data);
    rcu_read_unlock();
    return ret;
}
KERNEL_EXPORT(atomic_notifier_call_chain);

bool atomic_notifier_call_chain_is_empty(struct atomic_notifier_head *nh)
{
    return !rcu_access_pointer(nh->head);
}
KERNEL_EXPORT(atomic_notifier_call_chain_is_empty);

int blocking_notifier_chain_register(struct blocking_notifier_head *nh, struct notifier_block *nb)
{
    note_owner(nb);
    down_write(&nh->rwsem);
    int rc = chain_insert(&nh->head, nb);
    up_write(&nh->rwsem);
    return rc;
}
KERNEL_EXPORT(blocking_notifier_chain_register);

int blocking_notifier_chain_unregister(struct blocking_notifier_head *nh, struct notifier_block *nb)
{
    down_write(&nh->rwsem);
    int rc = chain_remove(&nh->head, nb);
    up_write(&nh->rwsem);
    return rc;
}
KERNEL_EXPORT(blocking_notifier_chain_unregister);

int blocking_notifier_call_chain(struct blocking_notifier_head *nh, unsigned long action, void *data)
{
    if (!rcu_access_pointer(nh->head))
        return NOTIFY_DONE;
    down_read(&nh->rwsem);
    int ret = chain_call(nh->head, action, data);
    up_read(&nh->rwsem);
    return ret;
}
KERNEL_EXPORT(blocking_notifier_call_chain);

int raw_notifier_chain_register(struct raw_notifier_head *nh, struct notifier_block *nb)
{
    note_owner(nb);
    return chain_insert(&nh->head, nb);
}
KERNEL_EXPORT(raw_notifier_chain_register);

int raw_notifier_chain_unregister(struct raw_notifier_head *nh, struct notifier_block *nb)
{
    return chain_remove(&nh->head, nb);
}
KERNEL_EXPORT(raw_notifier_chain_unregister);

int raw_notifier_call_chain(struct raw_notifier_head *nh, unsigned long action, void *data)
{
    return chain_call(nh->head, action, data);
}
KERNEL_EXPORT(raw_notifier_call_chain);

/* ---- the reboot chain ---- */

static BLOCKING_NOTIFIER_HEAD(reboot_chain);

int register_reboot_notifier(struct notifier_block *nb)
{
    return blocking_notifier_chain_register(&reboot_chain, nb);
}
KERNEL_EXPORT(register_reboot_notifier);

int unregister_reboot_notifier(struct notifier_block *nb)
{
    return blocking_notifier_chain_unregister(&reboot_chain, nb);
}
KERNEL_EXPORT(unregister_reboot_notifier);

void linux_power_off_notify(void)
{
    (void)blocking_notifier_call_chain(&reboot_chain, SYS_POWER_OFF, NULL);
}

/* Blocks whose callback is m's code, taken off the kernel's chains at m's unload. */
int lx_notifier_release_owned(struct kmod *m)
{
    int removed = 0;
    down_write(&reboot_chain.rwsem);
    struct notifier_block **link = &reboot_chain.head;
    while (*link) {
        struct notifier_block *nb = *link;
        if (kmod_contains && kmod_contains(m, (uintptr_t)nb->notifier_call)) {
            *link = nb->next;
            printk(KERN_WARNING "linux: %s: exit left a reboot notifier registered; removed\n",
                   lx_owner_name(m));
            removed++;
        } else {
            link = &nb->next;
        }
    }
    up_write(&reboot_chain.rwsem);
    return removed;
}
