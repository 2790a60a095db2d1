/* linux/interrupt.h — interrupt handlers (request_irq/free_irq on ark's ISA lines 0-15 and the
 * simulated GPIO controller's lines from gpio_to_irq, shared with IRQF_SHARED) and tasklets. A
 * tasklet runs in the kernel's worker thread, in the order it was scheduled, never twice at once;
 * spin_lock_bh keeps it off the CPU as on Linux. Handlers and tasklets belong to the module whose
 * code they run: its unload removes what its exit forgot. */
#ifndef _LINUX_INTERRUPT_H
#define _LINUX_INTERRUPT_H
#include <linux/types.h>
#include <linux/irqflags.h>
#include <linux/compiler.h>
#include <linux/atomic.h>
#include <linux/stddef.h>
#include <linux/sched.h>
#include "ark/workqueue.h"

enum irqreturn {
    IRQ_NONE        = 0,
    IRQ_HANDLED     = 1 << 0,
    IRQ_WAKE_THREAD = 1 << 1,
};
typedef enum irqreturn irqreturn_t;
#define IRQ_RETVAL(x) ((x) ? IRQ_HANDLED : IRQ_NONE)
typedef irqreturn_t (*irq_handler_t)(int irq, void *dev_id);

#define IRQF_TRIGGER_NONE    0x00000000
#define IRQF_TRIGGER_RISING  0x00000001
#define IRQF_TRIGGER_FALLING 0x00000002
#define IRQF_TRIGGER_HIGH    0x00000004
#define IRQF_TRIGGER_LOW     0x00000008
#define IRQF_TRIGGER_MASK    (IRQF_TRIGGER_HIGH | IRQF_TRIGGER_LOW | IRQF_TRIGGER_RISING | IRQF_TRIGGER_FALLING)
#define IRQF_SHARED          0x00000080
#define IRQF_PROBE_SHARED    0x00000100
#define IRQF_TIMER           0x00000200
#define IRQF_PERCPU          0x00000400
#define IRQF_NOBALANCING     0x00000800
#define IRQF_IRQPOLL         0x00001000
#define IRQF_ONESHOT         0x00002000
#define IRQF_NO_SUSPEND      0x00004000
#define IRQF_NO_THREAD       0x00010000

/* One request, as the kernel keeps it; the entries below read it. */
struct ark_linux_irqaction {
    irq_handler_t handler;             /* NULL for a threaded request: always wake the thread */
    void *dev_id;
    irq_handler_t thread_fn;           /* a threaded request's, run in the thread irq/N-NAME */
    unsigned int irq;
};
/* The kernel's side of a threaded handler: wake its thread (from the handler), sleep until woken
 * (false: stop), and the end of one run of thread_fn. */
void ark_linux_irq_wake_thread(struct ark_linux_irqaction *a);
bool ark_linux_irq_thread_wait(struct ark_linux_irqaction *a);
void ark_linux_irq_thread_done(struct ark_linux_irqaction *a);
/* The entries in the module's code, so that the kernel's handler and the line's thread belong to
 * the module by construction. */
static inline void __ark_irq_entry(int irq, void *arg)
{
    struct ark_linux_irqaction *a = (struct ark_linux_irqaction *)arg;
    irqreturn_t r = a->handler ? a->handler(irq, a->dev_id) : IRQ_WAKE_THREAD;
    if ((r & IRQ_WAKE_THREAD) && a->thread_fn)
        ark_linux_irq_wake_thread(a);
}
static inline int __ark_irq_thread_entry(void *arg)
{
    struct ark_linux_irqaction *a = (struct ark_linux_irqaction *)arg;
    while (ark_linux_irq_thread_wait(a)) {
        (void)a->thread_fn((int)a->irq, a->dev_id);
        ark_linux_irq_thread_done(a);
    }
    return 0;
}
int ark_linux_request_threaded_irq(unsigned int irq, irq_handler_t handler,
                                   irq_handler_t thread_fn, unsigned long flags, const char *name,
                                   void *dev_id, void (*entry)(int, void *),
                                   int (*thread_entry)(void *));
