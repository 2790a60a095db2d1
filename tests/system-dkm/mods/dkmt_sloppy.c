/* dkmt_sloppy.c — registers a device, a /proc entry, a periodic timer and an IRQ handler and has
 * no exit at all: unloading must remove all four itself and warn, so nothing points into freed memory. */
#include "ark/device.h"
#include "ark/irq.h"
#include "ark/kernel.h"
#include "ark/module.h"
#include "ark/proc.h"
#include "ark/timer.h"

MODULE_NAME("dkmt_sloppy");
MODULE_LICENSE("MIT");

static unsigned ticks;

static long sloppy_read(struct ark_file *f, char *buf, uint32_t len)
{
    if (len < 2 || f->pos > 0)
        return 0;
    buf[0] = 's';
    buf[1] = '\n';
    f->pos = 2;
    return 2;
}

static const struct ark_file_ops ops = { .read = sloppy_read };

static int show(struct ark_seq *s, void *priv)
{
    (void)priv;
    return seq_printf(s, "ticks %u\n", ticks);
}

static void tick(void *arg)
{
    (void)arg;
    ticks++;
}

static void on_irq(int irq, void *arg)
{
    (void)irq;
    (void)arg;
    ticks++;
}

int module_init(void)
{
    dev_register("dkmtsloppy", &ops, NULL);
    proc_create("dkmtsloppy", show, NULL, NULL);
    struct ark_timer *t = timer_create(tick, NULL);
    if (t)
        timer_start(t, 5, true);
    irq_register(5, on_irq, NULL);   /* ISA line 5: nothing raises it under QEMU */
    return 0;
}
