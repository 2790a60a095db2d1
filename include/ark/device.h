/* ark/device.h — character devices under /dev, for the kernel's drivers and for modules.
 * Buffers handed to read and write are kernel memory: the VFS copies to and from user space. */
#ifndef ARK_DEVICE_H
#define ARK_DEVICE_H

#include "ark/types.h"

struct ark_file {
    void *private_data;         /* the driver's, per open; starts as the priv given at registration */
    uint32_t flags;             /* ARK_O_* from open */
    uint32_t pos;               /* current offset; read/write may update it */
};

struct ark_file_ops {
    int  (*open)(struct ark_file *f);                                  /* optional; 0 or -errno */
    int  (*close)(struct ark_file *f);                                 /* optional */
    long (*read)(struct ark_file *f, char *buf, uint32_t len);         /* bytes, 0 at end, -errno */
    long (*write)(struct ark_file *f, const char *buf, uint32_t len);  /* bytes or -errno */
    long (*ioctl)(struct ark_file *f, uint32_t cmd, uintptr_t arg);    /* arg may be a user pointer:
                                                                          use copy_from/to_user */
};

/* Creates /dev/NAME, owned by root and readable and writable by root only (mode 0600, udev's
 * default). -EEXIST if the name is taken. */
int dev_register(const char *name, const struct ark_file_ops *ops, void *priv);
/* The same with an owner, a group and a mode (permission bits, e.g. 0666 or ARK_S_IRUSR |
 * ARK_S_IWUSR | ARK_S_IRGRP): opening for reading or writing is checked against them; root may
 * open any device. -EINVAL for a mode with bits outside 07777. */
int dev_register_mode(const char *name, const struct ark_file_ops *ops, void *priv, ark_uid_t uid,
                      ark_gid_t gid, uint32_t mode);

/* poll(2) on a device. A driver whose reads or writes can block gives a poll function: it calls
 * ark_poll_wait for every wait queue whose wake-up can change its answer (before looking at its
 * state, so no wake-up is missed), then returns the ARK_POLL* bits (ark/syscall.h) that hold
 * now. The poller sleeps until one of those queues is woken (ark_wake_up_all: ark_wake_up wakes
 * only the oldest sleeper, which may be a reader) and asks again. Without a poll function a
 * device is always readable and writable, as on Linux. pt may be NULL (no waiting wanted). */
struct ark_poll_table;
typedef uint32_t (*ark_poll_fn)(struct ark_file *f, struct ark_poll_table *pt);
struct ark_wait_queue;
void ark_poll_wait(struct ark_poll_table *pt, struct ark_wait_queue *wq);
/* dev_register with a poll function. */
int dev_register_poll(const char *name, const struct ark_file_ops *ops, ark_poll_fn poll,
                      void *priv);
/* Removes /dev/NAME. -EBUSY while it is open, -ENOENT if absent. */
int dev_unregister(const char *name);

#endif
