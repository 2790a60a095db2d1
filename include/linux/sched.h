/* linux/sched.h — the task structure behind `current` (pid, tgid, comm), task states and the
 * sleeping calls built on them: set_current_state + schedule/schedule_timeout, wake_up_process,
 * cond_resched, signal_pending. A task is the Linux view of an ark thread: a process's thread
 * (pid is the process id, comm its name) or a kernel thread (its own id, the name it was given).
 * TASK_INTERRUPTIBLE sleeps end on a kill signal: ark delivers no other signal to kernel code. */
/* A hosted program that happens to have ark's include/ on its path gets the system's header. */
#if __STDC_HOSTED__ && !defined(__ARK_KERNEL__)
#include <linux/preempt.h>
#include_next <linux/sched.h>
#else
#ifndef _LINUX_SCHED_H
#define _LINUX_SCHED_H
#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/jiffies.h>
#include <linux/limits.h>

#define TASK_COMM_LEN        16
#define TASK_RUNNING         0x00000000
#define TASK_INTERRUPTIBLE   0x00000001
#define TASK_UNINTERRUPTIBLE 0x00000002
#define __TASK_STOPPED       0x00000004
#define __TASK_TRACED        0x00000008
#define TASK_PARKED          0x00000040
#define TASK_DEAD            0x00000080
#define TASK_WAKEKILL        0x00000100
#define TASK_NOLOAD          0x00000400
#define TASK_KILLABLE        (TASK_WAKEKILL | TASK_UNINTERRUPTIBLE)
#define TASK_IDLE            (TASK_UNINTERRUPTIBLE | TASK_NOLOAD)
#define TASK_NORMAL          (TASK_INTERRUPTIBLE | TASK_UNINTERRUPTIBLE)
#define PF_KTHREAD           0x00200000
#define MAX_SCHEDULE_TIMEOUT LONG_MAX

/* Signal sets as Linux lays them out (one bit per signal, signal n at bit n - 1). ark's signals
 * (SIGINT, SIGTERM, SIGKILL) all end the process; the one waiting shows in current->pending. */
#define _NSIG       64
#define _NSIG_BPW   (8 * (int)sizeof(unsigned long))
#define _NSIG_WORDS (_NSIG / _NSIG_BPW)
#define SIGHUP      1
#define SIGINT      2
#define SIGQUIT     3
#define SIGKILL     9
#define SIGTERM     15
typedef struct {
    unsigned long sig[_NSIG_WORDS];
} sigset_t;
struct sigpending {
    sigset_t signal;
};

struct task_struct {
    unsigned int __state;
    unsigned int flags;
    pid_t pid;
    pid_t tgid;
    char comm[TASK_COMM_LEN];
    /* Signals pending for the task and blocked by it, as of the moment `current` was read. */
    struct sigpending pending;
    sigset_t blocked;
    /* ark's bookkeeping (not Linux API) */
    void *ark_thread;                  /* the ark thread this task describes */
    int (*ark_threadfn)(void *data);   /* kthreads: what kthread_create was given */
    void *ark_data;
    long ark_exit_code;                /* kthread_exit's result */
    void *ark_exit_jmp[5];             /* where kthread_exit returns to */
    int ark_refs;                      /* get_task_struct references */
    struct task_struct *ark_next;
};

/* The calling thread's task (an interrupt handler sees the thread it interrupted). */
struct task_struct *ark_linux_current(void);
#define current ark_linux_current()
#define get_current() ark_linux_current()
static inline pid_t task_pid_nr(struct task_struct *t) { return t->pid; }
static inline pid_t task_tgid_nr(struct task_struct *t) { return t->tgid; }
#define task_pid_vnr(t) task_pid_nr(t)
#define get_task_comm(buf, t) strscpy((buf), (t)->comm, sizeof(buf))
static inline unsigned int task_state(struct task_struct *t) { return READ_ONCE(t->__state); }

/* Marks the caller as going to sleep (any state but TASK_RUNNING) or running again; a wake-up
 * after this and before schedule() makes schedule() return at once, so no wake-up is lost. */
void ark_linux_set_current_state(unsigned int state);
#define set_current_state(state)   ark_linux_set_current_state(state)
#define __set_current_state(state) ark_linux_set_current_state(state)
/* Sleeps until woken if the state is not TASK_RUNNING, else lets others run. */
void ark_linux_schedule(void);
#define schedule() ark_linux_schedule()
/* As schedule(), for at most timeout jiffies: the jiffies left (0 when it ran out). */
long schedule_timeout(long timeout);
long schedule_timeout_interruptible(long timeout);
long schedule_timeout_killable(long timeout);
long schedule_timeout_uninterruptible(long timeout);
long schedule_timeout_idle(long timeout);
/* Wakes t if it sleeps (or starts a kthread that was created but not started): 1 if it did. */
int wake_up_process(struct task_struct *t);
void ark_linux_yield(void);
#define yield() ark_linux_yield()
/* ark preempts kernel code, so there is nothing to do but offer the CPU. */
#define cond_resched() ({ ark_linux_yield(); 0; })
#define need_resched() 0
bool ark_linux_fatal_signal_pending(struct task_struct *t);
static inline int signal_pending(struct task_struct *t) { return ark_linux_fatal_signal_pending(t); }
static inline int fatal_signal_pending(struct task_struct *t) { return ark_linux_fatal_signal_pending(t); }
static inline int signal_pending_state(unsigned int state, struct task_struct *t)
{
    return (state & (TASK_INTERRUPTIBLE | TASK_WAKEKILL)) && signal_pending(t);
}
/* Counted for source compatibility: a kthread's task stays valid until kthread_stop or its
 * module's unload whether or not a reference is held. */
void get_task_struct(struct task_struct *t);
void put_task_struct(struct task_struct *t);

bool ark_linux_in_interrupt(void);
#define in_interrupt()  ark_linux_in_interrupt()
#define in_irq()        ark_linux_in_interrupt()
#define in_hardirq()    ark_linux_in_interrupt()
#define in_softirq()    0
#define in_serving_softirq() 0
#define in_task()       (!ark_linux_in_interrupt())
#define might_sleep()   do { } while (0)
#define smp_processor_id() 0
#define raw_smp_processor_id() 0
#define num_online_cpus() 1U
#define nr_cpu_ids 1U
#endif
#endif
