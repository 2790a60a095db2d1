/* plat-led.c — a platform driver bound by its name: probe reads platform_data, a named memory
 * resource and the interrupt, and keeps per-device state in drvdata, in managed memory with a
 * managed clean-up action that runs after remove. */
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/platform_device.h>
#include <linux/slab.h>

struct led_platform_data {
    const char *colour;
    int brightness;
};

struct led_state {
    char label[32];
    struct device *dev;
};

static void led_cleanup(void *data)
{
    struct led_state *st = data;
    dev_info(st->dev, "managed clean-up of %s\n", st->label);
}

static int led_probe(struct platform_device *pdev)
{
    struct led_platform_data *pd = dev_get_platdata(&pdev->dev);
    struct resource *regs = platform_get_resource_byname(pdev, IORESOURCE_MEM, "regs");
    struct led_state *st;

    if (!pd)
        return -EINVAL;
    st = devm_kzalloc(&pdev->dev, sizeof(*st), GFP_KERNEL);
    if (!st)
        return -ENOMEM;
    scnprintf(st->label, sizeof(st->label), "%s:%d", pd->colour, pd->brightness);
    st->dev = &pdev->dev;
    if (devm_add_action_or_reset(&pdev->dev, led_cleanup, st))
        return -ENOMEM;
    platform_set_drvdata(pdev, st);
    if (regs)
        dev_info(&pdev->dev, "probe %s, regs %#x size %#x, irq %d\n", st->label,
                 (unsigned int)regs->start, (unsigned int)resource_size(regs),
                 platform_get_irq(pdev, 0));
    else
        dev_info(&pdev->dev, "probe %s, no registers\n", st->label);
    return 0;
}

static int led_remove(struct platform_device *pdev)
{
    struct led_state *st = platform_get_drvdata(pdev);

    dev_info(&pdev->dev, "remove %s\n", st->label);
    return 0;
}

static int led_suspend(struct device *dev)
{
    return 0;
}
static int led_resume(struct device *dev)
{
    return 0;
}
static SIMPLE_DEV_PM_OPS(led_pm, led_suspend, led_resume);

static struct platform_driver led_driver = {
    .probe = led_probe,
    .remove = led_remove,
    .driver = { .name = "ark-led", .pm = &led_pm },
};
module_platform_driver(led_driver);
MODULE_LICENSE("GPL");
