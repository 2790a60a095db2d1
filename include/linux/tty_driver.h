/* linux/tty_driver.h — a terminal driver's operations, as a module reaches them through a
 * tty_struct (tty->ops or tty->driver->ops). ark has one terminal, its console; modules cannot
 * register terminal drivers of their own. */
#ifndef _LINUX_TTY_DRIVER_H
#define _LINUX_TTY_DRIVER_H
#include <linux/types.h>

struct tty_struct;

struct tty_operations {
    /* Queues count bytes for output: how many were taken. Any context. */
    ssize_t (*write)(struct tty_struct *tty, const u8 *buf, size_t count);
    int (*put_char)(struct tty_struct *tty, u8 ch);
    void (*flush_chars)(struct tty_struct *tty);
    unsigned int (*write_room)(struct tty_struct *tty);
    unsigned int (*chars_in_buffer)(struct tty_struct *tty);
};

struct tty_driver {
    const char *driver_name;
    const char *name;
    int major;
    int minor_start;
    unsigned int num;
    const struct tty_operations *ops;
};
#endif
