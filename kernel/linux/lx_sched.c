/* lx_sched.c — linux/sched.h, kthread.h, jiffies.h and delay.h over ark's scheduler: the task
 * structure of each thread (made on first use, freed with the thread), task states and sleeping,
 * kernel threads with kthread_stop/kthread_exit and the sweep of those a module left,
 * the jiffies clock and busy waits. */
#include "sched.h"
#include "cpu.h"
#include "proc.h"
#include "kmod_weak.h"
#include "lx_internal.h"
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/err.h>
#include <linux/jiffies.h>
#include <linux/kthread.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/wait.h>

uint64_t ark_uptime_ms(void);
uint64_t dkm_tsc_to_us(uint64_t cycles) __attribute__((weak));

/* Linux kthreads not yet stopped, for the sweep at their module's unload. */
static struct task_struct *lx_kthreads;
static struct ark_mutex lx_kthread_lock = ARK_MUTEX_INIT(lx_kthread_lock);

static void task_refresh(struct task_struct *k, struct ark_thread *t)
{
    k->pid = t->tid;
    k->tgid = t->tid;
    if (!(k->flags & PF_KTHREAD))
        strscpy(k->comm, t->name, sizeof(k->comm));
}

/* The kill waiting for the thread's process, as Linux code reads it from current->pending. */
static void task_refresh_signals(struct task_struct *k, struct ark_thread *t)
{
    sigemptyset(&k->pending.signal);
    if (t->proc)
        sigaddset(&k->pending.signal, proc_kill_signal(t->proc));   /* 0 (none) adds nothing */
}

struct task_struct *ark_linux_current(void)
{
    static struct task_struct no_memory = { .comm = "?", .pid = -1, .tgid = -1 };
    struct ark_thread *t = sched_current();
    if (!t)
        return &no_memory;
    struct task_struct *k = t->linux_task;
    if (!k) {
        k = kzalloc(sizeof(*k), GFP_ATOMIC);
        if (!k)
            return &no_memory;
        k->ark_thread = t;
        k->__state = TASK_RUNNING;
        uint32_t f = irq_save();
        if (t->linux_task) {           /* an interrupt made it meanwhile */
            irq_restore(f);
            kfree(k);
            k = t->linux_task;
        } else {
            t->linux_task = k;
            irq_restore(f);
        }
    }
    task_refresh(k, t);
    task_refresh_signals(k, t);
    return k;
}
KERNEL_EXPORT(ark_linux_current);

void ark_linux_set_current_state(unsigned int state)
{
    struct ark_thread *t = sched_current();
    struct task_struct *k = ark_linux_current();
    uint32_t f = irq_save();
    k->__state = state;
    if (t) {
        t->sleep_killable = (state & (TASK_INTERRUPTIBLE | TASK_WAKEKILL)) != 0;
        t->state = state == TASK_RUNNING ? THREAD_RUNNABLE : THREAD_SLEEPING;
    }
    irq_restore(f);
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
}
KERNEL_EXPORT(ark_linux_set_current_state);

/* Sleeps for ms (< 0: until woken) if the caller marked itself asleep; a wake-up in between
 * already made it runnable, and then this returns at once. The milliseconds left. */
static long lx_sleep(long ms)
{
    struct ark_thread *t = sched_current();
    long left = ms;
    if (t && t->state == THREAD_SLEEPING)
        left = sched_sleep(ms);
    else
        ark_yield();
    ark_linux_set_current_state(TASK_RUNNING);
    return left;
}

void ark_linux_schedule(void)
{
    (void)lx_sleep(ARK_WAIT_FOREVER);
}
KERNEL_EXPORT(ark_linux_schedule);

long schedule_timeout(long timeout)
{
    if (timeout >= MAX_SCHEDULE_TIMEOUT) {
        lx_sleep(ARK_WAIT_FOREVER);
        return MAX_SCHEDULE_TIMEOUT;
    }
    if (timeout < 0) {
        printk(KERN_ERR "schedule_timeout: wrong timeout value %ld\n", timeout);
        ark_linux_set_current_state(TASK_RUNNING);
        return 0;
    }
    return lx_sleep(timeout);
}
KERNEL_EXPORT(schedule_timeout);

long schedule_timeout_interruptible(long timeout)
{
    ark_linux_set_current_state(TASK_INTERRUPTIBLE);
    return schedule_timeout(timeout);
}
KERNEL_EXPORT(schedule_timeout_interruptible);

long schedule_timeout_killable(long timeout)
{
    ark_linux_set_current_state(TASK_KILLABLE);
    return schedule_timeout(timeout);
}
KERNEL_EXPORT(schedule_timeout_killable);

long schedule_timeout_uninterruptible(long timeout)
{
    ark_linux_set_current_state(TASK_UNINTERRUPTIBLE);
    return schedule_timeout(timeout);
}
KERNEL_EXPORT(schedule_timeout_uninterruptible);

long schedule_timeout_idle(long timeout)
{
    ark_linux_set_current_state(TASK_IDLE);
    return schedule_timeout(timeout);
}
KERNEL_EXPORT(schedule_timeout_idle);

