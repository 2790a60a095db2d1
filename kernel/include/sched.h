/* sched.h — the scheduler: threads (every process has one; kernel threads have no process), the
 * run queue, sleeping and waking, preemption on the timer tick, and the kernel lock. The locking
 * rules are written at the top of ark/sync.h. */
#ifndef KERNEL_SCHED_H
#define KERNEL_SCHED_H

#include "ark/sync.h"
#include "ark/thread.h"
#include "ark/types.h"

#define SCHED_QUANTUM_MS 10u            /* a thread runs this long before others get a turn */

enum thread_state {
    THREAD_RUNNABLE,                    /* running, or in the run queue */
    THREAD_SLEEPING,
    THREAD_DEAD,                        /* finished; its stack is gone */
};

struct process;
struct kmod;

struct ark_thread {
    uint32_t saved_esp;                 /* while switched away */
    ark_pid_t tid;                      /* a process's thread has the process's pid */
    char name[ARK_THREAD_NAME_MAX];
    volatile enum thread_state state;
    bool sleep_killable;                /* the current sleep ends on a kill signal */
    bool is_idle;
    void *kstack;                       /* KSTACK_SIZE bytes with a guard page below */
    struct process *proc;               /* NULL for a kernel thread */
    struct kmod *owner;                 /* module a kernel thread belongs to (NULL: kernel) */
    int preempt_count;                  /* > 0: no involuntary switch */
    int rcu_nesting;                    /* RCU read-side sections entered (Linux layer) */
    bool rcu_warned;                    /* told it sleeps in one (reset when it leaves) */
    int klock_depth;                    /* kernel lock nesting */
    uint64_t wake_at;                   /* for a timed sleep, in ms of uptime */
    bool timed;                         /* in the timed-sleep list */
    struct ark_thread *rq_next;         /* run queue */
    struct ark_thread *timed_next;      /* timed-sleep list, earliest first */
    struct ark_thread *klock_next;      /* kernel lock waiters */
    bool klock_queued;
    struct ark_list all;                /* every thread, for ps */
    /* kernel threads (kthread.c) */
    ark_thread_fn fn;
    void *arg;
    int result;
    bool started, should_stop, exited;
    struct ark_wait_queue exit_wait;
    struct ark_list owned;              /* threads of the same owner */
    void *linux_task;                   /* its struct task_struct (Linux layer), freed with it */
};

/* sched.c */
struct ark_thread *sched_current(void);
/* Allocates a thread with its kernel stack (not yet runnable); NULL when out of memory. */
struct ark_thread *sched_thread_alloc(const char *name);
void sched_thread_free(struct ark_thread *t);     /* a thread never started, or dead */
void sched_thread_unlink(struct ark_thread *t);   /* off the list ps shows */
/* Prepares t's stack to start in fn(t) (kernel threads) or in trap_return with the trap frame
 * already at the top of its stack (processes). */
void sched_thread_setup_kernel(struct ark_thread *t, void (*fn)(struct ark_thread *));
void sched_thread_setup_user(struct ark_thread *t, uint32_t frame_esp);
void sched_thread_make_runnable(struct ark_thread *t);   /* first start */
void sched_wakeup(struct ark_thread *t);         /* a sleeping t becomes runnable */
/* Sleeps until woken or, if ms >= 0, ms milliseconds passed; the caller set its state to
 * THREAD_SLEEPING (ark_wait_prepare). Returns the milliseconds left. Gives up the kernel lock
 * while asleep. */
long sched_sleep(long ms);
void schedule(void);                             /* voluntary switch (state already set) */
/* Threads switched away by their own sleep while inside an RCU read-side section, which a grace
 * period must wait for (a bug in their code, warned about when it happens). */
unsigned sched_rcu_readers_asleep(void);
struct ark_work;
/* Queues a work item of the kernel's own on the worker, whoever queues it (ark_work_queue gives an
 * item of kernel code and memory to the module whose code is running). */
bool sched_work_queue_kernel(struct ark_work *w);
void sched_exit_current(void) __attribute__((noreturn));
void sched_tick(uint64_t now_ms);                /* from the PIT interrupt */
/* At the end of an interrupt: preempt the interrupted thread if its time is up. */
void sched_irq_exit(void);
/* The same, for an interrupt that came in at eip: in module code running in the kernel, a
 * preemption gives up the kernel lock until the thread runs again. */
void sched_irq_exit_from(uintptr_t eip, bool user_mode);
void sched_irq_enter(void);
bool sched_in_interrupt(void);                   /* in an IRQ handler or timer callback */
/* Starts scheduling: the boot context becomes unused, idle and the first thread (init_fn) run. */
void sched_start(void (*init_fn)(struct ark_thread *)) __attribute__((noreturn));
void sched_preempt_disable(void);
void sched_preempt_enable(void);
/* Every thread, for ps: calls fn for each under the scheduler lock (fn must not sleep). */
void sched_for_each_thread(void (*fn)(struct ark_thread *t, void *ctx), void *ctx);
ark_pid_t sched_next_id(void);
struct sched_stats { uint64_t switches; uint64_t switch_cycles; uint64_t preemptions; };
void sched_get_stats(struct sched_stats *out);

/* klock.c — the kernel lock (see ark/sync.h, rule 5) */
void klock_acquire(void);
void klock_release(void);
int  klock_drop_all(void);                       /* releases every level; returns the depth */
void klock_retake(int depth);
bool klock_held(void);

/* kthread.c */
/* Stops and frees every kernel thread module m owns (unload); returns how many were running. */
int kthread_release_owned_by(struct kmod *m);
/* sched_proc.c: /proc/sched */
void sched_proc_init(void);
/* workqueue.c */
void workqueue_init(void);
int  work_release_owned_by(struct kmod *m);       /* cancels m's items, waits for a running one */

#endif
