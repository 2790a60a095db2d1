/* syscalls.h — the handlers of the built-in system calls (ark/syscall.h numbers 1-18), grouped by
 * the file that defines them; syscall.c puts them in the dispatch table. */
#ifndef KERNEL_PROC_SYSCALLS_H
#define KERNEL_PROC_SYSCALLS_H

#include "kapi.h"

#define SYSCALL_ARGS uint32_t a1, uint32_t a2, uint32_t a3, uint32_t a4, uint32_t a5
/* Handlers share one signature; this silences the arguments a handler does not use. */
#define SYSCALL_UNUSED_ARGS() ((void)a1, (void)a2, (void)a3, (void)a4, (void)a5)

/* sys_file.c */
long sys_read(SYSCALL_ARGS);
long sys_write(SYSCALL_ARGS);
long sys_open(SYSCALL_ARGS);
long sys_close(SYSCALL_ARGS);
long sys_ioctl(SYSCALL_ARGS);
long sys_readdir(SYSCALL_ARGS);
long sys_stat(SYSCALL_ARGS);
long sys_lseek(SYSCALL_ARGS);
long sys_dup2(SYSCALL_ARGS);

/* sys_poll.c */
long sys_poll(SYSCALL_ARGS);

/* sys_proc.c */
long sys_exit(SYSCALL_ARGS);
long sys_spawn(SYSCALL_ARGS);
long sys_wait(SYSCALL_ARGS);
long sys_getuid(SYSCALL_ARGS);
long sys_setuid(SYSCALL_ARGS);
long sys_getpid(SYSCALL_ARGS);
long sys_poweroff(SYSCALL_ARGS);
long sys_kill(SYSCALL_ARGS);
long sys_pslist(SYSCALL_ARGS);
long sys_uptime_ms(SYSCALL_ARGS);
long sys_sleep_ms(SYSCALL_ARGS);

#endif
