/* dkmt_helper.c — exports a registration helper other modules call with their own ops: the device
 * is theirs (their memory holds its ops), not this module's. */
#include "ark/device.h"
#include "ark/kernel.h"
#include "ark/module.h"

MODULE_NAME("dkmt_helper");
MODULE_VERSION("1.0");
MODULE_LICENSE("MIT");

int dkmt_helper_register(const char *name, const struct ark_file_ops *ops)
{
    int rc = dev_register(name, ops, NULL);
    printk("dkmt_helper: registered /dev/%s for a caller (%d)\n", name, rc);
    return rc;
}
EXPORT_SYMBOL(dkmt_helper_register);

int dkmt_helper_unregister(const char *name)
{
    return dev_unregister(name);
}
EXPORT_SYMBOL(dkmt_helper_unregister);
