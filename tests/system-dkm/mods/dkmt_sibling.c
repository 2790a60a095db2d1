/* dkmt_sibling.c — registers from callbacks the kernel invokes, with `return register(...)`, which
 * gcc -O2 compiles into a sibling call (a jmp: the registration function then sees the kernel as
 * its caller's caller). Writing to /proc/dkmt_sibdev creates /dev/dkmtsib; writing to
 * /proc/dkmt_sibirq adds a handler on IRQ 0. The exit removes neither: the unload must. */
#include "ark/device.h"
#include "ark/irq.h"
#include "ark/kernel.h"
#include "ark/module.h"
#include "ark/proc.h"

MODULE_NAME("dkmt_sibling");
MODULE_LICENSE("MIT");

static volatile unsigned ticks_seen;

static long sib_read(struct ark_file *f, char *buf, uint32_t len)
{
    (void)f;
    (void)buf;
    (void)len;
    return 0;
}

static const struct ark_file_ops sib_ops = { .read = sib_read };

static void sib_tick(int irq, void *arg)
{
    (void)irq;
    (void)arg;
    ticks_seen++;
}

/* Both must stay sibling calls: the test checks the object code for the jmp. */
long dkmt_sib_dev_write(void *priv, const char *buf, uint32_t len)
{
    (void)priv;
    (void)buf;
    (void)len;
    return dev_register("dkmtsib", &sib_ops, NULL);
}

long dkmt_sib_irq_write(void *priv, const char *buf, uint32_t len)
{
    (void)priv;
    (void)buf;
    (void)len;
    return irq_register(0, sib_tick, NULL);
}

int module_init(void)
{
    int rc = proc_create("dkmt_sibdev", NULL, dkmt_sib_dev_write, NULL);
    if (rc == 0)
        rc = proc_create("dkmt_sibirq", NULL, dkmt_sib_irq_write, NULL);
    return rc;
}

void module_exit(void)
{
    proc_remove("dkmt_sibdev");
    proc_remove("dkmt_sibirq");
    printk("dkmt_sibling: exit after %s IRQ 0 ticks\n", ticks_seen ? "some" : "no");
}
