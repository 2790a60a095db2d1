/* sys_poll.c — SYS_POLL: the caller's struct ark_pollfd array is copied in once and checked, each
 * open descriptor's file is held for the duration (the wait may be long), and only the revents
 * fields go back. */
#include "syscalls.h"
#include "proc.h"
#include "vfs.h"
#include "ark/errno.h"
#include "ark/kernel.h"

long sys_poll(SYSCALL_ARGS)
{
    SYSCALL_UNUSED_ARGS();
    struct ark_pollfd *ufds = (struct ark_pollfd *)(uintptr_t)a1;
    uint32_t n = a2;
    int32_t timeout_ms = (int32_t)a3;

    if (n > ARK_POLL_MAX)
        return -EINVAL;
    if (timeout_ms < -1)
        return -EINVAL;
    if (n && !user_access_ok(ufds, n * sizeof(*ufds), true))
        return -EFAULT;
    struct ark_pollfd kfds[ARK_POLL_MAX];
    struct file *files[ARK_POLL_MAX] = { 0 };
    uint16_t events[ARK_POLL_MAX] = { 0 }, revents[ARK_POLL_MAX] = { 0 };
    if (n && copy_from_user(kfds, ufds, n * sizeof(*ufds)) != 0)
        return -EFAULT;
    long invalid = 0;
    for (uint32_t i = 0; i < n; i++) {
        files[i] = kfds[i].fd < 0 ? NULL : fd_get(proc_current(), kfds[i].fd);
        events[i] = (uint16_t)kfds[i].events;
        revents[i] = 0;
        if (files[i])
            vfs_file_get(files[i]);
        else if (kfds[i].fd >= 0)
            invalid++;                 /* not open: POLLNVAL, and no waiting */
    }
    long ready;
    if (invalid) {
        /* the open ones are still looked at, without waiting */
        ready = vfs_poll_files(files, events, revents, n, 0);
        if (ready >= 0) {
            for (uint32_t i = 0; i < n; i++)
                if (!files[i] && kfds[i].fd >= 0)
                    revents[i] = ARK_POLLNVAL;
            ready += invalid;
        }
    } else {
        ready = vfs_poll_files(files, events, revents, n, timeout_ms);
    }
    for (uint32_t i = 0; i < n; i++)
        if (files[i])
            vfs_close(files[i]);
    if (ready < 0)
        return ready;
    for (uint32_t i = 0; i < n; i++) {
        kfds[i].revents = (int16_t)revents[i];
        if (copy_to_user(&ufds[i].revents, &kfds[i].revents, sizeof(kfds[i].revents)) != 0)
            return -EFAULT;
    }
    return ready;
}
