/* linux/hrtimer.h — hrtimers over ark's kernel timers (ark/timer.h). Expiry times are ktime_t
 * nanoseconds, but ark's clock ticks once a millisecond, so a timer fires on the first tick at or
 * after its expiry: never early, up to 1 ms late (as Linux's hrtimers are on a machine without a
 * high-resolution clock event device). Callbacks run in interrupt context, soft and hard modes
 * alike; one that returns HRTIMER_RESTART fires again at its (forwarded) expiry. A timer belongs
 * to the module whose code handles it: its unload removes a timer the exit left armed, with a
 * warning. ark has no wall clock: CLOCK_REALTIME and CLOCK_TAI timers count the monotonic clock. */
#ifndef _LINUX_HRTIMER_H
#define _LINUX_HRTIMER_H
#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/ktime.h>
#include <linux/stddef.h>

#ifndef CLOCK_REALTIME
typedef int clockid_t;
#define CLOCK_REALTIME  0
#define CLOCK_MONOTONIC 1
#define CLOCK_BOOTTIME  7
#define CLOCK_TAI       11
#endif

enum hrtimer_restart { HRTIMER_NORESTART, HRTIMER_RESTART };

enum hrtimer_mode {
    HRTIMER_MODE_ABS = 0x00,
    HRTIMER_MODE_REL = 0x01,
    HRTIMER_MODE_PINNED = 0x02,
    HRTIMER_MODE_SOFT = 0x04,
    HRTIMER_MODE_HARD = 0x08,
    HRTIMER_MODE_ABS_PINNED = HRTIMER_MODE_ABS | HRTIMER_MODE_PINNED,
    HRTIMER_MODE_REL_PINNED = HRTIMER_MODE_REL | HRTIMER_MODE_PINNED,
    HRTIMER_MODE_ABS_SOFT = HRTIMER_MODE_ABS | HRTIMER_MODE_SOFT,
    HRTIMER_MODE_REL_SOFT = HRTIMER_MODE_REL | HRTIMER_MODE_SOFT,
    HRTIMER_MODE_ABS_PINNED_SOFT = HRTIMER_MODE_ABS_PINNED | HRTIMER_MODE_SOFT,
    HRTIMER_MODE_REL_PINNED_SOFT = HRTIMER_MODE_REL_PINNED | HRTIMER_MODE_SOFT,
    HRTIMER_MODE_ABS_HARD = HRTIMER_MODE_ABS | HRTIMER_MODE_HARD,
    HRTIMER_MODE_REL_HARD = HRTIMER_MODE_REL | HRTIMER_MODE_HARD,
    HRTIMER_MODE_ABS_PINNED_HARD = HRTIMER_MODE_ABS_PINNED | HRTIMER_MODE_HARD,
    HRTIMER_MODE_REL_PINNED_HARD = HRTIMER_MODE_REL_PINNED | HRTIMER_MODE_HARD,
};

struct ark_timer;

struct hrtimer_node {
    ktime_t expires;
};

struct hrtimer {
    struct hrtimer_node node;          /* node.expires: when it fires */
    ktime_t _softexpires;              /* the start of its range; ark fires at node.expires */
    enum hrtimer_restart (*function)(struct hrtimer *);
    clockid_t clockid;
    /* ark's bookkeeping (not Linux API) */
    struct ark_timer *ark_timer;       /* made by hrtimer_init */
    void (*ark_entry)(void *);         /* the module's callback entry */
    volatile int ark_pending;          /* armed and not yet fired */
    volatile int ark_running;          /* its function is executing now */
};

/* Re-arms t at node.expires after its callback returned HRTIMER_RESTART (interrupt context). */
void ark_linux_hrtimer_restart(struct hrtimer *t);

/* The callback entry in the module's code (so the kernel timer belongs to the module). */
static inline void __ark_hrtimer_entry(void *arg)
{
    struct hrtimer *t = (struct hrtimer *)arg;
    __atomic_store_n(&t->ark_running, 1, __ATOMIC_SEQ_CST);
    __atomic_store_n(&t->ark_pending, 0, __ATOMIC_SEQ_CST);
    if (t->function && t->function(t) == HRTIMER_RESTART)
        ark_linux_hrtimer_restart(t);
    __atomic_store_n(&t->ark_running, 0, __ATOMIC_RELEASE);
}

