/* linux/timer.h — timer_list over ark's kernel timers (ark/timer.h): expires is in jiffies
 * (milliseconds), the function runs in interrupt context with the timer_list as its argument and
 * may re-arm it (mod_timer) or delete it. del_timer_sync also waits for a running callback and
 * releases the kernel's timer, so the timer_list may then be freed. A timer belongs to the module
 * whose code handles it: its unload removes what the module's exit forgot, with a warning. */
#ifndef _LINUX_TIMER_H
#define _LINUX_TIMER_H
#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/jiffies.h>
#include <linux/stddef.h>

struct ark_timer;

struct timer_list {
    unsigned long expires;
    void (*function)(struct timer_list *);
    u32 flags;
    /* ark's bookkeeping (not Linux API) */
    struct ark_timer *ark_timer;       /* created on first use; NULL after del_timer_sync */
    void (*ark_entry)(void *);         /* the module's callback entry */
    volatile int ark_pending;          /* armed and not yet fired */
    volatile int ark_running;          /* its function is executing now */
};

#define TIMER_DEFERRABLE 0x00080000
#define TIMER_PINNED     0x00100000
#define TIMER_IRQSAFE    0x00200000

/* The callback entry in the module's code (so the kernel timer belongs to the module). */
static inline void __ark_timer_entry(void *arg)
{
    struct timer_list *t = (struct timer_list *)arg;
    __atomic_store_n(&t->ark_running, 1, __ATOMIC_SEQ_CST);
    __atomic_store_n(&t->ark_pending, 0, __ATOMIC_SEQ_CST);
    t->function(t);
    __atomic_store_n(&t->ark_running, 0, __ATOMIC_RELEASE);
}

#define __TIMER_INITIALIZER(fn, fl) { 0, (fn), (fl), NULL, __ark_timer_entry, 0, 0 }
#define DEFINE_TIMER(name, fn) struct timer_list name = __TIMER_INITIALIZER(fn, 0)

/* Prepares t; the kernel timer behind it is made here when memory allows, else on mod_timer. */
void ark_linux_timer_setup(struct timer_list *t, void (*fn)(struct timer_list *), unsigned int flags,
                           void (*entry)(void *));
#define timer_setup(timer, callback, flags) \
    ark_linux_timer_setup(timer, callback, flags, __ark_timer_entry)
#define timer_setup_on_stack(timer, callback, flags) timer_setup(timer, callback, flags)
static inline void destroy_timer_on_stack(struct timer_list *t) { (void)t; }
#define from_timer(var, callback_timer, timer_fieldname) \
    container_of(callback_timer, __typeof__(*var), timer_fieldname)

/* (Re)arms t to fire at expires: 1 if it was pending, 0 if not. */
int mod_timer(struct timer_list *t, unsigned long expires);
int mod_timer_pending(struct timer_list *t, unsigned long expires);
int timer_reduce(struct timer_list *t, unsigned long expires);
void add_timer(struct timer_list *t);
/* Disarms t: 1 if it was pending. Any context. */
int del_timer(struct timer_list *t);
/* Disarms t, waits for its running callback and frees the kernel's timer: 1 if it was pending.
 * Thread context (or the callback of another timer). */
int del_timer_sync(struct timer_list *t);
#define timer_delete(t)            del_timer(t)
#define timer_delete_sync(t)       del_timer_sync(t)
#define timer_shutdown(t)          del_timer(t)
#define timer_shutdown_sync(t)     del_timer_sync(t)
static inline int timer_pending(const struct timer_list *t) { return READ_ONCE(t->ark_pending) != 0; }
#endif
