/* probe-oops.c — a platform driver whose probe dereferences NULL, bound to a device the module
 * registers itself: the oops is contained inside the bus's call, the device stays unbound, and
 * the bus (whose lock the probe ran under) keeps working for every other module. */
#include <linux/init.h>
#include <linux/module.h>
#include <linux/platform_device.h>

static int oops_probe(struct platform_device *pdev)
{
    int *nowhere = NULL;

    pr_info("probe_oops: probing %s\n", dev_name(&pdev->dev));
    return *(volatile int *)nowhere;
}

static struct platform_driver oops_driver = {
    .probe = oops_probe,
    .driver = { .name = "ark-oops" },
};

static struct platform_device *oops_device;

static int __init probe_oops_init(void)
{
    int rc = platform_driver_register(&oops_driver);

    if (rc)
        return rc;
    oops_device = platform_device_register_simple("ark-oops", PLATFORM_DEVID_NONE, NULL, 0);
    pr_info("probe_oops: device registered: %s\n", IS_ERR(oops_device) ? "no" : "yes");
    return 0;
}

static void __exit probe_oops_exit(void)
{
    platform_device_unregister(oops_device);
    platform_driver_unregister(&oops_driver);
}

module_init(probe_oops_init);
module_exit(probe_oops_exit);
MODULE_LICENSE("GPL");
