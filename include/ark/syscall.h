/* ark/syscall.h — system call numbers and the records they exchange; shared by kernel and user space.
 * Calling convention: int 0x80, eax = number, arguments in ebx, ecx, edx, esi, edi; the result comes
 * back in eax, a negative errno on failure. Every pointer argument is checked by the kernel (-EFAULT). */
#ifndef ARK_SYSCALL_H
#define ARK_SYSCALL_H

#include "ark/types.h"

#define SYS_EXIT        1   /* (int status) — does not return */
#define SYS_READ        2   /* (int fd, void *buf, uint32_t len) -> bytes read, 0 at end */
#define SYS_WRITE       3   /* (int fd, const void *buf, uint32_t len) -> bytes written */
#define SYS_OPEN        4   /* (const char *path, uint32_t flags) -> fd */
#define SYS_CLOSE       5   /* (int fd) */
#define SYS_IOCTL       6   /* (int fd, uint32_t cmd, uintptr_t arg) */
#define SYS_SPAWN       7   /* (const char *path, char *const argv[], uint32_t flags) -> pid; argv
                               ends with NULL; flags ARK_SPAWN_NEWGROUP: the child leads a new
                               process group (its pgid is its pid) instead of joining the caller's;
                               ARK_SPAWN_FOREGROUND (with it): that group gets the console's Ctrl-C */
#define SYS_WAIT        8   /* (ark_pid_t pid, int *status, uint32_t flags) -> pid; blocks until
                               that child (pid -1: any) exits; flags ARK_WAIT_NOHANG: 0 if none has */
#define SYS_GETUID      9   /* () -> uid */
#define SYS_SETUID     10   /* (ark_uid_t uid) — only root may change its uid */
#define SYS_READDIR    11   /* (const char *dir, uint32_t index, struct ark_dirent *out) -> 0, -ENOENT past the end */
#define SYS_STAT       12   /* (const char *path, struct ark_stat *out) */
#define SYS_POWEROFF   13   /* () — root only; halts the machine cleanly */
#define SYS_GETPID     14   /* () -> pid */
#define SYS_LSEEK      15   /* (int fd, int32_t offset, int whence) -> new offset */
#define SYS_DUP2       16   /* (int oldfd, int newfd) -> newfd */
#define SYS_UPTIME_MS  17   /* () -> milliseconds since boot */
#define SYS_SLEEP_MS   18   /* (uint32_t ms) -> 0, -EINTR when killed meanwhile */
#define SYS_KILL       19   /* (ark_pid_t pid, int sig) — root, or the process's own user; pid < 0:
                               every process of group -pid */
#define SYS_PSLIST     20   /* (struct ark_ps_record *buf, uint32_t max) -> number of processes and
                               kernel threads (records written = min(result, max)) */
#define SYS_POLL       21   /* (struct ark_pollfd *fds, uint32_t nfds, int32_t timeout_ms) -> how
                               many fds have revents set; waits until one has, timeout_ms passed
                               (0: no wait, -1: forever) or the process is killed (-EINTR) */

#define ARK_WAIT_NOHANG 0x1
#define ARK_SPAWN_NEWGROUP 0x1
/* With ARK_SPAWN_NEWGROUP: the new group becomes the console's foreground (Ctrl-C reaches it)
 * before the child first runs, so a Ctrl-C typed as soon as it starts cannot be lost. */
#define ARK_SPAWN_FOREGROUND 0x2

/* Signals: ark has no handlers; each of these ends the process with status 128 + the number. */
#define ARK_SIGINT  2
#define ARK_SIGKILL 9
#define ARK_SIGTERM 15

#define ARK_PS_NAME_MAX 48
#define ARK_PS_KTHREAD  0x1             /* a kernel thread: name is [thread] or [thread/module] */

/* One SYS_PSLIST record. state: 'R' running or runnable, 'S' sleeping, 'Z' exited (zombie). */
struct ark_ps_record {
    int32_t pid;
    int32_t ppid;                       /* 0: the kernel */
    int32_t uid;
    uint32_t state;
    uint32_t flags;                     /* ARK_PS_* */
    char name[ARK_PS_NAME_MAX];
};

/* SYS_POLL: one descriptor and the events asked for (events) and found (revents), as Linux's
 * struct pollfd. A negative fd is skipped (revents 0); one that is not open gets ARK_POLLNVAL.
 * ERR, HUP and NVAL are reported whether asked for or not. At most ARK_POLL_MAX entries. */
