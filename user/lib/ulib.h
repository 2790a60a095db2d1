/* ulib.h — ark's user library, the only runtime an ark user program gets (there is no libc):
 * system call wrappers, string and memory helpers, formatted output to file descriptors, error
 * names, and argument parsing. System calls return what the kernel returns: >= 0 on success, a
 * negative errno (-ENOENT, ...) on failure; there is no global errno. */
#ifndef ARK_ULIB_H
#define ARK_ULIB_H

#include <stdarg.h>

#include "ark/arklib.h"      /* string and memory functions, snprintf */
#include "ark/errno.h"
#include "ark/syscall.h"
#include "ark/types.h"

#define STDIN_FILENO  0
#define STDOUT_FILENO 1
#define STDERR_FILENO 2

/* ---- syscall.c: one wrapper per call in ark/syscall.h ---- */
long syscall5(uint32_t nr, uint32_t a1, uint32_t a2, uint32_t a3, uint32_t a4, uint32_t a5);

__attribute__((noreturn)) void exit(int status);
long read(int fd, void *buf, uint32_t len);
long write(int fd, const void *buf, uint32_t len);
int  open(const char *path, uint32_t flags);
int  close(int fd);
long ioctl(int fd, uint32_t cmd, uintptr_t arg);
ark_pid_t spawn(const char *path, char *const argv[]);
ark_pid_t spawn_flags(const char *path, char *const argv[], uint32_t flags);   /* ARK_SPAWN_* */
ark_pid_t wait(ark_pid_t pid, int *status);
/* flags ARK_WAIT_NOHANG: returns 0 at once when no such child has exited. */
ark_pid_t waitpid(ark_pid_t pid, int *status, uint32_t flags);
int  kill(ark_pid_t pid, int sig);
long pslist(struct ark_ps_record *buf, uint32_t max);
ark_uid_t getuid(void);
int  setuid(ark_uid_t uid);
int  readdir(const char *dir, uint32_t index, struct ark_dirent *out);
int  stat(const char *path, struct ark_stat *out);
int  poweroff(void);
ark_pid_t getpid(void);
long lseek(int fd, int32_t offset, int whence);
int  dup2(int oldfd, int newfd);
uint32_t uptime_ms(void);
int  sleep_ms(uint32_t ms);
/* Waits until one of fds has an event asked for, timeout_ms passed (-1: no limit, 0: just look)
 * or the process is killed: the number of fds with revents set, 0 on timeout, -errno. */
int  poll(struct ark_pollfd *fds, uint32_t nfds, int32_t timeout_ms);
#define POLLIN     ARK_POLLIN
#define POLLPRI    ARK_POLLPRI
#define POLLOUT    ARK_POLLOUT
#define POLLERR    ARK_POLLERR
#define POLLHUP    ARK_POLLHUP
#define POLLNVAL   ARK_POLLNVAL
#define POLLRDNORM ARK_POLLRDNORM
#define POLLWRNORM ARK_POLLWRNORM

int  dkm_load(const char *path, const char *args);
int  dkm_load_flags(const char *path, const char *args, uint32_t flags);   /* ARK_DKM_LOAD_* */
int  dkm_unload(const char *name, uint32_t flags);
int  dkm_list(struct ark_dkm_record *buf, uint32_t max);
long dkm_info(const char *name, char *buf, uint32_t size);
long dkm_lasterr(char *buf, uint32_t size);

/* ---- printf.c: formatted output to a file descriptor, unbuffered per call, with the conversions
 * of ark/arklib.h (whose engine also gives snprintf/vsnprintf). ---- */
int vdprintf(int fd, const char *fmt, va_list ap);
int dprintf(int fd, const char *fmt, ...) __attribute__((format(__printf__, 2, 3)));
int printf(const char *fmt, ...) __attribute__((format(__printf__, 1, 2)));
int eprintf(const char *fmt, ...) __attribute__((format(__printf__, 1, 2)));   /* to stderr */
int puts_fd(int fd, const char *s);        /* writes s as is (no newline added) */
/* Writes all len bytes, retrying short writes; returns len or the first error. */
long write_all(int fd, const void *buf, uint32_t len);

/* ---- error.c ---- */
const char *strerror(int err);             /* accepts err or -err */
const char *errno_name(int err);           /* "ENOENT", or "E?" for an unknown number */

/* ---- args.c: argument helpers ---- */
/* Parses a whole decimal (or 0x-prefixed hexadecimal) number; false on junk, empty or overflow. */
bool parse_u32(const char *s, uint32_t *out);
bool parse_i32(const char *s, int32_t *out);
/* Prints "PROG: usage: PROG USAGE" on stderr and returns 2, the conventional usage-error status. */
int usage_error(const char *prog, const char *usage);

#endif
