/* idr.c — linux/idr.h: IDs in one array of (id, pointer) slots sorted by id, grown by doubling;
 * a lookup is a binary search, an allocation takes the first gap at or after its start. An IDR is
 * locked by its user; an IDA takes its own spinlock (the kernel heap may be called under one). */
#include "sched.h"
#include "lx_internal.h"
#include <linux/idr.h>

struct ark_idr_slot {
    unsigned int id;
    void *ptr;
};

/* The index of the first slot with an id >= id. */
static unsigned int lower_bound(const struct idr *idr, unsigned long id)
{
    unsigned int lo = 0, hi = idr->ark_count;
    while (lo < hi) {
        unsigned int mid = lo + (hi - lo) / 2;
        if (idr->ark_slots[mid].id < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* The lowest free id in [min, max], or -ENOSPC; *at the slot index it goes to. */
static long first_free(const struct idr *idr, unsigned long min, unsigned long max, unsigned int *at)
{
    unsigned int i = lower_bound(idr, min);
    unsigned long want = min;
    while (i < idr->ark_count && idr->ark_slots[i].id == want) {
        if (want == max)
            return -ENOSPC;
        want++;
        i++;
    }
    if (want > max)
        return -ENOSPC;
    *at = i;
    return (long)want;
}

static int insert_at(struct idr *idr, unsigned int at, unsigned int id, void *ptr, gfp_t gfp)
{
    if (idr->ark_count == idr->ark_cap) {
        unsigned int cap = idr->ark_cap ? idr->ark_cap * 2 : 8;
        struct ark_idr_slot *n = krealloc(idr->ark_slots, cap * sizeof(*n), gfp);
        if (!n)
            return -ENOMEM;
        idr->ark_slots = n;
        idr->ark_cap = cap;
    }
    memmove(&idr->ark_slots[at + 1], &idr->ark_slots[at], (idr->ark_count - at) * sizeof(idr->ark_slots[0]));
    idr->ark_slots[at].id = id;
    idr->ark_slots[at].ptr = ptr;
    idr->ark_count++;
    return 0;
}

/* Allocates in [min, max]: the id, or a negative errno. */
static long alloc_range(struct idr *idr, void *ptr, unsigned long min, unsigned long max, gfp_t gfp)
{
    if (min < idr->idr_base)
        min = idr->idr_base;
    if (min > max)
        return -ENOSPC;
    unsigned int at;
    long id = first_free(idr, min, max, &at);
    if (id < 0)
        return id;
    int rc = insert_at(idr, at, (unsigned int)id, ptr, gfp);
    return rc ? rc : id;
}

int idr_alloc(struct idr *idr, void *ptr, int start, int end, gfp_t gfp)
{
    if (start < 0)
        return -EINVAL;
    unsigned long max = end > 0 ? (unsigned long)end - 1 : (unsigned long)INT_MAX;
    return (int)alloc_range(idr, ptr, (unsigned long)start, max, gfp);
}
KERNEL_EXPORT(idr_alloc);

int idr_alloc_cyclic(struct idr *idr, void *ptr, int start, int end, gfp_t gfp)
{
    if (start < 0)
        return -EINVAL;
    unsigned long max = end > 0 ? (unsigned long)end - 1 : (unsigned long)INT_MAX;
    unsigned long from = idr->idr_next > (unsigned long)start ? idr->idr_next : (unsigned long)start;
    long id = from <= max ? alloc_range(idr, ptr, from, max, gfp) : -ENOSPC;
    if (id == -ENOSPC && from > (unsigned long)start)
        id = alloc_range(idr, ptr, (unsigned long)start, from - 1, gfp);
    if (id >= 0)
        idr->idr_next = (unsigned int)id + 1;
    return (int)id;
}
KERNEL_EXPORT(idr_alloc_cyclic);

int idr_alloc_u32(struct idr *idr, void *ptr, u32 *nextid, unsigned long max, gfp_t gfp)
{
    long id = alloc_range(idr, ptr, *nextid, max > 0xffffffffUL ? 0xffffffffUL : max, gfp);
    if (id < 0)
        return (int)id;
    *nextid = (u32)id;
    return 0;
}
KERNEL_EXPORT(idr_alloc_u32);

/* The slot holding id, or NULL. */
static struct ark_idr_slot *slot_of(const struct idr *idr, unsigned long id)
{
    unsigned int i = lower_bound(idr, id);
    return i < idr->ark_count && idr->ark_slots[i].id == id ? &idr->ark_slots[i] : NULL;
}

void *idr_find(const struct idr *idr, unsigned long id)
{
    struct ark_idr_slot *s = slot_of(idr, id);
    return s ? s->ptr : NULL;
}
KERNEL_EXPORT(idr_find);

void *idr_remove(struct idr *idr, unsigned long id)
{
    struct ark_idr_slot *s = slot_of(idr, id);
    if (!s)
        return NULL;
    void *ptr = s->ptr;
    unsigned int at = (unsigned int)(s - idr->ark_slots);
    memmove(s, s + 1, (idr->ark_count - at - 1) * sizeof(*s));
    idr->ark_count--;
    return ptr;
}
KERNEL_EXPORT(idr_remove);

void *idr_replace(struct idr *idr, void *ptr, unsigned long id)
{
    struct ark_idr_slot *s = slot_of(idr, id);
    if (!s)
        return ERR_PTR(-ENOENT);
    void *old = s->ptr;
    s->ptr = ptr;
    return old;
}
KERNEL_EXPORT(idr_replace);

int idr_for_each(const struct idr *idr, int (*fn)(int id, void *p, void *data), void *data)
{
    for (unsigned int i = 0; i < idr->ark_count; i++) {
        if (!idr->ark_slots[i].ptr)
            continue;
        int rc = fn((int)idr->ark_slots[i].id, idr->ark_slots[i].ptr, data);
        if (rc)
            return rc;
    }
    return 0;
}
KERNEL_EXPORT(idr_for_each);

void *idr_get_next_ul(struct idr *idr, unsigned long *nextid)
{
    for (unsigned int i = lower_bound(idr, *nextid); i < idr->ark_count; i++)
        if (idr->ark_slots[i].ptr) {        /* reserved ids (NULL) are skipped, as on Linux */
            *nextid = idr->ark_slots[i].id;
            return idr->ark_slots[i].ptr;
        }
    return NULL;
}
KERNEL_EXPORT(idr_get_next_ul);

void *idr_get_next(struct idr *idr, int *nextid)
{
    if (*nextid < 0)
        return NULL;
    unsigned long id = (unsigned long)*nextid;
    void *p = idr_get_next_ul(idr, &id);
    if (p)
        *nextid = (int)id;
    return p;
}
KERNEL_EXPORT(idr_get_next);

void idr_destroy(struct idr *idr)
{
    kfree(idr->ark_slots);
    idr->ark_slots = NULL;
    idr->ark_count = idr->ark_cap = 0;
}
KERNEL_EXPORT(idr_destroy);

/* ---- ida: the ids alone; the pointer is a marker that the id is taken ---- */

int ida_alloc_range(struct ida *ida, unsigned int min, unsigned int max, gfp_t gfp)
{
    if (max > (unsigned int)INT_MAX)
        max = (unsigned int)INT_MAX;   /* ids are returned as int */
    unsigned long flags;
    spin_lock_irqsave(&ida->ark_lock, flags);
    long id = alloc_range(&ida->ark_ids, ida, min, max, gfp);
    spin_unlock_irqrestore(&ida->ark_lock, flags);
    return (int)id;
}
KERNEL_EXPORT(ida_alloc_range);

void ida_free(struct ida *ida, unsigned int id)
{
    unsigned long flags;
    spin_lock_irqsave(&ida->ark_lock, flags);
    void *was = idr_remove(&ida->ark_ids, id);
    spin_unlock_irqrestore(&ida->ark_lock, flags);
    if (!was)
        printk(KERN_WARNING "ida: %s: ida_free of id %u, which is not allocated\n",
               lx_owner_name(lx_caller_outside_irq()), id);
}
KERNEL_EXPORT(ida_free);

void ida_destroy(struct ida *ida)
{
    unsigned long flags;
    spin_lock_irqsave(&ida->ark_lock, flags);
    idr_destroy(&ida->ark_ids);
    spin_unlock_irqrestore(&ida->ark_lock, flags);
}
KERNEL_EXPORT(ida_destroy);
