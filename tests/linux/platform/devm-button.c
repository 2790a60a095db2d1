/* devm-button.c — a platform driver that takes everything with devm_: a GPIO input line, its
 * interrupt (devm_request_irq, named after the device), a label from devm_kasprintf and its
 * state from devm_kmemdup; remove does nothing, so the release of the managed resources is what
 * frees the line and the handler. early_free=1 gives the handler back in probe (devm_free_irq). */
#include <linux/gpio.h>
#include <linux/interrupt.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/platform_device.h>

#define BUTTON_GPIO 30

static int early_free;
module_param(early_free, int, 0444);

struct button {
    int presses;
    const char *label;
};

static irqreturn_t pressed(int irq, void *data)
{
    struct button *b = data;
    b->presses++;
    pr_info("devm_button: %s pressed (%d)\n", b->label, b->presses);
    return IRQ_HANDLED;
}

static int button_probe(struct platform_device *pdev)
{
    static const struct button initial = { 0, NULL };
    struct button *b = devm_kmemdup(&pdev->dev, &initial, sizeof(initial), GFP_KERNEL);
    int irq, rc;

    if (!b)
        return -ENOMEM;
    b->label = devm_kasprintf(&pdev->dev, GFP_KERNEL, "button %d on gpio %d", pdev->id, BUTTON_GPIO);
    rc = devm_gpio_request_one(&pdev->dev, BUTTON_GPIO, GPIOF_IN, "devm-button");
    if (rc)
        return dev_err_probe(&pdev->dev, rc, "gpio %d\n", BUTTON_GPIO);
    irq = gpio_to_irq(BUTTON_GPIO);
    rc = devm_request_irq(&pdev->dev, irq, pressed, IRQF_TRIGGER_RISING, NULL, b);
    if (rc)
        return dev_err_probe(&pdev->dev, rc, "irq %d\n", irq);
    if (early_free)
        devm_free_irq(&pdev->dev, irq, b);
    devm_free_irq(&pdev->dev, irq, (void *)&initial);   /* not one it took: reported */
    dev_info(&pdev->dev, "%s ready%s\n", b->label, early_free ? ", its handler already given back" : "");
    return 0;
}

static void button_remove(struct platform_device *pdev)
{
    dev_info(&pdev->dev, "remove (the managed resources go after this)\n");
}

static struct platform_driver button_driver = {
    .probe = button_probe,
    .remove_new = button_remove,
    .driver = { .name = "devm-button" },
};

static struct platform_device *button_dev;

static int __init button_init(void)
{
    int rc = platform_driver_register(&button_driver);
    if (rc)
        return rc;
    button_dev = platform_device_register_simple("devm-button", 7, NULL, 0);
    if (IS_ERR(button_dev)) {
        platform_driver_unregister(&button_driver);
        return PTR_ERR(button_dev);
    }
    return 0;
}

static void __exit button_exit(void)
{
    platform_device_unregister(button_dev);
    platform_driver_unregister(&button_driver);
}

module_init(button_init);
module_exit(button_exit);
MODULE_LICENSE("GPL");
