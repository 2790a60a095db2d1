/* sched.c — the scheduler: a FIFO run queue of threads, round-robin with a SCHED_QUANTUM_MS slice
 * enforced by the PIT tick, timed sleeps woken by the tick, an idle thread that halts the CPU when
 * nothing can run, and the stack switch. Its state is touched only with interrupts masked (the one
 * CPU's equivalent of the run-queue lock, which a switch hands from one thread to the next).
 * A woken or new thread goes to the front of the queue and preempts at the next interrupt, so
 * threads that mostly sleep (the shell, a driver's reader) stay responsive next to CPU-bound ones. */
#include "sched.h"
#include "klist.h"
#include "kmod_weak.h"
#include "cpu.h"
#include "kapi.h"
#include "mm.h"
#include "proc.h"
#include "trap.h"
#include "ark/errno.h"
#include "ark/kernel.h"

extern void context_switch(uint32_t *save_esp, uint32_t new_esp);
extern void thread_start_kernel(void);   /* switch.S: first return of a new kernel thread */
extern void thread_start_user(void);     /* switch.S: first return of a new process */

static struct ark_thread *current;
static struct ark_thread *idle_thread;
static struct ark_thread *rq_head, *rq_tail;
static struct ark_thread *timed_head;    /* sorted by wake_at */
static struct ark_thread *dead_pending;  /* switched away from for the last time: free its stack */
static struct ark_list all_threads = ARK_LIST_INIT(all_threads);
static volatile bool need_resched;
static uint32_t slice_left = SCHED_QUANTUM_MS;
static ark_pid_t next_id = 1;
static struct sched_stats stats;
static uint64_t switch_started;
static unsigned irq_depth;

void sched_irq_enter(void) { irq_depth++; }
bool sched_in_interrupt(void) { return irq_depth > 0; }

struct ark_thread *sched_current(void) { return current; }

ark_pid_t sched_next_id(void)
{
    uint32_t flags = irq_save();
    ark_pid_t id = next_id++;
    irq_restore(flags);
    return id;
}

/* ---- run queue and timed sleeps (interrupts masked) ---- */

static void rq_push(struct ark_thread *t)
{
    t->rq_next = NULL;
    if (rq_tail)
        rq_tail->rq_next = t;
    else
        rq_head = t;
    rq_tail = t;
}

/* A thread that was asleep goes first: it has used little CPU, and the thread that woke it (or
 * the CPU-bound one it interrupted) waits until the next interrupt at most. */
static void rq_push_front(struct ark_thread *t)
{
    t->rq_next = rq_head;
    rq_head = t;
    if (!rq_tail)
        rq_tail = t;
}

static struct ark_thread *rq_pop(void)
{
    struct ark_thread *t = rq_head;
    if (t) {
        rq_head = t->rq_next;
        if (!rq_head)
            rq_tail = NULL;
        t->rq_next = NULL;
    }
    return t;
}

static void timed_insert(struct ark_thread *t)
{
    struct ark_thread **pp = &timed_head;
    while (*pp && (*pp)->wake_at <= t->wake_at)
        pp = &(*pp)->timed_next;
    t->timed_next = *pp;
    *pp = t;
    t->timed = true;
}

static void timed_remove(struct ark_thread *t)
{
    if (!t->timed)
        return;
    for (struct ark_thread **pp = &timed_head; *pp; pp = &(*pp)->timed_next) {
        if (*pp == t) {
            *pp = t->timed_next;
            break;
        }
    }
    t->timed = false;
}

static void wakeup_locked(struct ark_thread *t)
{
    if (t->state != THREAD_SLEEPING)
        return;
    timed_remove(t);
    t->state = THREAD_RUNNABLE;
    if (t != current) {
        rq_push_front(t);
        need_resched = true;
    }
}

void sched_wakeup(struct ark_thread *t)
{
    if (!t)
        return;
    uint32_t flags = irq_save();
    wakeup_locked(t);
    irq_restore(flags);
}

/* ---- the switch ---- */

/* Runs on the new thread's stack right after every switch, interrupts still masked. */
void sched_switch_tail(void)
{
    stats.switch_cycles += rdtsc() - switch_started;
    struct ark_thread *dead = dead_pending;
    dead_pending = NULL;
    if (dead) {
        kstack_free(dead->kstack);
        dead->kstack = NULL;
        if (dead->proc)
            proc_reap_resources(dead->proc);
    }
}

static void switch_to(struct ark_thread *next)
{
    struct ark_thread *prev = current;
    current = next;
    tss_set_kernel_stack((uint32_t)(uintptr_t)next->kstack + KSTACK_SIZE);
    if (next->proc)
        vmm_switch(proc_pgdir(next->proc));
    else if (!prev || prev->proc)
        vmm_switch(vmm_kernel_pgdir());
    if (prev->state == THREAD_DEAD)
        dead_pending = prev;
    stats.switches++;
    switch_started = rdtsc();
    context_switch(&prev->saved_esp, next->saved_esp);
    sched_switch_tail();
}

