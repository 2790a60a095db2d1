/* plat-board.c — a board file: the platform devices a machine has, declared the three usual ways
 * (a static device with platform_data, resources and a release function; register_data; alloc,
 * add_resources and add with an automatic id), one whose driver's probe fails, and a device no
 * driver claims. With leave=1 its
 * exit forgets to unregister them. */
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/platform_device.h>

static bool leave;
module_param(leave, bool, 0444);

struct led_platform_data {
    const char *colour;
    int brightness;
};

static struct led_platform_data red = { .colour = "red", .brightness = 7 };
static struct resource led0_resources[] = {
    DEFINE_RES_MEM_NAMED(0xfed00000, 0x100, "regs"),
    DEFINE_RES_IRQ(5),
};

static void led0_release(struct device *dev)
{
    pr_info("plat_board: %s released\n", dev_name(dev));
}

static struct platform_device led0 = {
    .name = "ark-led",
    .id = 0,
    .num_resources = ARRAY_SIZE(led0_resources),
    .resource = led0_resources,
    .dev = { .platform_data = &red, .release = led0_release },
};

static struct platform_device *led1, *sensor, *broken, *lonely;

static int __init plat_board_init(void)
{
    static const struct led_platform_data green = { .colour = "green", .brightness = 3 };
    static const struct resource sensor_res[] = { DEFINE_RES_IRQ_NAMED(9, "alarm") };
    int rc = platform_device_register(&led0);

    if (rc)
        return rc;
    led1 = platform_device_register_data(NULL, "ark-led", 1, &green, sizeof(green));
    sensor = platform_device_alloc("ark-sensor", PLATFORM_DEVID_AUTO);
    if (sensor && platform_device_add_resources(sensor, sensor_res, 1) == 0)
        rc = platform_device_add(sensor);
    broken = platform_device_register_simple("ark-sensor-broken", 3, NULL, 0);
    lonely = platform_device_register_simple("ark-lonely", PLATFORM_DEVID_NONE, NULL, 0);
    pr_info("plat_board: led1 %s, sensor %s (%d), lonely %s, again %d\n",
            IS_ERR(led1) ? "failed" : dev_name(&led1->dev), dev_name(&sensor->dev), rc,
            IS_ERR(lonely) ? "failed" : dev_name(&lonely->dev), platform_device_register(&led0));
    return 0;
}

static void __exit plat_board_exit(void)
{
    if (!leave) {
        platform_device_unregister(lonely);
        platform_device_unregister(broken);
        platform_device_unregister(sensor);
        platform_device_unregister(led1);
        platform_device_unregister(&led0);
    }
    pr_info("plat_board: exit%s\n", leave ? " without unregistering" : "");
}

module_init(plat_board_init);
module_exit(plat_board_exit);
MODULE_LICENSE("GPL");
