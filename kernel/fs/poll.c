/* poll.c — poll(2) over the VFS: each pass asks every file for its events, the drivers' poll
 * functions enter the poller on their wait queues (ark_poll_wait), and the poller sleeps until
 * one of those queues is woken, the time is up or the process is killed, then asks again. */
#include "ark/kernel.h"
#include "ark/sync.h"
#include "fs_internal.h"
#include "export.h"
#include "sched.h"

#define POLL_ENTRIES_START 8

/* The poller's entries on the queues its files named in one pass. A wake-up takes an entry off
 * its queue (ark/sync.h), which is how a wake-up that came while the files were being asked is
 * noticed. */
struct ark_poll_table {
    struct ark_poll_entry {
        struct ark_wait_queue *wq;
        struct ark_wait_entry e;
    } *entries;
    unsigned n, cap;
    int error;                         /* -ENOMEM: an entry could not be recorded */
};

void ark_poll_wait(struct ark_poll_table *pt, struct ark_wait_queue *wq)
{
    if (!pt || !wq || pt->error)
        return;
    for (unsigned i = 0; i < pt->n; i++)
        if (pt->entries[i].wq == wq)
            return;                    /* once per queue and pass is enough */
    if (pt->n == pt->cap) {
        unsigned cap = pt->cap ? pt->cap * 2 : POLL_ENTRIES_START;
        struct ark_poll_entry *more = kmalloc(cap * sizeof(*more));
        if (!more) {
            pt->error = -ENOMEM;
            return;
        }
        /* Entries already queued are linked by address: move them under their queues' locks. */
        for (unsigned i = 0; i < pt->n; i++) {
            struct ark_poll_entry *from = &pt->entries[i], *to = &more[i];
            unsigned long flags = ark_spin_lock_irqsave(&from->wq->lock);
            *to = *from;
            if (from->e.queued) {
                to->e.link.prev->next = &to->e.link;
                to->e.link.next->prev = &to->e.link;
            }
            ark_spin_unlock_irqrestore(&from->wq->lock, flags);
        }
        kfree(pt->entries);
        pt->entries = more;
        pt->cap = cap;
    }
    /* Queued without being marked asleep: the driver still runs its checks after this, and a
     * thread marked asleep would stop at its next preemption. */
    struct ark_poll_entry *pe = &pt->entries[pt->n++];
    pe->wq = wq;
    pe->e.thread = sched_current();
    unsigned long flags = ark_spin_lock_irqsave(&wq->lock);
    pe->e.link.prev = wq->waiters.prev;
    pe->e.link.next = &wq->waiters;
    wq->waiters.prev->next = &pe->e.link;
    wq->waiters.prev = &pe->e.link;
    pe->e.queued = true;
    ark_spin_unlock_irqrestore(&wq->lock, flags);
}
KERNEL_EXPORT(ark_poll_wait);

/* Takes the poller off every queue of the last pass; true when one of them woke it meanwhile. */
static bool poll_table_clear(struct ark_poll_table *pt)
{
    bool woken = false;
    for (unsigned i = 0; i < pt->n; i++) {
        struct ark_poll_entry *pe = &pt->entries[i];
        unsigned long flags = ark_spin_lock_irqsave(&pe->wq->lock);
        if (pe->e.queued) {
            pe->e.link.prev->next = pe->e.link.next;
            pe->e.link.next->prev = pe->e.link.prev;
            pe->e.queued = false;
        } else {
            woken = true;
        }
        ark_spin_unlock_irqrestore(&pe->wq->lock, flags);
    }
    pt->n = 0;
    return woken;
}

/* Whether a wake-up has already reached one of the poller's entries (without removing any). */
static bool poll_table_woken(struct ark_poll_table *pt)
{
    for (unsigned i = 0; i < pt->n; i++)
        if (!__atomic_load_n(&pt->entries[i].e.queued, __ATOMIC_ACQUIRE))
            return true;
    return false;
}

/* One pass over the files: the number with events. */
static long poll_pass(struct file *const *files, const uint16_t *events, uint16_t *revents,
                      unsigned n, struct ark_poll_table *pt)
{
    long ready = 0;
    for (unsigned i = 0; i < n; i++) {
        if (!files[i]) {
            revents[i] = 0;
            continue;
        }
        uint32_t mask = vfs_poll(files[i], pt);
        revents[i] = (uint16_t)(mask & (events[i] | ARK_POLLERR | ARK_POLLHUP | ARK_POLLNVAL));
        if (revents[i])
            ready++;
    }
    return ready;
}

long vfs_poll_files(struct file *const *files, const uint16_t *events, uint16_t *revents,
                    unsigned n, long timeout_ms)
{
    struct ark_poll_table pt = { NULL, 0, 0, 0 };
    /* The poller sleeps on a queue of its own, which nobody wakes: being on it only marks it
     * asleep, and any of its files' queues (or a kill, or the timer) makes it runnable. */
    struct ark_wait_queue self;
    struct ark_wait_entry self_entry = { { 0, 0 }, 0, false };
    long left = timeout_ms < 0 ? ARK_WAIT_FOREVER : timeout_ms;
    long ready;

    ark_wait_queue_init(&self);
    for (;;) {
        ready = poll_pass(files, events, revents, n, left == 0 ? NULL : &pt);
        if (ready || left == 0)
            break;
        if (pt.error) {
            ready = pt.error;
            break;
        }
        if (ark_fatal_signal_pending()) {
            ready = -EINTR;
            break;
        }
        ark_wait_prepare(&self, &self_entry, ARK_WAIT_KILLABLE);
        /* A wake-up before the line above found the thread running and only took its entry
         * off a queue; one after it makes the thread runnable, so the sleep returns at once. */
        if (!poll_table_woken(&pt))
            left = ark_wait_sleep(left);
        ark_wait_finish(&self, &self_entry);
        poll_table_clear(&pt);
        if (left == 0)                 /* time is up: one last look, without waiting */
            continue;
    }
    poll_table_clear(&pt);
    kfree(pt.entries);
    return ready;
}
