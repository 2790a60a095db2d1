/* proc.h — user processes: creation from an ELF file, the parent/child relation (a parent waits
 * while its child runs; there is no preemption), exit status, uid and the file descriptor table. */
#ifndef KERNEL_PROC_H
#define KERNEL_PROC_H

#include "ark/types.h"

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

enum proc_state { PROC_RUNNING, PROC_ZOMBIE };

struct file;

struct process {
    ark_pid_t pid;
    ark_uid_t uid;
    char name[PROC_NAME_MAX];
    enum proc_state state;
    int exit_status;
    uint32_t *pgdir;                /* page directory (kernel virtual address) */
    void *kstack;                   /* KSTACK_SIZE bytes (kstack_alloc); the top is esp0 in the TSS */
    uint32_t saved_esp;             /* kernel stack pointer while switched away */
    struct process *parent;         /* NULL for the first process (its parent is kmain) */
    struct process *next;           /* every process, for lookups by pid */
    struct file *fds[PROC_MAX_FDS];
};

/* process.c */
struct process *proc_current(void);                 /* NULL while kmain runs */
/* Loads PATH (argv[0..argc-1] are kernel strings), runs it until it exits, and returns its pid;
 * the child is left as a zombie for proc_wait. -errno if it could not be started. The child
 * inherits the caller's uid and descriptors 0-2 (or the files in stdio[] for the first process). */
int  proc_spawn(const char *path, char *const argv[], int argc, struct file *const stdio[3]);
/* Collects a zombie child of the current process (pid -1: any); its status goes to *status. */
int  proc_wait(ark_pid_t pid, int *status);
void proc_exit(int status) __attribute__((noreturn));

/* fdtable.c */
int  fd_install(struct process *p, struct file *f);        /* lowest free descriptor or -EMFILE */
struct file *fd_get(struct process *p, int fd);            /* NULL when fd is not open */
int  fd_close(struct process *p, int fd);                  /* -EBADF */
int  fd_dup2(struct process *p, int oldfd, int newfd);
void fd_close_all(struct process *p);

/* elf_load.c: maps PATH's PT_LOAD segments into pgdir; *entry gets the entry point. */
int  elf_load(uint32_t *pgdir, const char *path, uintptr_t *entry);

#endif
