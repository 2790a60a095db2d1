/* linux/rcupdate.h — RCU: readers that take no lock, and writers that publish a new version of the
 * data and free the old one only after a grace period, once no reader can still see it.
 * ark's readers are non-preemptible sections (rcu_read_lock stops preemption, as Linux's
 * non-preemptible RCU does); a grace period ends when every CPU has passed through a point
 * outside any reader. ark has one CPU, so a thread that may sleep is such a point itself, and
 * synchronize_rcu waits only for readers that broke the rule and slept (each is warned about).
 * call_rcu callbacks run later in thread context on the kernel's worker, a module's through its
 * fault containment; a module's unload first runs whatever it left queued. */
#ifndef _LINUX_RCUPDATE_H
#define _LINUX_RCUPDATE_H
#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/lockdep.h>
#include <linux/kernel.h>
#include <linux/stddef.h>

#ifndef _LINUX_RCU_HEAD_DEFINED
#define _LINUX_RCU_HEAD_DEFINED
struct callback_head {
    struct callback_head *next;
    void (*func)(struct callback_head *head);
} __attribute__((aligned(sizeof(void *))));
#define rcu_head callback_head
typedef void (*rcu_callback_t)(struct rcu_head *head);
#endif

void ark_linux_rcu_read_lock(void);
void ark_linux_rcu_read_unlock(void);
int ark_linux_rcu_read_lock_held(void);

static inline void rcu_read_lock(void) { ark_linux_rcu_read_lock(); }
static inline void rcu_read_unlock(void) { ark_linux_rcu_read_unlock(); }
/* With interrupts, bottom halves or preemption off a reader is as safe: all are one kind here. */
static inline void rcu_read_lock_bh(void) { ark_linux_rcu_read_lock(); }
static inline void rcu_read_unlock_bh(void) { ark_linux_rcu_read_unlock(); }
static inline void rcu_read_lock_sched(void) { ark_linux_rcu_read_lock(); }
static inline void rcu_read_unlock_sched(void) { ark_linux_rcu_read_unlock(); }
static inline int rcu_read_lock_held(void) { return ark_linux_rcu_read_lock_held(); }
static inline int rcu_read_lock_bh_held(void) { return ark_linux_rcu_read_lock_held(); }
static inline int rcu_read_lock_sched_held(void) { return ark_linux_rcu_read_lock_held(); }
static inline int rcu_read_lock_any_held(void) { return ark_linux_rcu_read_lock_held(); }

/* Waits until every reader that started before the call has ended. Thread context, outside any
 * reader. */
void synchronize_rcu(void);
#define synchronize_rcu_expedited() synchronize_rcu()
#define synchronize_sched()         synchronize_rcu()
#define synchronize_rcu_bh()        synchronize_rcu()
/* func(head) runs after a grace period, in thread context. Any context. */
void call_rcu(struct rcu_head *head, rcu_callback_t func);
#define call_rcu_hurry(head, func) call_rcu(head, func)
/* Waits until every callback queued before it has run. Thread context. */
void rcu_barrier(void);

/* kfree_rcu(ptr, field): kfree(ptr) after a grace period; field is ptr's struct rcu_head. The
 * offset of the head takes the callback's place, as no callback lies in the first page. */
void ark_linux_kvfree_call_rcu(struct rcu_head *head, void *ptr);
#define __ark_kfree_rcu2(ptr, rhf)                                                          \
    do {                                                                                    \
        __typeof__(ptr) ___p = (ptr);                                                       \
        BUILD_BUG_ON(offsetof(__typeof__(*(ptr)), rhf) >= 4096);                            \
        if (___p)                                                                           \
            ark_linux_kvfree_call_rcu(&___p->rhf, ___p);                                    \
    } while (0)
/* Without a head: waits for a grace period, then frees (so it may sleep). */
void ark_linux_kvfree_rcu_mightsleep(void *ptr);
#define __ark_kfree_rcu1(ptr) ark_linux_kvfree_rcu_mightsleep(ptr)
#define __ark_kfree_rcu_pick(_1, _2, name, ...) name
#define kfree_rcu(...) __ark_kfree_rcu_pick(__VA_ARGS__, __ark_kfree_rcu2, __ark_kfree_rcu1, )(__VA_ARGS__)
#define kvfree_rcu(...) kfree_rcu(__VA_ARGS__)
#define kfree_rcu_mightsleep(ptr) ark_linux_kvfree_rcu_mightsleep(ptr)
#define kvfree_rcu_mightsleep(ptr) ark_linux_kvfree_rcu_mightsleep(ptr)

/* ---- pointers readers follow ----
 * Publishing stores with release ordering, so a reader that sees the pointer sees what it points
 * to initialised; reading loads with acquire ordering (x86 orders loads anyway: it costs nothing). */
#define rcu_assign_pointer(p, v) __atomic_store_n(&(p), (v), __ATOMIC_RELEASE)
#define RCU_INIT_POINTER(p, v)   WRITE_ONCE(p, v)
#define RCU_INITIALIZER(v)       (v)
#define rcu_dereference(p)       __atomic_load_n(&(p), __ATOMIC_ACQUIRE)
#define rcu_dereference_bh(p)    rcu_dereference(p)
#define rcu_dereference_sched(p) rcu_dereference(p)
#define rcu_dereference_raw(p)   rcu_dereference(p)
#define rcu_dereference_check(p, c)     ((void)(c), rcu_dereference(p))
#define rcu_dereference_bh_check(p, c)  rcu_dereference_check(p, c)
#define rcu_dereference_protected(p, c) ((void)(c), READ_ONCE(p))
#define rcu_access_pointer(p)    READ_ONCE(p)
#define rcu_pointer_handoff(p)   (p)
/* Publishes v in place of the old pointer, which it returns (the caller holds the update lock). */
#define rcu_replace_pointer(rcu_ptr, ptr, c)                                                \
    ({                                                                                      \
        __typeof__(ptr) __old = rcu_dereference_protected((rcu_ptr), (c));                  \
        rcu_assign_pointer((rcu_ptr), (ptr));                                               \
        __old;                                                                              \
    })
#define rcu_head_init(head)      ((void)(head))

#endif
