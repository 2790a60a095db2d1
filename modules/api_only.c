/* api_only — uses nothing but the ark_kernel_api_t table handed to init: no symbol imports at all
 * (readelf shows no undefined symbols), so it links against any kernel with a compatible table.
 * It keeps /proc/api_only, which counts its reads. */
#include "ark/errno.h"
#include "ark/init_api.h"
#include "ark/module.h"

MODULE_NAME("api_only");
MODULE_VERSION("1.0");
MODULE_LICENSE("MIT");
MODULE_DESCRIPTION("a module that imports no symbols and uses only the kernel API table");

static const ark_kernel_api_t *kapi;
static unsigned int reads;

static int api_only_show(struct ark_seq *s, void *priv)
{
    (void)priv;
    reads++;
    return kapi->seq_printf(s, "api_only: read %u, uptime %u ms\n", reads,
                            (unsigned)kapi->uptime_ms()) < 0 ? -EIO : 0;
}

int module_init(const ark_kernel_api_t *api)
{
    /* The table only grows: check that the members used here exist in the running kernel. */
    if (!api || api->size < sizeof(*api) || (api->abi_version >> 16) != ARK_ABI_MAJOR)
        return -EINVAL;
    kapi = api;
    int err = api->proc_create("api_only", api_only_show, NULL, NULL);
    if (err)
        return err;
    api->printk("api_only: loaded without imports\n");
    return 0;
}

void module_exit(void)
{
    kapi->proc_remove("api_only");
    kapi->printk("api_only: unloaded after %u reads\n", reads);
}
