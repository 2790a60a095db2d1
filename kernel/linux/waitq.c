/* waitq.c — linux/wait.h's entries: add_wait_queue and prepare_to_wait queue a wait_queue_entry
 * in the head's list, and __wake_up runs each entry's wake function in order (a module's through
 * its fault containment) before it wakes the head's wait_event sleepers and pollers.
 * Locking: the list is guarded by the head's ark spinlock (irqsave), since wake-ups come from
 * interrupts; wake functions run with it held, as on Linux. */
#include "sched.h"
#include "lx_internal.h"
#include <linux/wait.h>

/* A wake function the module gave: the module it belongs to, looked up where that is safe. */
static void note_owner(struct wait_queue_entry *e)
{
    uintptr_t fn = (uintptr_t)e->func;
    bool kernels = e->func == default_wake_function || e->func == autoremove_wake_function ||
                   e->func == woken_wake_function;
    e->ark_owner = (!kernels && !sched_in_interrupt() && kmod_owner_of) ? kmod_owner_of(fn) : NULL;
}

static void queue_locked(wait_queue_head_t *wq, struct wait_queue_entry *e, bool exclusive)
{
    if (exclusive) {
        e->flags |= WQ_FLAG_EXCLUSIVE;
        list_add_tail(&e->entry, &wq->head);
    } else {
        e->flags &= ~WQ_FLAG_EXCLUSIVE;
        list_add(&e->entry, &wq->head);
    }
}

static void add(wait_queue_head_t *wq, struct wait_queue_entry *e, bool exclusive)
{
    note_owner(e);
    unsigned long flags = ark_spin_lock_irqsave(&wq->ark.lock);
    queue_locked(wq, e, exclusive);
    ark_spin_unlock_irqrestore(&wq->ark.lock, flags);
}

void add_wait_queue(wait_queue_head_t *wq, struct wait_queue_entry *e) { add(wq, e, false); }
KERNEL_EXPORT(add_wait_queue);
void add_wait_queue_exclusive(wait_queue_head_t *wq, struct wait_queue_entry *e) { add(wq, e, true); }
KERNEL_EXPORT(add_wait_queue_exclusive);
void add_wait_queue_priority(wait_queue_head_t *wq, struct wait_queue_entry *e) { add(wq, e, false); }
KERNEL_EXPORT(add_wait_queue_priority);

void remove_wait_queue(wait_queue_head_t *wq, struct wait_queue_entry *e)
{
    unsigned long flags = ark_spin_lock_irqsave(&wq->ark.lock);
    list_del_init(&e->entry);
    ark_spin_unlock_irqrestore(&wq->ark.lock, flags);
}
KERNEL_EXPORT(remove_wait_queue);

/* Queues e unless it is queued, then marks the caller asleep in state: a wake-up before
 * schedule() makes schedule() return at once. */
static void prepare(wait_queue_head_t *wq, struct wait_queue_entry *e, int state, bool exclusive)
{
    note_owner(e);
    unsigned long flags = ark_spin_lock_irqsave(&wq->ark.lock);
    if (list_empty(&e->entry))
        queue_locked(wq, e, exclusive);
    ark_linux_set_current_state((unsigned int)state);
    ark_spin_unlock_irqrestore(&wq->ark.lock, flags);
}

void prepare_to_wait(wait_queue_head_t *wq, struct wait_queue_entry *e, int state)
{
    prepare(wq, e, state, false);
}
KERNEL_EXPORT(prepare_to_wait);

bool prepare_to_wait_exclusive(wait_queue_head_t *wq, struct wait_queue_entry *e, int state)
{
    bool was_empty = list_empty(&wq->head);
    prepare(wq, e, state, true);
    return was_empty;
}
KERNEL_EXPORT(prepare_to_wait_exclusive);

long prepare_to_wait_event(wait_queue_head_t *wq, struct wait_queue_entry *e, int state)
{
    if ((state & (TASK_INTERRUPTIBLE | TASK_WAKEKILL)) && ark_fatal_signal_pending()) {
        finish_wait(wq, e);
        return -ERESTARTSYS;
    }
    prepare(wq, e, state, (e->flags & WQ_FLAG_EXCLUSIVE) != 0);
    return 0;
}
KERNEL_EXPORT(prepare_to_wait_event);

