/* dkmt_dev.c — a character device, /dev/dkmtdev, and a MODULE_ALIAS so it also loads on demand
 * when /dev/dkmtdev is opened while absent. Unregisters itself on exit. */
#include "ark/device.h"
#include "ark/kernel.h"
#include "ark/module.h"

MODULE_NAME("dkmt_dev");
MODULE_VERSION("1.0");
MODULE_LICENSE("MIT");
MODULE_ALIAS("dev:dkmtdev");

static long dev_read(struct ark_file *f, char *buf, uint32_t len)
{
    static const char text[] = "dkmt_dev says hi\n";
    if (f->pos >= sizeof text - 1)
        return 0;
    uint32_t n = sizeof text - 1 - f->pos;
    if (n > len)
        n = len;
    memcpy(buf, text + f->pos, n);
    f->pos += n;
    return (long)n;
}

static const struct ark_file_ops ops = { .read = dev_read };

int module_init(void)
{
    int rc = dev_register("dkmtdev", &ops, NULL);
    printk("dkmt_dev: registered /dev/dkmtdev (%d)\n", rc);
    return rc;
}

void module_exit(void)
{
    dev_unregister("dkmtdev");
}
