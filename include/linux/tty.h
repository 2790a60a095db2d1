/* linux/tty.h — the terminal of the running process. ark has one terminal, the console, and every
 * process has it (they all descend from init, which runs on it): get_current_tty gives it to code
 * running for a process and NULL to kernel threads and interrupt handlers. Writing to it puts the
 * bytes on the console as they are: "\r\n" ends a line. */
#ifndef _LINUX_TTY_H
#define _LINUX_TTY_H
#include <linux/types.h>
#include <linux/tty_driver.h>
#include <linux/string.h>

struct tty_struct {
    struct tty_driver *driver;
    const struct tty_operations *ops;
    int index;
    char name[64];
};

/* The caller's terminal, or NULL. It lives as long as the kernel: tty_kref_put is a no-op. */
struct tty_struct *get_current_tty(void);
static inline struct tty_struct *tty_kref_get(struct tty_struct *tty) { return tty; }
static inline void tty_kref_put(struct tty_struct *tty) { (void)tty; }
unsigned int tty_write_room(struct tty_struct *tty);
const char *tty_name(const struct tty_struct *tty);
#endif