int wake_up_process(struct task_struct *k)
{
    if (!k || !k->ark_thread)
        return 0;
    struct ark_thread *t = k->ark_thread;
    if (!t->started) {
        ark_thread_start(t);
        return 1;
    }
    bool was_asleep = t->state == THREAD_SLEEPING;
    sched_wakeup(t);
    return was_asleep;
}
KERNEL_EXPORT(wake_up_process);

void ark_linux_yield(void)
{
    ark_yield();
}
KERNEL_EXPORT(ark_linux_yield);

bool ark_linux_fatal_signal_pending(struct task_struct *k)
{
    /* Only the caller's own pending kill is known to it. */
    return k && k->ark_thread == sched_current() && ark_fatal_signal_pending();
}
KERNEL_EXPORT(ark_linux_fatal_signal_pending);

bool ark_linux_in_interrupt(void)
{
    return sched_in_interrupt();
}
KERNEL_EXPORT(ark_linux_in_interrupt);

void get_task_struct(struct task_struct *k)
{
    __atomic_add_fetch(&k->ark_refs, 1, __ATOMIC_SEQ_CST);
}
KERNEL_EXPORT(get_task_struct);

void put_task_struct(struct task_struct *k)
{
    __atomic_sub_fetch(&k->ark_refs, 1, __ATOMIC_SEQ_CST);
}
KERNEL_EXPORT(put_task_struct);

/* ---- kthreads ---- */

static void kthreads_unlink(struct task_struct *k)
{
    for (struct task_struct **pp = &lx_kthreads; *pp; pp = &(*pp)->ark_next) {
        if (*pp == k) {
            *pp = k->ark_next;
            return;
        }
    }
}

struct task_struct *ark_linux_kthread_create(int (*entry)(void *), int (*threadfn)(void *), void *data,
                                             const char *namefmt, ...)
{
    if (!entry || !threadfn)
        return ERR_PTR(-EINVAL);
    struct task_struct *k = kzalloc(sizeof(*k), GFP_KERNEL);
    if (!k)
        return ERR_PTR(-ENOMEM);
    va_list ap;
    va_start(ap, namefmt);
    vsnprintf(k->comm, sizeof(k->comm), namefmt, ap);
    va_end(ap);
    k->flags = PF_KTHREAD;
    k->__state = TASK_RUNNING;
    k->ark_threadfn = threadfn;
    k->ark_data = data;
    /* entry is the module's code: the thread is the module's by construction. */
    struct ark_thread *t = ark_thread_create(entry, k, k->comm);
    if (!t) {
        kfree(k);
        return ERR_PTR(-ENOMEM);
    }
    k->ark_thread = t;
    t->linux_task = k;
    task_refresh(k, t);
    ark_mutex_lock(&lx_kthread_lock);
    k->ark_next = lx_kthreads;
    lx_kthreads = k;
    ark_mutex_unlock(&lx_kthread_lock);
    return k;
}
KERNEL_EXPORT(ark_linux_kthread_create);

int kthread_stop(struct task_struct *k)
{
    if (!k || !k->ark_thread || !(k->flags & PF_KTHREAD))
        return -EINVAL;
    ark_mutex_lock(&lx_kthread_lock);
    kthreads_unlink(k);
    ark_mutex_unlock(&lx_kthread_lock);
    /* A thread that ended by itself keeps its result: should_stop changes nothing then. */
    return ark_thread_stop(k->ark_thread);   /* frees k with the thread */
}
KERNEL_EXPORT(kthread_stop);

int kthread_stop_put(struct task_struct *k)
{
    return kthread_stop(k);            /* the reference goes with the task */
}
KERNEL_EXPORT(kthread_stop_put);

bool kthread_should_stop(void)
{
    return ark_thread_should_stop();
}
KERNEL_EXPORT(kthread_should_stop);

void kthread_exit(long result)
{
    struct task_struct *k = ark_linux_current();
    if (!(k->flags & PF_KTHREAD) || !k->ark_threadfn)
        panic("kthread_exit: called by [%s], which is not a kthread", k->comm);
    k->ark_exit_code = result;
    __builtin_longjmp(k->ark_exit_jmp, 1);
}
KERNEL_EXPORT(kthread_exit);

void kthread_complete_and_exit(struct completion *comp, long result)
{
    if (comp)
        complete(comp);
    kthread_exit(result);
}
KERNEL_EXPORT(kthread_complete_and_exit);

/* At a module's unload, before the kernel's own sweep: the module's kthreads that ended by
 * themselves are freed silently (Linux would have reaped them when they ended; ark keeps them
 * until now so that a kthread_stop after the end still finds its result), those still running
 * are stopped with a warning (the module's exit forgot kthread_stop). */