struct ark_pollfd {
    int32_t fd;
    int16_t events;
    int16_t revents;
};
#define ARK_POLLIN     0x0001   /* data to read */
#define ARK_POLLPRI    0x0002   /* urgent data */
#define ARK_POLLOUT    0x0004   /* writing will not block */
#define ARK_POLLERR    0x0008
#define ARK_POLLHUP    0x0010   /* the other side (the device) is gone */
#define ARK_POLLNVAL   0x0020   /* fd not open */
#define ARK_POLLRDNORM 0x0040
#define ARK_POLLWRNORM 0x0100
#define ARK_POLL_MAX   64

/* ioctl on the console: the process group Ctrl-C ends (0: none, Ctrl-C is input then). */
#define ARK_IOCTL_CONSOLE_SET_FG 0x5401

#define SYS_DKM_LOAD   40   /* (const char *path, const char *args, uint32_t flags) -> 0 */
#define SYS_DKM_UNLOAD 41   /* (const char *name, uint32_t flags) -> 0; flags: ARK_DKM_FORCE */
#define SYS_DKM_LIST   42   /* (struct ark_dkm_record *buf, uint32_t max) -> number of modules loaded
                               (records written = min(result, max)) */
#define SYS_DKM_INFO   43   /* (const char *name, char *buf, uint32_t size) -> bytes: "key=value\0..." */
#define SYS_DKM_LASTERR 44  /* (char *buf, uint32_t size) -> bytes: the message of this process's
                               last failed SYS_DKM_* call, e.g. "unresolved symbols: 'foo'" */

#define ARK_O_RDONLY 0x0
#define ARK_O_WRONLY 0x1
#define ARK_O_RDWR   0x2
#define ARK_O_ACCMODE 0x3
#define ARK_O_CREAT  0x40
#define ARK_O_TRUNC  0x200
#define ARK_O_APPEND 0x400

#define ARK_SEEK_SET 0
#define ARK_SEEK_CUR 1
#define ARK_SEEK_END 2

#define ARK_DT_FILE 1
#define ARK_DT_DIR  2
#define ARK_DT_DEV  3

#define ARK_NAME_MAX 64

struct ark_dirent {
    uint32_t type;              /* ARK_DT_* */
    uint32_t size;              /* bytes, for files */
    char name[ARK_NAME_MAX];    /* NUL-terminated */
    uint32_t mode;              /* permission bits, 0777 (ARK_S_*) */
    ark_uid_t uid;              /* owner */
    ark_gid_t gid;              /* group */
};

struct ark_stat {
    uint32_t type;              /* ARK_DT_* */
    uint32_t size;
    uint32_t mode;              /* permission bits, as in struct ark_dirent */
    ark_uid_t uid;
    ark_gid_t gid;
};

/* Permission bits of ark_stat.mode and of the modes given when devices and /proc or /sys files are
 * registered, with Unix's values: owner, group and others, each read, write and execute. */
#define ARK_S_IRWXU 0700
#define ARK_S_IRUSR 0400
#define ARK_S_IWUSR 0200
#define ARK_S_IXUSR 0100
#define ARK_S_IRWXG 0070
#define ARK_S_IRGRP 0040
#define ARK_S_IWGRP 0020
#define ARK_S_IXGRP 0010
#define ARK_S_IRWXO 0007
#define ARK_S_IROTH 0004
#define ARK_S_IWOTH 0002
#define ARK_S_IXOTH 0001
#define ARK_S_IALLUGO 07777

/* SYS_DKM_LOAD flags */
#define ARK_DKM_LOAD_FORCE 0x1  /* insmod -f: load despite an incompatible ABI record */

/* SYS_DKM_UNLOAD flags */
#define ARK_DKM_FORCE 0x1

#define ARK_DKM_NAME_MAX 56
#define ARK_DKM_USERS_MAX 128

/* One SYS_DKM_LIST record per loaded module. */
struct ark_dkm_record {
    char name[ARK_DKM_NAME_MAX];
    char version[24];
    uint32_t size;              /* bytes of module memory */
    uint32_t refcount;          /* modules depending on it plus open files and other holds */
    uint32_t state;             /* ARK_DKM_STATE_* */
    uint32_t address;           /* base of the text region */
    char users[ARK_DKM_USERS_MAX]; /* comma-separated names of modules that depend on it */
    char taint[8];              /* taint letters it brought ("PE"), "" when none */
};

#define ARK_DKM_STATE_LIVE      0
#define ARK_DKM_STATE_COMING    1
#define ARK_DKM_STATE_GOING     2
#define ARK_DKM_STATE_FAULTED   3   /* its code faulted: it never runs again; remove it */

#endif
