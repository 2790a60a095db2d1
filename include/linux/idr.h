/* linux/idr.h — ID allocators. An IDR maps small integer IDs to pointers: idr_alloc hands out the
 * lowest free ID in a range and stores the pointer, idr_find looks it up; the caller locks an IDR
 * that several threads change, as on Linux. An IDA hands out IDs alone (minor numbers, instance
 * numbers) and locks itself. Both keep their IDs in one sorted array, so memory follows the
 * number of IDs in use, not their size. */
#ifndef _LINUX_IDR_H
#define _LINUX_IDR_H
#include <linux/types.h>
#include <linux/gfp.h>
#include <linux/err.h>
#include <linux/limits.h>
#include <linux/spinlock.h>

struct ark_idr_slot;

struct idr {
    struct ark_idr_slot *ark_slots;    /* sorted by id */
    unsigned int ark_count, ark_cap;
    unsigned int idr_base;             /* the lowest id it hands out */
    unsigned int idr_next;             /* where idr_alloc_cyclic looks first */
};
#define IDR_INIT_BASE(name, base) { NULL, 0, 0, (base), 0 }
#define IDR_INIT(name) IDR_INIT_BASE(name, 0)
#define DEFINE_IDR(name) struct idr name = IDR_INIT(name)
static inline void idr_init_base(struct idr *idr, int base)
{
    idr->ark_slots = NULL;
    idr->ark_count = idr->ark_cap = 0;
    idr->idr_base = (unsigned int)base;
    idr->idr_next = 0;
}
static inline void idr_init(struct idr *idr) { idr_init_base(idr, 0); }
static inline void idr_preload(gfp_t gfp) { (void)gfp; }
static inline void idr_preload_end(void) { }

/* Stores ptr (NULL reserves the id) at the lowest free id in [start, end) (end <= 0: no upper
 * bound): the id, -ENOSPC when the range is full, -ENOMEM, -EINVAL for start < 0. */
int idr_alloc(struct idr *idr, void *ptr, int start, int end, gfp_t gfp);
/* The same, searching from the id after the last one handed out, then wrapping to start. */
int idr_alloc_cyclic(struct idr *idr, void *ptr, int start, int end, gfp_t gfp);
/* The lowest free id in [*nextid, max] into *nextid: 0, -ENOSPC or -ENOMEM. */
int idr_alloc_u32(struct idr *idr, void *ptr, u32 *nextid, unsigned long max, gfp_t gfp);
void *idr_find(const struct idr *idr, unsigned long id);
/* Frees id: the pointer it held, NULL if none. */
void *idr_remove(struct idr *idr, unsigned long id);
/* Stores ptr at an id in use: the old pointer, or ERR_PTR(-ENOENT). */
void *idr_replace(struct idr *idr, void *ptr, unsigned long id);
/* fn(id, ptr, data) for each id that holds a pointer, in order, until fn returns non-zero. */
int idr_for_each(const struct idr *idr, int (*fn)(int id, void *p, void *data), void *data);
/* The first pointer at an id >= *nextid, which is set to its id; NULL when there is none. */
void *idr_get_next(struct idr *idr, int *nextid);
void *idr_get_next_ul(struct idr *idr, unsigned long *nextid);
void idr_destroy(struct idr *idr);
static inline bool idr_is_empty(const struct idr *idr) { return idr->ark_count == 0; }
#define idr_for_each_entry(idr, entry, id) \
    for ((id) = 0; ((entry) = idr_get_next((idr), &(id))) != NULL; (id) += 1U)
#define idr_for_each_entry_ul(idr, entry, tmp, id) \
    for ((id) = 0, (tmp) = 0; ((entry) = idr_get_next_ul((idr), &(id))) != NULL; (id) += 1U)
#define idr_for_each_entry_continue(idr, entry, id) \
    for ((entry) = idr_get_next((idr), &(id)); (entry); (id) += 1U, (entry) = idr_get_next((idr), &(id)))

struct ida {
    struct idr ark_ids;
    spinlock_t ark_lock;
};
#define IDA_INIT(name) { IDR_INIT((name).ark_ids), __SPIN_LOCK_UNLOCKED((name).ark_lock) }
#define DEFINE_IDA(name) struct ida name = IDA_INIT(name)
static inline void ida_init(struct ida *ida)
{
    idr_init(&ida->ark_ids);
    spin_lock_init(&ida->ark_lock);
}
/* The lowest free id in [min, max]: the id, -ENOSPC or -ENOMEM. Any context (GFP_ATOMIC). */
int ida_alloc_range(struct ida *ida, unsigned int min, unsigned int max, gfp_t gfp);
static inline int ida_alloc(struct ida *ida, gfp_t gfp) { return ida_alloc_range(ida, 0, ~0U, gfp); }
static inline int ida_alloc_min(struct ida *ida, unsigned int min, gfp_t gfp) { return ida_alloc_range(ida, min, ~0U, gfp); }
static inline int ida_alloc_max(struct ida *ida, unsigned int max, gfp_t gfp) { return ida_alloc_range(ida, 0, max, gfp); }
/* Frees id; one not allocated is a bug, reported. */
void ida_free(struct ida *ida, unsigned int id);
void ida_destroy(struct ida *ida);
static inline bool ida_is_empty(const struct ida *ida) { return idr_is_empty(&ida->ark_ids); }
/* The older names: end is exclusive, 0 for none. */
#define ida_simple_get(ida, start, end, gfp) \
    ida_alloc_range((ida), (start), (end) ? (unsigned int)(end) - 1 : ~0U, (gfp))
#define ida_simple_remove(ida, id) ida_free((ida), (id))
#endif