int ark_linux_request_irq(unsigned int irq, irq_handler_t handler, unsigned long flags,
                          const char *name, void *dev_id, void (*entry)(int, void *));
/* 0, or -EINVAL (no such line, no handler, IRQF_SHARED without dev_id), -EBUSY (the line has a
 * handler and one of the two is not IRQF_SHARED), -ENOMEM. */
#define request_irq(irq, handler, flags, name, dev) \
    ark_linux_request_threaded_irq(irq, handler, NULL, flags, name, dev, __ark_irq_entry, NULL)
#define request_any_context_irq(irq, handler, flags, name, dev) request_irq(irq, handler, flags, name, dev)
/* handler runs in interrupt context; when it returns IRQ_WAKE_THREAD (or is NULL, which needs
 * IRQF_ONESHOT), thread_fn runs in the line's kernel thread. With IRQF_ONESHOT the line stays
 * masked until thread_fn has returned. */
#define request_threaded_irq(irq, handler, thread_fn, flags, name, dev)                      \
    ark_linux_request_threaded_irq(irq, handler, thread_fn, flags, name, dev, __ark_irq_entry, \
                                   __ark_irq_thread_entry)
/* The managed forms: the handler is freed with the device's managed resources (after remove, or
 * after a failed probe); a NULL name stands for the device's. */
struct device;
int ark_linux_devm_request_threaded_irq(struct device *dev, unsigned int irq, irq_handler_t handler,
                                        irq_handler_t thread_fn, unsigned long flags, const char *name,
                                        void *dev_id, void (*entry)(int, void *),
                                        int (*thread_entry)(void *));
#define devm_request_irq(dev, irq, handler, flags, name, dev_id) \
    ark_linux_devm_request_threaded_irq(dev, irq, handler, NULL, flags, name, dev_id, __ark_irq_entry, NULL)
#define devm_request_threaded_irq(dev, irq, handler, thread_fn, flags, name, dev_id)          \
    ark_linux_devm_request_threaded_irq(dev, irq, handler, thread_fn, flags, name, dev_id,     \
                                        __ark_irq_entry, __ark_irq_thread_entry)
#define devm_request_any_context_irq(dev, irq, handler, flags, name, dev_id) \
    devm_request_irq(dev, irq, handler, flags, name, dev_id)
/* Frees early what devm_request_irq took. */
void devm_free_irq(struct device *dev, unsigned int irq, void *dev_id);
/* Removes the handler registered with dev_id on irq (stopping its thread); its name, or NULL. */
const void *free_irq(unsigned int irq, void *dev_id);
/* Masks the line (nested: as many enable_irq calls unmask it again); disable_irq also waits for
 * the line's threaded handlers to finish. enable_irq without a disable warns. */
void disable_irq(unsigned int irq);
void disable_irq_nosync(unsigned int irq);
void enable_irq(unsigned int irq);
/* Waits until no threaded handler of irq is running or woken. One CPU: no hard handler runs while
 * thread context does. */
void synchronize_irq(unsigned int irq);
#define local_bh_disable() do { } while (0)
#define local_bh_enable()  do { } while (0)

/* ---- tasklets ---- */
struct tasklet_struct {
    struct tasklet_struct *next;
    unsigned long state;
    atomic_t count;                    /* > 0: disabled */
    bool use_callback;
    union {
        void (*func)(unsigned long data);
        void (*callback)(struct tasklet_struct *t);
    };
    unsigned long data;
    /* ark's bookkeeping (not Linux API) */
    struct ark_work ark;
    int ark_deferred;                  /* scheduled while disabled: tasklet_enable queues it */
};
#define TASKLET_STATE_SCHED 0
#define TASKLET_STATE_RUN   1

static inline void __ark_tasklet_run(struct tasklet_struct *t)
{
    __atomic_or_fetch(&t->state, 1ul << TASKLET_STATE_RUN, __ATOMIC_SEQ_CST);
    if (t->use_callback)
        t->callback(t);
    else
        t->func(t->data);
    __atomic_and_fetch(&t->state, ~(1ul << TASKLET_STATE_RUN), __ATOMIC_SEQ_CST);
}
/* The entry in the module's code. A disabled tasklet is left for tasklet_enable: whichever of the
 * two takes the deferred mark runs (or queues) it, so the run is never lost nor doubled. */