void finish_wait(wait_queue_head_t *wq, struct wait_queue_entry *e)
{
    ark_linux_set_current_state(TASK_RUNNING);
    /* An autoremove wake-up took it off already; an empty entry points at itself. */
    if (READ_ONCE(e->entry.next) != &e->entry) {
        unsigned long flags = ark_spin_lock_irqsave(&wq->ark.lock);
        list_del_init(&e->entry);
        ark_spin_unlock_irqrestore(&wq->ark.lock, flags);
    }
}
KERNEL_EXPORT(finish_wait);

int default_wake_function(struct wait_queue_entry *e, unsigned int mode, int flags, void *key)
{
    (void)flags;
    (void)key;
    struct task_struct *k = e->private;
    if (!k || !(READ_ONCE(k->__state) & mode))
        return 0;
    return wake_up_process(k);
}
KERNEL_EXPORT(default_wake_function);

int autoremove_wake_function(struct wait_queue_entry *e, unsigned int mode, int flags, void *key)
{
    int woke = default_wake_function(e, mode, flags, key);
    if (woke)
        list_del_init(&e->entry);
    return woke;
}
KERNEL_EXPORT(autoremove_wake_function);

int woken_wake_function(struct wait_queue_entry *e, unsigned int mode, int flags, void *key)
{
    __atomic_or_fetch(&e->flags, WQ_FLAG_WOKEN, __ATOMIC_SEQ_CST);
    return default_wake_function(e, mode, flags, key);
}
KERNEL_EXPORT(woken_wake_function);

long wait_woken(struct wait_queue_entry *e, unsigned int mode, long timeout)
{
    ark_linux_set_current_state(mode);
    /* Set before a wake-up could clear it: woken_wake_function either saw the state (and woke
     * this thread) or set the flag first. */
    if (!(__atomic_load_n(&e->flags, __ATOMIC_SEQ_CST) & WQ_FLAG_WOKEN))
        timeout = schedule_timeout(timeout);
    ark_linux_set_current_state(TASK_RUNNING);
    __atomic_and_fetch(&e->flags, ~WQ_FLAG_WOKEN, __ATOMIC_SEQ_CST);
    return timeout;
}
KERNEL_EXPORT(wait_woken);

/* e's wake function: the kernel's directly, a module's through kmod_call. */
static int call_wake(struct wait_queue_entry *e, unsigned int mode, void *key)
{
    long rc;
    const uintptr_t args[4] = { (uintptr_t)e, mode, 0, (uintptr_t)key };
    if (!lx_call_owned(e->ark_owner, (uintptr_t)e->func, 4, args, &rc))
        return -1;                     /* its module faulted: this wake-up stops here */
    return (int)rc;
}

void __wake_up(wait_queue_head_t *wq, unsigned int mode, int nr_exclusive, void *key)
{
    unsigned long flags = ark_spin_lock_irqsave(&wq->ark.lock);
    struct list_head *pos = wq->head.next;
    while (pos != &wq->head) {
        struct wait_queue_entry *e = list_entry(pos, struct wait_queue_entry, entry);
        pos = pos->next;                /* the function may take e off the list */
        unsigned int eflags = e->flags;
        int woke = call_wake(e, mode, key);
        if (woke < 0)
            break;
        if (woke && (eflags & WQ_FLAG_EXCLUSIVE) && nr_exclusive > 0 && --nr_exclusive == 0)
            break;
    }
    ark_spin_unlock_irqrestore(&wq->ark.lock, flags);
    ark_wake_up_all(&wq->ark);
}
KERNEL_EXPORT(__wake_up);

int ark_linux_waitqueue_active(wait_queue_head_t *wq)
{
    return !list_empty(&wq->head) || ark_wait_queue_active(&wq->ark);
}
KERNEL_EXPORT(ark_linux_waitqueue_active);