/* Picks the next thread; the current one goes to the back of the queue if it can still run. */
static unsigned rcu_readers_asleep;

static void schedule_pick(bool preempted)
{
    struct ark_thread *prev = current;
    if (prev->state == THREAD_RUNNABLE && !prev->is_idle)
        rq_push(prev);
    struct ark_thread *next = rq_pop();
    if (!next)
        next = idle_thread;
    need_resched = false;
    slice_left = SCHED_QUANTUM_MS;
    if (next != prev) {
        if (preempted)
            stats.preemptions++;
        /* RCU readers run with preemption off, so only their own sleep switches them away. */
        bool rcu_asleep = prev->rcu_nesting > 0 && prev->state != THREAD_DEAD;
        if (rcu_asleep)
            rcu_readers_asleep++;
        switch_to(next);
        if (rcu_asleep)
            rcu_readers_asleep--;
    }
}

unsigned sched_rcu_readers_asleep(void)
{
    return __atomic_load_n(&rcu_readers_asleep, __ATOMIC_ACQUIRE);
}

/* Sleeping inside an RCU read-side section is a bug on Linux too; said once per thread and
 * section, before the switch. */
static void warn_rcu_sleep(void)
{
    if (current && current->rcu_nesting > 0 && !current->rcu_warned) {
        current->rcu_warned = true;
        if (current->owner)
            printk(KERN_WARNING "rcu: [%s/%s] sleeps inside an RCU read-side critical section\n",
                   current->name, kmod_name_or_kernel(current->owner));
        else
            printk(KERN_WARNING "rcu: [%s] sleeps inside an RCU read-side critical section\n", current->name);
    }
}

static void schedule_locked(void)
{
    schedule_pick(false);
}

void schedule(void)
{
    warn_rcu_sleep();
    int depth = klock_drop_all();
    uint32_t flags = irq_save();
    schedule_locked();
    irq_restore(flags);
    klock_retake(depth);
}

/* The kernel lock's own waiting: switches without touching the kernel lock. */
void sched_switch_keep_klock(void)
{
    warn_rcu_sleep();
    uint32_t flags = irq_save();
    schedule_locked();
    irq_restore(flags);
}

long sched_sleep(long ms)
{
    uint64_t start = ark_uptime_ms();
    uint32_t flags = irq_save();
    if (ms >= 0 && current->state == THREAD_SLEEPING) {
        current->wake_at = start + (uint64_t)ms;
        timed_insert(current);
    }
    irq_restore(flags);
    schedule();
    flags = irq_save();
    timed_remove(current);
    irq_restore(flags);
    if (ms < 0)
        return ARK_WAIT_FOREVER;
    uint64_t spent = ark_uptime_ms() - start;
    return spent >= (uint64_t)ms ? 0 : ms - (long)spent;
}

void sched_exit_current(void)
{
    klock_drop_all();
    cpu_cli();
    current->state = THREAD_DEAD;
    current->exited = true;
    /* Whoever waits for this thread runs only after the switch below, which frees the stack. */
    struct ark_wait_queue *wq = &current->exit_wait;
    for (struct ark_list *n = wq->waiters.next; n != &wq->waiters; n = n->next)
        wakeup_locked(((struct ark_wait_entry *)n)->thread);
    schedule_locked();
    panic("sched: dead thread %d resumed", current->tid);
}

void sched_thread_make_runnable(struct ark_thread *t)
{
    uint32_t flags = irq_save();
    t->state = THREAD_RUNNABLE;
    klist_add_tail(&all_threads, &t->all);
    rq_push_front(t);                  /* like a woken thread: it has used no CPU yet */
    need_resched = true;
    irq_restore(flags);
}

/* ---- preemption ---- */

void sched_tick(uint64_t now_ms)
{
    while (timed_head && timed_head->wake_at <= now_ms) {
        struct ark_thread *t = timed_head;
        timed_head = t->timed_next;
        t->timed = false;
        wakeup_locked(t);
    }
    if (current && (current->is_idle ? rq_head != NULL : --slice_left == 0))
        need_resched = true;
}

/* module_code: the interrupt came in module code running in the kernel. */
static void irq_exit(bool module_code)
{
    if (irq_depth)
        irq_depth--;
    if (!need_resched || !current || current->preempt_count > 0)
        return;
    /* A thread between ark_wait_prepare and its sleep is about to switch by itself: preempting
     * it now would park it as asleep after it had found its condition true. */
    if (current->state != THREAD_RUNNABLE)
        return;
    /* The kernel lock guards kernel data, which kernel code changes and module code only reaches
     * through calls into the kernel. Preempted in kernel code, a thread keeps it: that is what
     * makes preempting kernel code safe. Preempted in module code, it lets other threads into the
     * kernel meanwhile, as its sleeps already do, and takes the lock back before it runs on, so
     * that a module thread computing without sleeping cannot hold up every system call and
     * every other module thread. */
    int depth = module_code && irq_depth == 0 ? klock_drop_all() : 0;
    schedule_pick(true);
    if (depth)
        klock_retake(depth);
}

