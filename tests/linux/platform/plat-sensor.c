/* plat-sensor.c — a platform driver bound by its id_table, which MODULE_DEVICE_TABLE turns into
 * platform: aliases, so the kernel loads it when a sensor device appears; a probe that fails
 * leaves the device unbound with a message. */
#include <linux/kernel.h>
#include <linux/mod_devicetable.h>
#include <linux/module.h>
#include <linux/platform_device.h>

static int sensor_probe(struct platform_device *pdev)
{
    const struct platform_device_id *id = platform_get_device_id(pdev);

    if (id->driver_data == 2)
        return -EIO;
    dev_info(&pdev->dev, "sensor probe as %s (model %lu), alarm irq %d, missing irq %d\n",
             id->name, (unsigned long)id->driver_data, platform_get_irq(pdev, 0),
             platform_get_irq_optional(pdev, 1));
    return 0;
}

static void sensor_remove(struct platform_device *pdev)
{
    dev_info(&pdev->dev, "sensor remove\n");
}

static const struct platform_device_id sensor_ids[] = {
    { "ark-sensor", 1 },
    { "ark-sensor-broken", 2 },
    { }
};
MODULE_DEVICE_TABLE(platform, sensor_ids);

static struct platform_driver sensor_driver = {
    .probe = sensor_probe,
    .remove_new = sensor_remove,
    .id_table = sensor_ids,
    .driver = { .name = "ark-sensor-drv" },
};
module_platform_driver(sensor_driver);
MODULE_LICENSE("GPL");
