/* i8042-fake.h — the PC keyboard controller as these tests' interrupt source: i8042_kbd_irq_on
 * turns on its interrupt (IRQ 1) for keyboard bytes, and i8042_fake_key makes it deliver a byte
 * as if typed (command 0xD2), which raises IRQ 1. Shared by the modules of this directory. */
#ifndef TESTS_LINUX_IRQ_I8042_FAKE_H
#define TESTS_LINUX_IRQ_I8042_FAKE_H
#include <linux/errno.h>
#include <linux/io.h>
#include <linux/types.h>

#define I8042_DATA     0x60
#define I8042_STATUS   0x64
#define I8042_COMMAND  0x64
#define STS_OBF        0x01
#define STS_IBF        0x02
#define STS_AUX        0x20
#define CMD_READ_MODE  0x20
#define CMD_WRITE_MODE 0x60
#define CMD_FAKE_KEY   0xD2
#define MODE_KBD_INT   0x01
#define KBD_IRQ        1
#define SPIN           100000

static inline int i8042_wait_input_empty(void)
{
    for (int i = 0; i < SPIN; i++)
        if (!(inb(I8042_STATUS) & STS_IBF))
            return 0;
    return -EIO;
}

/* Drains what the controller holds and sets the keyboard-interrupt bit of its mode byte. */
static inline int i8042_kbd_irq_on(void)
{
    u8 mode;
    int i;

    for (i = 0; i < 16 && (inb(I8042_STATUS) & STS_OBF); i++)
        (void)inb(I8042_DATA);
    if (i8042_wait_input_empty())
        return -ENODEV;
    outb(CMD_READ_MODE, I8042_COMMAND);
    for (i = 0; i < SPIN && !(inb(I8042_STATUS) & STS_OBF); i++)
        ;
    mode = inb(I8042_DATA);
    if (i8042_wait_input_empty())
        return -EIO;
    outb(CMD_WRITE_MODE, I8042_COMMAND);
    if (i8042_wait_input_empty())
        return -EIO;
    outb(mode | MODE_KBD_INT, I8042_DATA);
    return 0;
}

static inline int i8042_fake_key(u8 key)
{
    if (i8042_wait_input_empty())
        return -EIO;
    outb(CMD_FAKE_KEY, I8042_COMMAND);
    if (i8042_wait_input_empty())
        return -EIO;
    outb(key, I8042_DATA);
    return 0;
}
#endif