int lx_kthread_release_owned(struct kmod *km)
{
    int stopped = 0;
    ark_mutex_lock(&lx_kthread_lock);
    for (;;) {
        struct task_struct *k;
        for (k = lx_kthreads; k && ((struct ark_thread *)k->ark_thread)->owner != km; k = k->ark_next)
            ;
        if (!k)
            break;
        kthreads_unlink(k);
        struct ark_thread *t = k->ark_thread;
        bool running = !t->exited;
        char comm[TASK_COMM_LEN];
        strscpy(comm, k->comm, sizeof(comm));
        ark_mutex_unlock(&lx_kthread_lock);
        int rc = ark_thread_stop(t);
        if (running) {
            printk(KERN_WARNING "linux: %s: kthread [%s] still running at unload; stopped (%d)\n",
                   lx_owner_name(km), comm, rc);
            stopped++;
        }
        ark_mutex_lock(&lx_kthread_lock);
    }
    ark_mutex_unlock(&lx_kthread_lock);
    return stopped;
}

/* ---- time ---- */

u64 get_jiffies_64(void)
{
    return ark_uptime_ms();
}
KERNEL_EXPORT(get_jiffies_64);

static inline uint64_t rdtsc_now(void)
{
    uint32_t lo, hi;
    __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
    return ((uint64_t)hi << 32) | lo;
}

/* Spins on the TSC the loader calibrated; without it, on the millisecond clock (rounded up). */
static void lx_spin_us(unsigned long usecs)
{
    if (dkm_tsc_to_us && dkm_tsc_to_us(1000000000u)) {
        uint64_t start = rdtsc_now();
        while (dkm_tsc_to_us(rdtsc_now() - start) < usecs)
            __asm__ volatile("pause");
        return;
    }
    uint64_t until = ark_uptime_ms() + (usecs + 999u) / 1000u + 1;
    while (ark_uptime_ms() < until && (cpu_flags() & EFLAGS_IF))
        __asm__ volatile("pause");
}

/* A long busy wait where its caller could sleep lets other threads run meanwhile, as preemption
 * does on Linux: the kernel lock, which a system call or kernel thread holds and which every
 * module thread and work item needs, is given up while it spins, as a sleep gives it up. With
 * interrupts masked, a spinlock held or in an interrupt the wait stays a plain spin. The depth to
 * retake, 0 if none was given up. */
#define LX_SPIN_YIELD_US 100
static int lx_spin_release_klock(unsigned long usecs)
{
    struct ark_thread *t = sched_current();
    if (usecs < LX_SPIN_YIELD_US || !t || sched_in_interrupt() || t->preempt_count > 0 ||
        !(cpu_flags() & EFLAGS_IF) || !klock_held())
        return 0;
    return klock_drop_all();
}

void udelay(unsigned long usecs)
{
    int depth = lx_spin_release_klock(usecs);
    lx_spin_us(usecs);
    klock_retake(depth);
}
KERNEL_EXPORT(udelay);

void ndelay(unsigned long nsecs)
{
    udelay((nsecs + 999u) / 1000u);
}
KERNEL_EXPORT(ndelay);

void mdelay(unsigned long msecs)
{
    int depth = lx_spin_release_klock(msecs >= 1 ? 1000 : 0);
    while (msecs--)
        lx_spin_us(1000);
    klock_retake(depth);
}
KERNEL_EXPORT(mdelay);

void msleep(unsigned int msecs)
{
    ark_msleep(msecs);
}
KERNEL_EXPORT(msleep);

unsigned long msleep_interruptible(unsigned int msecs)
{
    uint64_t until = ark_uptime_ms() + msecs;
    while (!ark_fatal_signal_pending() && !ark_thread_should_stop()) {
        uint64_t now = ark_uptime_ms();
        if (now >= until)
            return 0;
        ark_linux_set_current_state(TASK_INTERRUPTIBLE);
        (void)lx_sleep((long)(until - now));
    }
    uint64_t now = ark_uptime_ms();
    return now >= until ? 0 : (unsigned long)(until - now);
}
KERNEL_EXPORT(msleep_interruptible);

/* ---- interrupt masking ---- */

void ark_linux_local_irq_disable(void) { cpu_cli(); }
KERNEL_EXPORT(ark_linux_local_irq_disable);
void ark_linux_local_irq_enable(void) { cpu_sti(); }
KERNEL_EXPORT(ark_linux_local_irq_enable);
unsigned long ark_linux_local_irq_save(void) { return irq_save(); }
KERNEL_EXPORT(ark_linux_local_irq_save);
void ark_linux_local_irq_restore(unsigned long flags) { irq_restore((uint32_t)flags); }
KERNEL_EXPORT(ark_linux_local_irq_restore);
bool ark_linux_irqs_disabled(void) { return !(cpu_flags() & EFLAGS_IF); }
KERNEL_EXPORT(ark_linux_irqs_disabled);

/* ---- preemption ---- */

void ark_linux_preempt_disable(void) { sched_preempt_disable(); }
KERNEL_EXPORT(ark_linux_preempt_disable);
void ark_linux_preempt_enable(void) { sched_preempt_enable(); }
KERNEL_EXPORT(ark_linux_preempt_enable);
int ark_linux_preempt_count(void)
{
    struct ark_thread *t = sched_current();
    return t ? t->preempt_count : 0;
}
KERNEL_EXPORT(ark_linux_preempt_count);
