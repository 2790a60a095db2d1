/* tty.c — linux/tty.h: the console as the one terminal, its driver's operations writing straight
 * to it. */
#include "sched.h"
#include "proc.h"
#include "console.h"
#include "lx_internal.h"
#include <linux/tty.h>

static ssize_t console_tty_write(struct tty_struct *tty, const u8 *buf, size_t count)
{
    (void)tty;
    console_write((const char *)buf, count);
    return (ssize_t)count;
}

static int console_tty_put_char(struct tty_struct *tty, u8 ch)
{
    (void)tty;
    console_write((const char *)&ch, 1);
    return 1;
}

static void console_tty_flush_chars(struct tty_struct *tty)
{
    (void)tty;                         /* nothing is buffered */
}

static unsigned int console_tty_write_room(struct tty_struct *tty)
{
    (void)tty;
    return 4096;                       /* the console takes what it is given */
}

static unsigned int console_tty_chars_in_buffer(struct tty_struct *tty)
{
    (void)tty;
    return 0;
}

static const struct tty_operations console_tty_ops = {
    .write = console_tty_write,
    .put_char = console_tty_put_char,
    .flush_chars = console_tty_flush_chars,
    .write_room = console_tty_write_room,
    .chars_in_buffer = console_tty_chars_in_buffer,
};

static struct tty_driver console_driver = {
    .driver_name = "console",
    .name = "console",
    .major = 5,
    .minor_start = 1,
    .num = 1,
    .ops = &console_tty_ops,
};

static struct tty_struct console_tty = {
    .driver = &console_driver,
    .ops = &console_tty_ops,
    .index = 0,
    .name = "console",
};

struct tty_struct *get_current_tty(void)
{
    return !sched_in_interrupt() && proc_current() ? &console_tty : NULL;
}
KERNEL_EXPORT(get_current_tty);

unsigned int tty_write_room(struct tty_struct *tty)
{
    return tty && tty->ops && tty->ops->write_room ? tty->ops->write_room(tty) : 0;
}
KERNEL_EXPORT(tty_write_room);

const char *tty_name(const struct tty_struct *tty)
{
    return tty ? tty->name : "NULL tty";
}
KERNEL_EXPORT(tty_name);