void sched_irq_exit(void)
{
    irq_exit(false);
}

void sched_irq_exit_from(uintptr_t eip, bool user_mode)
{
    irq_exit(!user_mode && eip >= MODULE_AREA_BASE && eip < MODULE_AREA_END);
}

void sched_preempt_disable(void)
{
    if (current)
        current->preempt_count++;
}

void sched_preempt_enable(void)
{
    if (current && current->preempt_count > 0)
        current->preempt_count--;
}

/* ---- threads ---- */

struct ark_thread *sched_thread_alloc(const char *name)
{
    struct ark_thread *t = kzalloc(sizeof(*t));
    if (!t)
        return NULL;
    t->kstack = kstack_alloc();
    if (!t->kstack) {
        kfree(t);
        return NULL;
    }
    strlcpy(t->name, name ? name : "?", sizeof(t->name));
    t->state = THREAD_SLEEPING;        /* not runnable until made so */
    t->all.next = t->all.prev = &t->all;
    t->owned.next = t->owned.prev = &t->owned;
    ark_wait_queue_init(&t->exit_wait);
    return t;
}

void sched_thread_unlink(struct ark_thread *t)
{
    uint32_t flags = irq_save();
    if (t->all.next && t->all.next != &t->all)
        klist_del(&t->all);
    irq_restore(flags);
}

void sched_thread_free(struct ark_thread *t)
{
    if (!t)
        return;
    sched_thread_unlink(t);
    kstack_free(t->kstack);
    kfree(t->linux_task);
    kfree(t);
}

static uint32_t *stack_top(struct ark_thread *t)
{
    return (uint32_t *)((uintptr_t)t->kstack + KSTACK_SIZE);
}

/* context_switch pops edi, esi, ebx, ebp and returns: lay that out so it returns into start. */
static void push_switch_frame(struct ark_thread *t, uint32_t *sp, void (*start)(void))
{
    *--sp = (uint32_t)(uintptr_t)start;
    *--sp = 0;                         /* ebp: ends kernel backtraces */
    *--sp = 0;                         /* ebx */
    *--sp = 0;                         /* esi */
    *--sp = 0;                         /* edi */
    t->saved_esp = (uint32_t)(uintptr_t)sp;
}

void sched_thread_setup_kernel(struct ark_thread *t, void (*fn)(struct ark_thread *))
{
    uint32_t *sp = stack_top(t);
    *--sp = (uint32_t)(uintptr_t)t;    /* fn's argument */
    *--sp = 0;                         /* fn's return address: it never returns */
    *--sp = (uint32_t)(uintptr_t)fn;   /* popped by thread_start_kernel */
    push_switch_frame(t, sp, thread_start_kernel);
}

void sched_thread_setup_user(struct ark_thread *t, uint32_t frame_esp)
{
    push_switch_frame(t, (uint32_t *)(uintptr_t)frame_esp, thread_start_user);
}

void sched_for_each_thread(void (*fn)(struct ark_thread *t, void *ctx), void *ctx)
{
    uint32_t flags = irq_save();
    for (struct ark_list *n = all_threads.next; n != &all_threads; n = n->next)
        fn((struct ark_thread *)((char *)n - offsetof(struct ark_thread, all)), ctx);
    irq_restore(flags);
}

void sched_get_stats(struct sched_stats *out)
{
    uint32_t flags = irq_save();
    *out = stats;
    irq_restore(flags);
}

/* ---- start-up ---- */

static void idle_main(struct ark_thread *self)
{
    (void)self;
    for (;;) {
        cpu_cli();
        if (rq_head) {
            schedule_locked();
            continue;
        }
        cpu_sti_hlt();                 /* an interrupt (the tick at the latest) ends the halt */
    }
}

void sched_start(void (*init_fn)(struct ark_thread *))
{
    static struct ark_thread boot;     /* the boot stack's context, left for good */
    idle_thread = sched_thread_alloc("idle");
    struct ark_thread *init = sched_thread_alloc("init");
    if (!idle_thread || !init)
        panic("sched: cannot create the first threads");
    idle_thread->is_idle = true;
    idle_thread->tid = 0;
    sched_thread_setup_kernel(idle_thread, idle_main);
    init->tid = sched_next_id();
    sched_thread_setup_kernel(init, init_fn);
    cpu_cli();
    idle_thread->state = THREAD_RUNNABLE;
    klist_add_tail(&all_threads, &idle_thread->all);
    init->state = THREAD_RUNNABLE;
    klist_add_tail(&all_threads, &init->all);
    boot.state = THREAD_DEAD;          /* never resumed; has no heap stack to free */
    boot.kstack = NULL;
    current = &boot;
    struct ark_thread *prev = current;
    current = init;
    tss_set_kernel_stack((uint32_t)(uintptr_t)init->kstack + KSTACK_SIZE);
    switch_started = rdtsc();
    context_switch(&prev->saved_esp, init->saved_esp);
    panic("sched: boot context resumed");
}
