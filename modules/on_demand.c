/* on_demand — a driver the kernel loads by itself: its alias "dev:ondemand" is in the ramdisk's
 * module index, so the first open of /dev/ondemand, with no such device registered yet, loads this
 * module (like Linux's request_module) and the open then succeeds. */
#include "ark/device.h"
#include "ark/errno.h"
#include "ark/kernel.h"
#include "ark/module.h"

MODULE_NAME("on_demand");
MODULE_VERSION("1.0");
MODULE_LICENSE("MIT");
MODULE_DESCRIPTION("provides /dev/ondemand; loaded automatically when it is first opened");
MODULE_ALIAS("dev:ondemand");

static const char on_demand_msg[] = "on_demand: loaded on first open\n";

static long on_demand_read(struct ark_file *f, char *buf, uint32_t len)
{
    uint32_t size = sizeof(on_demand_msg) - 1;
    if (f->pos >= size)
        return 0;
    uint32_t n = size - f->pos < len ? size - f->pos : len;
    memcpy(buf, on_demand_msg + f->pos, n);
    f->pos += n;
    return n;
}

static const struct ark_file_ops on_demand_ops = { .read = on_demand_read };

int module_init(void)
{
    int err = dev_register("ondemand", &on_demand_ops, NULL);
    if (!err)
        printk("on_demand: /dev/ondemand registered\n");
    return err;
}

void module_exit(void)
{
    dev_unregister("ondemand");
}