void ark_linux_hrtimer_init(struct hrtimer *t, clockid_t clock, enum hrtimer_mode mode,
                            void (*entry)(void *));
#define hrtimer_init(timer, clock, mode) ark_linux_hrtimer_init(timer, clock, mode, __ark_hrtimer_entry)
#define hrtimer_setup(timer, fn, clock, mode)                                              \
    do {                                                                                   \
        hrtimer_init(timer, clock, mode);                                                  \
        (timer)->function = (fn);                                                          \
    } while (0)
#define hrtimer_init_on_stack(timer, clock, mode) hrtimer_init(timer, clock, mode)
#define hrtimer_setup_on_stack(timer, fn, clock, mode) hrtimer_setup(timer, fn, clock, mode)
static inline void destroy_hrtimer_on_stack(struct hrtimer *t) { (void)t; }

/* Arms t to fire at tim (HRTIMER_MODE_ABS: a reading of its clock; _REL: from now). */
void hrtimer_start_range_ns(struct hrtimer *t, ktime_t tim, u64 range_ns, const enum hrtimer_mode mode);
static inline void hrtimer_start(struct hrtimer *t, ktime_t tim, const enum hrtimer_mode mode)
{
    hrtimer_start_range_ns(t, tim, 0, mode);
}
/* Disarms t: 1 if it was armed, 0 if not, -1 if its callback is running now. Any context. */
int hrtimer_try_to_cancel(struct hrtimer *t);
/* Disarms t and waits for its running callback: 1 if it was active. Thread context (or another
 * timer's callback). */
int hrtimer_cancel(struct hrtimer *t);

static inline ktime_t hrtimer_cb_get_time(const struct hrtimer *t) { (void)t; return ktime_get(); }
static inline ktime_t hrtimer_get_expires(const struct hrtimer *t) { return t->node.expires; }
static inline ktime_t hrtimer_get_softexpires(const struct hrtimer *t) { return t->_softexpires; }
static inline s64 hrtimer_get_expires_ns(const struct hrtimer *t) { return t->node.expires; }
static inline void hrtimer_set_expires(struct hrtimer *t, ktime_t time)
{
    t->node.expires = time;
    t->_softexpires = time;
}
static inline void hrtimer_set_expires_range_ns(struct hrtimer *t, ktime_t time, u64 delta)
{
    t->_softexpires = time;
    t->node.expires = ktime_add_ns(time, delta);
}
static inline void hrtimer_add_expires(struct hrtimer *t, ktime_t time)
{
    t->node.expires = ktime_add(t->node.expires, time);
    t->_softexpires = ktime_add(t->_softexpires, time);
}
static inline void hrtimer_add_expires_ns(struct hrtimer *t, u64 ns)
{
    hrtimer_add_expires(t, (ktime_t)ns);
}
static inline void hrtimer_start_expires(struct hrtimer *t, enum hrtimer_mode mode)
{
    hrtimer_start_range_ns(t, t->_softexpires, (u64)(t->node.expires - t->_softexpires),
                           (enum hrtimer_mode)(mode & ~HRTIMER_MODE_REL));
}
static inline ktime_t hrtimer_expires_remaining(const struct hrtimer *t)
{
    return ktime_sub(t->node.expires, ktime_get());
}
static inline ktime_t hrtimer_get_remaining(const struct hrtimer *t) { return hrtimer_expires_remaining(t); }
static inline bool hrtimer_is_queued(const struct hrtimer *t) { return READ_ONCE(t->ark_pending) != 0; }
static inline bool hrtimer_callback_running(const struct hrtimer *t) { return READ_ONCE(t->ark_running) != 0; }
static inline bool hrtimer_active(const struct hrtimer *t)
{
    return hrtimer_is_queued(t) || hrtimer_callback_running(t);
}
static inline bool hrtimer_is_hres_active(const struct hrtimer *t) { (void)t; return false; }

/* Moves the expiry forward by whole intervals until it is after now: how many it moved. */
u64 hrtimer_forward(struct hrtimer *t, ktime_t now, ktime_t interval);
static inline u64 hrtimer_forward_now(struct hrtimer *t, ktime_t interval)
{
    return hrtimer_forward(t, ktime_get(), interval);
}

/* The resolution ark's hrtimers have. */
#define hrtimer_resolution ((unsigned int)NSEC_PER_MSEC)
#endif
