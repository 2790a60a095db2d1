/* ark/workqueue.h — run a function later in thread context (the kernel's worker thread, shown by
 * ps as [kworker]): the way interrupt handlers and timer callbacks hand over work that may sleep.
 * A work item belongs to the module whose code holds its function (else whose memory holds the
 * item): unloading the module cancels its pending items and waits for a running one to finish. */
#ifndef ARK_WORKQUEUE_H
#define ARK_WORKQUEUE_H

#include "ark/sync.h"

struct ark_work;
typedef void (*ark_work_fn)(struct ark_work *work);

struct ark_work {
    struct ark_list link;              /* in the queue while pending */
    ark_work_fn fn;
    void *owner;                       /* the module it belongs to, set when queued */
    uint32_t state;                    /* kernel-private */
};
#define ARK_WORK_INIT(name, f) { ARK_LIST_INIT((name).link), (f), 0, 0 }

void ark_work_init(struct ark_work *w, ark_work_fn fn);
/* Queues w unless it is already pending: true when queued now. Any context, interrupts too. */
bool ark_work_queue(struct ark_work *w);
/* Removes w if pending and waits for a running w to finish: true if it was pending. Thread
 * context; not from w itself. */
bool ark_work_cancel_sync(struct ark_work *w);
/* Waits until w is neither pending nor running. Thread context. */
void ark_work_flush(struct ark_work *w);
bool ark_work_pending(const struct ark_work *w);

#endif