static inline void __ark_tasklet_entry(struct ark_work *w)
{
    struct tasklet_struct *t = container_of(w, struct tasklet_struct, ark);
    if (atomic_read(&t->count)) {
        __atomic_store_n(&t->ark_deferred, 1, __ATOMIC_SEQ_CST);
        if (atomic_read(&t->count) || !__atomic_exchange_n(&t->ark_deferred, 0, __ATOMIC_SEQ_CST))
            return;
    }
    __ark_tasklet_run(t);
}

#define __ARK_TASKLET_WORK(name) ARK_WORK_INIT((name).ark, __ark_tasklet_entry)
#define DECLARE_TASKLET(name, _callback) \
    struct tasklet_struct name = { .count = ATOMIC_INIT(0), .use_callback = true, \
                                   .callback = (_callback), .ark = __ARK_TASKLET_WORK(name) }
#define DECLARE_TASKLET_DISABLED(name, _callback) \
    struct tasklet_struct name = { .count = ATOMIC_INIT(1), .use_callback = true, \
                                   .callback = (_callback), .ark = __ARK_TASKLET_WORK(name) }
#define DECLARE_TASKLET_OLD(name, _func) \
    struct tasklet_struct name = { .count = ATOMIC_INIT(0), .func = (_func), \
                                   .ark = __ARK_TASKLET_WORK(name) }
#define DECLARE_TASKLET_DISABLED_OLD(name, _func) \
    struct tasklet_struct name = { .count = ATOMIC_INIT(1), .func = (_func), \
                                   .ark = __ARK_TASKLET_WORK(name) }
#define from_tasklet(var, callback_tasklet, tasklet_fieldname) \
    container_of(callback_tasklet, __typeof__(*var), tasklet_fieldname)

static inline void tasklet_init(struct tasklet_struct *t, void (*func)(unsigned long), unsigned long data)
{
    t->next = NULL;
    t->state = 0;
    atomic_set(&t->count, 0);
    t->use_callback = false;
    t->func = func;
    t->data = data;
    t->ark_deferred = 0;
    ark_work_init(&t->ark, __ark_tasklet_entry);
}
static inline void tasklet_setup(struct tasklet_struct *t, void (*callback)(struct tasklet_struct *))
{
    tasklet_init(t, NULL, 0);
    t->use_callback = true;
    t->callback = callback;
}
/* Any context. Scheduling a tasklet already scheduled does nothing. */
static inline void tasklet_schedule(struct tasklet_struct *t) { (void)ark_work_queue(&t->ark); }
static inline void tasklet_hi_schedule(struct tasklet_struct *t) { (void)ark_work_queue(&t->ark); }
static inline void tasklet_disable_nosync(struct tasklet_struct *t)
{
    atomic_inc(&t->count);
    smp_mb__after_atomic();
}
/* Also waits for a run in progress to end (thread context). */
static inline void tasklet_disable(struct tasklet_struct *t)
{
    tasklet_disable_nosync(t);
    ark_work_flush(&t->ark);
}
#define tasklet_disable_in_atomic(t) tasklet_disable_nosync(t)
static inline void tasklet_enable(struct tasklet_struct *t)
{
    if (atomic_dec_and_test(&t->count) && __atomic_exchange_n(&t->ark_deferred, 0, __ATOMIC_SEQ_CST))
        (void)ark_work_queue(&t->ark);
}
/* Waits until t has run if it is scheduled, and is not running (thread context); a disabled
 * tasklet's pending run is dropped. */
static inline void tasklet_kill(struct tasklet_struct *t)
{
    ark_work_flush(&t->ark);
    __atomic_store_n(&t->ark_deferred, 0, __ATOMIC_SEQ_CST);
}
static inline void tasklet_unlock_wait(struct tasklet_struct *t) { ark_work_flush(&t->ark); }
#endif
