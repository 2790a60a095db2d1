/* klist.h — the kernel's operations on struct ark_list (ark/sync.h), shared by the process table
 * and the scheduler. Callers hold whatever lock protects the list. */
#ifndef ARK_KLIST_H
#define ARK_KLIST_H

#include "ark/sync.h"

static inline void klist_add_tail(struct ark_list *head, struct ark_list *n)
{
    n->prev = head->prev;
    n->next = head;
    head->prev->next = n;
    head->prev = n;
}

/* Unlinks n and leaves it pointing at itself, so a second unlink does no harm. */
static inline void klist_del(struct ark_list *n)
{
    n->prev->next = n->next;
    n->next->prev = n->prev;
    n->next = n->prev = n;
}

#endif
