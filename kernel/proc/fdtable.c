/* fdtable.c — a process's file descriptors: small integers naming reference-counted open files
 * (struct file, vfs.h). Several descriptors, or processes, may share one file through dup2/spawn. */
#include "proc.h"
#include "vfs.h"
#include "ark/errno.h"

int fd_install(struct process *p, struct file *f)
{
    for (int fd = 0; fd < PROC_MAX_FDS; fd++) {
        if (!p->fds[fd]) {
            p->fds[fd] = f;
            return fd;
        }
    }
    return -EMFILE;
}

struct file *fd_get(struct process *p, int fd)
{
    if (fd < 0 || fd >= PROC_MAX_FDS)
        return NULL;
    return p->fds[fd];
}

int fd_close(struct process *p, int fd)
{
    struct file *f = fd_get(p, fd);
    if (!f)
        return -EBADF;
    p->fds[fd] = NULL;
    return vfs_close(f);
}

int fd_dup2(struct process *p, int oldfd, int newfd)
{
    struct file *f = fd_get(p, oldfd);
    if (!f || newfd < 0 || newfd >= PROC_MAX_FDS)
        return -EBADF;
    if (oldfd == newfd)
        return newfd;
    vfs_file_get(f);
    if (p->fds[newfd])
        vfs_close(p->fds[newfd]);
    p->fds[newfd] = f;
    return newfd;
}

void fd_close_all(struct process *p)
{
    for (int fd = 0; fd < PROC_MAX_FDS; fd++)
        if (p->fds[fd])
            fd_close(p, fd);
}
