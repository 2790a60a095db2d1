/* dkmt_client.c — registers /dev/dkmtclient through dkmt_helper's exported helper, with its own
 * ops: an open /dev/dkmtclient must pin this module, not the helper. */
#include "ark/device.h"
#include "ark/kernel.h"
#include "ark/module.h"

MODULE_NAME("dkmt_client");
MODULE_LICENSE("MIT");

int dkmt_helper_register(const char *name, const struct ark_file_ops *ops);
int dkmt_helper_unregister(const char *name);

static long client_read(struct ark_file *f, char *buf, uint32_t len)
{
    static const char text[] = "client data\n";
    if (f->pos >= sizeof text - 1 || len == 0)
        return 0;
    uint32_t n = sizeof text - 1 - f->pos;
    if (n > len)
        n = len;
    memcpy(buf, text + f->pos, n);
    f->pos += n;
    return (long)n;
}

static const struct ark_file_ops client_ops = { .read = client_read };

int module_init(void)
{
    return dkmt_helper_register("dkmtclient", &client_ops);
}

void module_exit(void)
{
    dkmt_helper_unregister("dkmtclient");
}
