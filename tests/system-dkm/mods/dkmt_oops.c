/* dkmt_oops.c — /dev/dkmtoops, whose read dereferences NULL: the reading process is killed, the
 * module marked faulted, the kernel carries on. */
#include "ark/device.h"
#include "ark/kernel.h"
#include "ark/module.h"

MODULE_NAME("dkmt_oops");
MODULE_LICENSE("MIT");

static int *volatile nowhere;

__attribute__((noinline)) long dkmt_oops_read(struct ark_file *f, char *buf, uint32_t len)
{
    (void)f;
    (void)len;
    buf[0] = (char)*nowhere;
    return 1;
}

static const struct ark_file_ops oops_ops = { .read = dkmt_oops_read };

int module_init(void)
{
    return dev_register("dkmtoops", &oops_ops, NULL);
}

void module_exit(void)
{
    dev_unregister("dkmtoops");
}
