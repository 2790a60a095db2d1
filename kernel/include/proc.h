/* proc.h — user processes: creation from an ELF file, each with one scheduled thread; the
 * parent/child relation, exit status and zombies (bounded per user), kill signals, uid, the file
 * descriptor table and user memory mapped on demand. Guarded by the kernel lock (ark/sync.h). */
#ifndef KERNEL_PROC_H
#define KERNEL_PROC_H

#include "ark/types.h"
#include "sched.h"

#define PROC_NAME_MAX  32
#define PROC_MAX_FDS   16
#define PROC_ARGV_MAX  32           /* arguments per spawn, program path included */
#define PROC_ARG_BYTES 4096         /* all argument strings together, NULs included */

/* User stack: just below USER_TOP, mapped when the process starts. */
#define USER_STACK_TOP   0xBFFFF000u   /* one unmapped guard page below USER_TOP */
#define USER_STACK_PAGES 16u
#define USER_STACK_LOW   (USER_STACK_TOP - USER_STACK_PAGES * 4096u)

/* A process killed by a CPU exception exits with this plus the vector (a page fault gives 142). */
#define PROC_EXIT_KILLED_BASE 128

/* Processes a user other than root may have at once, zombies included; and all of them. */
#define PROC_USER_MAX 64
#define PROC_MAX      1024

enum proc_state { PROC_RUNNING, PROC_ZOMBIE };

struct file;

struct process {
    ark_pid_t pid;
    ark_pid_t pgid;                 /* process group: kill and Ctrl-C reach a whole job */
    ark_uid_t uid;
    ark_gid_t gid;                  /* inherited; a setuid to another user sets it to the uid */
    ark_uid_t counted_uid;          /* whose PROC_USER_MAX this process counts against */
    char name[PROC_NAME_MAX];
    volatile enum proc_state state;
    int exit_status;
    uint32_t *pgdir;                /* page directory (kernel virtual address) */
    struct ark_thread thread;       /* the process's one thread; its kstack's top is esp0 */
    struct process *parent;         /* NULL: a child of the kernel (or an orphan) */
    bool autoreap;                  /* orphan: freed at exit, nobody waits for it */
    struct ark_list children;       /* struct process.sibling */
    struct ark_list sibling;
    struct ark_list all;            /* every process, for lookups by pid */
    struct ark_wait_queue child_exit;   /* the parent sleeps here in wait */
    volatile int kill_signal;       /* pending kill (0: none) */
    uintptr_t demand_lo, demand_hi; /* zero-filled on first touch (bss) */
    struct file *fds[PROC_MAX_FDS];
};

/* process.c */
struct process *proc_current(void);                 /* NULL in a kernel thread */
/* Loads PATH (argv[0..argc-1] are kernel strings) as a new runnable process and returns its pid,
 * or -errno (-EAGAIN past PROC_USER_MAX/PROC_MAX). The child inherits the caller's uid and
 * descriptors 0-2 (or the files in stdio[]); a kernel thread's children are the kernel's. */
int  proc_spawn(const char *path, char *const argv[], int argc, struct file *const stdio[3],
                uint32_t flags);
/* Collects an exited child of the caller (pid -1: any); its status goes to *status. Sleeps until
 * one exits unless flags has ARK_WAIT_NOHANG (then 0 when none has). -ECHILD when there is no
 * such child, -EINTR when the caller is killed while waiting. */
int  proc_wait(ark_pid_t pid, int *status, uint32_t flags);
void proc_exit(int status) __attribute__((noreturn));
/* Sends a kill signal (ARK_SIG*) to pid (pid < 0: to group -pid) on behalf of uid: -ESRCH,
 * -EPERM, -EINVAL. */
int  proc_kill(ark_pid_t pid, int sig, ark_uid_t as_uid);
bool proc_kill_pending(const struct process *p);
int proc_kill_signal(const struct process *p);   /* the pending kill's signal, 0 if none */
/* On the way back to user mode: dies if a kill is pending. */
void proc_check_signals(void);
/* A user page fault at addr: true when it was a first touch of demand memory, now mapped. */
bool proc_demand_fault(struct process *p, uintptr_t addr);
uint32_t *proc_pgdir(struct process *p);
/* From the scheduler, after the process's thread ran for the last time: frees its address space
 * (and the record itself for an orphan). */
void proc_reap_resources(struct process *p);
void proc_set_uid(struct process *p, ark_uid_t uid);

/* fdtable.c */
int  fd_install(struct process *p, struct file *f);        /* lowest free descriptor or -EMFILE */
struct file *fd_get(struct process *p, int fd);            /* NULL when fd is not open */
int  fd_close(struct process *p, int fd);                  /* -EBADF */
int  fd_dup2(struct process *p, int oldfd, int newfd);
void fd_close_all(struct process *p);

/* elf_load.c: maps PATH's PT_LOAD segments into pgdir; *entry gets the entry point. Pages of
 * writable segments that the file does not fill (bss) are left unmapped for demand paging: their
 * range goes to [*demand_lo, *demand_hi) (empty when lo == hi). */
int  elf_load(uint32_t *pgdir, const char *path, uintptr_t *entry, uintptr_t *demand_lo,
              uintptr_t *demand_hi);

#endif
