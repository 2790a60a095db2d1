/* sys_file.c — file system calls: descriptors over the VFS. Data moves through a kernel bounce
 * buffer, because the VFS and drivers work on kernel memory only. */
#include "syscalls.h"
#include "proc.h"
#include "vfs.h"
#include "ark/errno.h"
#include "ark/kernel.h"

#define IO_CHUNK_MAX (16 * 1024)

static struct file *current_file(uint32_t fd)
{
    return fd_get(proc_current(), (int)fd);
}

long sys_read(SYSCALL_ARGS)
{
    SYSCALL_UNUSED_ARGS();
    struct file *f = current_file(a1);
    void *ubuf = (void *)(uintptr_t)a2;
    uint32_t len = a3;
    if (!f)
        return -EBADF;
    if (len == 0)
        return 0;
    if (!user_access_ok(ubuf, len, true))
        return -EFAULT;
    uint32_t chunk = len < IO_CHUNK_MAX ? len : IO_CHUNK_MAX;
    char *kbuf = kmalloc(chunk);
    if (!kbuf)
        return -ENOMEM;
    /* One read: a short count is normal (a console line, the end of a file). */
    long n = vfs_read(f, kbuf, chunk);
    if (n > 0 && copy_to_user(ubuf, kbuf, (size_t)n) != 0)
        n = -EFAULT;
    kfree(kbuf);
    return n;
}

long sys_write(SYSCALL_ARGS)
{
    SYSCALL_UNUSED_ARGS();
    struct file *f = current_file(a1);
    const char *ubuf = (const char *)(uintptr_t)a2;
    uint32_t len = a3;
    if (!f)
        return -EBADF;
    if (len == 0)
        return 0;
    if (!user_access_ok(ubuf, len, false))
        return -EFAULT;
    uint32_t chunk = len < IO_CHUNK_MAX ? len : IO_CHUNK_MAX;
    char *kbuf = kmalloc(chunk);
    if (!kbuf)
        return -ENOMEM;
    long total = 0;
    while ((uint32_t)total < len) {
        uint32_t n = len - (uint32_t)total < chunk ? len - (uint32_t)total : chunk;
        if (copy_from_user(kbuf, ubuf + total, n) != 0) {
            total = total ? total : -EFAULT;
            break;
        }
        long w = vfs_write(f, kbuf, n);
        if (w < 0) {
            total = total ? total : w;
            break;
        }
        total += w;
        if ((uint32_t)w < n)
            break;                       /* the file took less: report what was written */
    }
    kfree(kbuf);
    return total;
}

/* Copies a path argument; -EFAULT, -ENAMETOOLONG or the length. */
static long path_from_user(char *kpath, uint32_t upath)
{
    if (!upath)
        return -EFAULT;
    long n = strncpy_from_user(kpath, (const char *)(uintptr_t)upath, VFS_PATH_MAX);
    if (n == 0)
        return -ENOENT;
    return n;
}

long sys_open(SYSCALL_ARGS)
{
    SYSCALL_UNUSED_ARGS();
    char path[VFS_PATH_MAX];
    long rc = path_from_user(path, a1);
    if (rc < 0)
        return rc;
    struct file *f;
    rc = vfs_open(path, a2, &f);
    if (rc < 0)
        return rc;
    int fd = fd_install(proc_current(), f);
    if (fd < 0)
        vfs_close(f);
    return fd;
}

long sys_close(SYSCALL_ARGS)
{
    SYSCALL_UNUSED_ARGS();
    return fd_close(proc_current(), (int)a1);
}

long sys_ioctl(SYSCALL_ARGS)
{
    SYSCALL_UNUSED_ARGS();
    struct file *f = current_file(a1);
    if (!f)
        return -EBADF;
    return vfs_ioctl(f, a2, a3);        /* the driver checks a pointer argument itself */
}

long sys_readdir(SYSCALL_ARGS)
{
    SYSCALL_UNUSED_ARGS();
    char path[VFS_PATH_MAX];
    void *uout = (void *)(uintptr_t)a3;
    if (!user_access_ok(uout, sizeof(struct ark_dirent), true))
        return -EFAULT;
    long rc = path_from_user(path, a1);
    if (rc < 0)
        return rc;
    struct ark_dirent de;
    memset(&de, 0, sizeof(de));
    rc = vfs_readdir(path, a2, &de);
    if (rc < 0)
        return rc;
    return copy_to_user(uout, &de, sizeof(de));
}

long sys_stat(SYSCALL_ARGS)
{
    SYSCALL_UNUSED_ARGS();
    char path[VFS_PATH_MAX];
    void *uout = (void *)(uintptr_t)a2;
    if (!user_access_ok(uout, sizeof(struct ark_stat), true))
        return -EFAULT;
    long rc = path_from_user(path, a1);
    if (rc < 0)
        return rc;
    struct ark_stat st;
    memset(&st, 0, sizeof(st));
    rc = vfs_stat(path, &st);
    if (rc < 0)
        return rc;
    return copy_to_user(uout, &st, sizeof(st));
}

long sys_lseek(SYSCALL_ARGS)
{
    SYSCALL_UNUSED_ARGS();
    struct file *f = current_file(a1);
    if (!f)
        return -EBADF;
    return vfs_lseek(f, (int32_t)a2, (int)a3);
}

long sys_dup2(SYSCALL_ARGS)
{
    SYSCALL_UNUSED_ARGS();
    return fd_dup2(proc_current(), (int)a1, (int)a2);
}
