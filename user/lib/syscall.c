/* syscall.c — ark system call wrappers: int 0x80 with the number in eax and arguments in ebx, ecx,
 * edx, esi, edi; the kernel's result (or -errno) comes back in eax. */
#include "ulib.h"

long syscall5(uint32_t nr, uint32_t a1, uint32_t a2, uint32_t a3, uint32_t a4, uint32_t a5)
{
    long ret;
    /* "memory" because the kernel reads and writes user buffers behind the compiler's back. */
    __asm__ volatile("int $0x80"
                     : "=a"(ret)
                     : "a"(nr), "b"(a1), "c"(a2), "d"(a3), "S"(a4), "D"(a5)
                     : "memory", "cc");
    return ret;
}

#define SC0(nr)                 syscall5((nr), 0, 0, 0, 0, 0)
#define SC1(nr, a)              syscall5((nr), (uint32_t)(a), 0, 0, 0, 0)
#define SC2(nr, a, b)           syscall5((nr), (uint32_t)(a), (uint32_t)(b), 0, 0, 0)
#define SC3(nr, a, b, c)        syscall5((nr), (uint32_t)(a), (uint32_t)(b), (uint32_t)(c), 0, 0)

void exit(int status)
{
    for (;;)
        SC1(SYS_EXIT, status);
}

long read(int fd, void *buf, uint32_t len)            { return SC3(SYS_READ, fd, buf, len); }
long write(int fd, const void *buf, uint32_t len)     { return SC3(SYS_WRITE, fd, buf, len); }
int  open(const char *path, uint32_t flags)           { return SC2(SYS_OPEN, path, flags); }
int  close(int fd)                                    { return SC1(SYS_CLOSE, fd); }
long ioctl(int fd, uint32_t cmd, uintptr_t arg)       { return SC3(SYS_IOCTL, fd, cmd, arg); }
ark_pid_t spawn(const char *path, char *const argv[]) { return SC3(SYS_SPAWN, path, argv, 0); }
ark_pid_t spawn_flags(const char *path, char *const argv[], uint32_t flags)
{
    return SC3(SYS_SPAWN, path, argv, flags);
}
ark_pid_t wait(ark_pid_t pid, int *status)            { return SC3(SYS_WAIT, pid, status, 0); }
ark_pid_t waitpid(ark_pid_t pid, int *status, uint32_t flags) { return SC3(SYS_WAIT, pid, status, flags); }
int  kill(ark_pid_t pid, int sig)                     { return SC2(SYS_KILL, pid, sig); }
long pslist(struct ark_ps_record *buf, uint32_t max)  { return SC2(SYS_PSLIST, buf, max); }
ark_uid_t getuid(void)                                { return SC0(SYS_GETUID); }
int  setuid(ark_uid_t uid)                            { return SC1(SYS_SETUID, uid); }
int  stat(const char *path, struct ark_stat *out)     { return SC2(SYS_STAT, path, out); }
int  poweroff(void)                                   { return SC0(SYS_POWEROFF); }
ark_pid_t getpid(void)                                { return SC0(SYS_GETPID); }
long lseek(int fd, int32_t offset, int whence)        { return SC3(SYS_LSEEK, fd, offset, whence); }
int  dup2(int oldfd, int newfd)                       { return SC2(SYS_DUP2, oldfd, newfd); }
uint32_t uptime_ms(void)                              { return (uint32_t)SC0(SYS_UPTIME_MS); }
int  sleep_ms(uint32_t ms)                            { return SC1(SYS_SLEEP_MS, ms); }
int  poll(struct ark_pollfd *fds, uint32_t nfds, int32_t timeout_ms)
{
    return SC3(SYS_POLL, fds, nfds, timeout_ms);
}

int readdir(const char *dir, uint32_t index, struct ark_dirent *out)
{
    return SC3(SYS_READDIR, dir, index, out);
}

int  dkm_load(const char *path, const char *args)     { return SC2(SYS_DKM_LOAD, path, args); }
int  dkm_load_flags(const char *path, const char *args, uint32_t flags)
{
    return SC3(SYS_DKM_LOAD, path, args, flags);
}
int  dkm_unload(const char *name, uint32_t flags)     { return SC2(SYS_DKM_UNLOAD, name, flags); }
int  dkm_list(struct ark_dkm_record *buf, uint32_t max) { return SC2(SYS_DKM_LIST, buf, max); }
long dkm_info(const char *name, char *buf, uint32_t size) { return SC3(SYS_DKM_INFO, name, buf, size); }
long dkm_lasterr(char *buf, uint32_t size)            { return SC2(SYS_DKM_LASTERR, buf, size); }
