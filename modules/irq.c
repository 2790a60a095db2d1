/* irq — an interrupt handler on a real line: IRQ 1 of the PC's i8042 keyboard controller. Writing
 * to /proc/irq_demo makes the controller deliver each written byte as if it came from the keyboard
 * (command 0xD2), which raises IRQ 1; the handler reads the byte and counts it. `cat /proc/irq_demo`
 * shows the count and the last byte. */
#include "ark/errno.h"
#include "ark/irq.h"
#include "ark/kernel.h"
#include "ark/module.h"
#include "ark/proc.h"

MODULE_NAME("irq");
MODULE_VERSION("1.0");
MODULE_LICENSE("MIT");
MODULE_DESCRIPTION("counts i8042 keyboard-controller interrupts (IRQ 1) in /proc/irq_demo");

#define I8042_DATA          0x60
#define I8042_STATUS        0x64    /* read */
#define I8042_COMMAND       0x64    /* write */
#define I8042_STS_OBF       0x01    /* output buffer full: a byte waits at I8042_DATA */
#define I8042_STS_IBF       0x02    /* input buffer full: the controller has not taken our byte */
#define I8042_STS_AUX       0x20    /* the waiting byte is from the mouse port */
#define I8042_CMD_READ_MODE 0x20
#define I8042_CMD_WRITE_MODE 0x60
#define I8042_CMD_FAKE_KEY  0xD2    /* next data byte is queued as keyboard input */
#define I8042_MODE_KBD_INT  0x01    /* raise IRQ 1 when keyboard data is waiting */
#define IRQ_DEMO_LINE       1
#define I8042_SPIN          100000

static volatile uint32_t irq_count;
static volatile uint32_t irq_spurious;
static volatile uint8_t irq_last;

static int i8042_wait_input_empty(void)
{
    for (int i = 0; i < I8042_SPIN; i++)
        if (!(inb(I8042_STATUS) & I8042_STS_IBF))
            return 0;
    return -EIO;
}

static int i8042_wait_output_full(void)
{
    for (int i = 0; i < I8042_SPIN; i++)
        if (inb(I8042_STATUS) & I8042_STS_OBF)
            return 0;
    return -EIO;
}

static int i8042_command(uint8_t cmd)
{
    int err = i8042_wait_input_empty();
    if (!err)
        outb(I8042_COMMAND, cmd);
    return err;
}

static int i8042_write_data(uint8_t v)
{
    int err = i8042_wait_input_empty();
    if (!err)
        outb(I8042_DATA, v);
    return err;
}

/* Interrupt context. The PIC may remember an edge from before registration, so only a waiting
 * keyboard byte counts as a real interrupt. */
static void irq_demo_handler(int irq, void *arg)
{
    (void)irq;
    (void)arg;
    uint8_t status = inb(I8042_STATUS);
    if (!(status & I8042_STS_OBF) || (status & I8042_STS_AUX)) {
        irq_spurious++;
        return;
    }
    irq_last = inb(I8042_DATA);
    irq_count++;
}

static int irq_demo_show(struct ark_seq *s, void *priv)
{
    (void)priv;
    return seq_printf(s, "irq: %d\ncount: %u\nlast: 0x%02x\nspurious: %u\n", IRQ_DEMO_LINE,
                      (unsigned)irq_count, (unsigned)irq_last, (unsigned)irq_spurious) < 0 ? -EIO : 0;
}

/* Every byte written is fed through the controller and comes back as one IRQ 1. */
static long irq_demo_trigger(void *priv, const char *buf, uint32_t len)
{
    (void)priv;
    for (uint32_t i = 0; i < len; i++) {
        if (buf[i] == '\n')
            continue;
        int err = i8042_command(I8042_CMD_FAKE_KEY);
        if (!err)
            err = i8042_write_data((uint8_t)buf[i]);
        if (err)
            return err;
        /* The handler empties the buffer; wait for it so bytes are not coalesced. */
        for (int spin = 0; spin < I8042_SPIN && (inb(I8042_STATUS) & I8042_STS_OBF); spin++)
            ;
    }
    return len;
}

int module_init(void)
{
    /* Drain stale bytes, then make sure the controller raises IRQ 1 for keyboard data. */
    for (int i = 0; i < 16 && (inb(I8042_STATUS) & I8042_STS_OBF); i++)
        (void)inb(I8042_DATA);
    int err = i8042_command(I8042_CMD_READ_MODE);
    if (!err)
        err = i8042_wait_output_full();
    if (err) {
        printk(KERN_ERR "irq: no i8042 keyboard controller answers\n");
        return -ENODEV;
    }
    uint8_t mode = inb(I8042_DATA);
    err = i8042_command(I8042_CMD_WRITE_MODE);
    if (!err)
        err = i8042_write_data(mode | I8042_MODE_KBD_INT);
    if (err)
        return -EIO;

    err = irq_register(IRQ_DEMO_LINE, irq_demo_handler, NULL);
    if (err) {
        printk(KERN_ERR "irq: cannot register IRQ %d: error %d\n", IRQ_DEMO_LINE, err);
        return err;
    }
    err = proc_create("irq_demo", irq_demo_show, irq_demo_trigger, NULL);
    if (err) {
        irq_unregister(IRQ_DEMO_LINE, irq_demo_handler, NULL);
        return err;
    }
    printk("irq: handler on IRQ %d (i8042)\n", IRQ_DEMO_LINE);
    return 0;
}

void module_exit(void)
{
    proc_remove("irq_demo");
    irq_unregister(IRQ_DEMO_LINE, irq_demo_handler, NULL);
    printk("irq: %u interrupts handled\n", (unsigned)irq_count);
}
