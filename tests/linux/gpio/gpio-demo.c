/* gpio-demo.c — a board's buttons and LED on ark's simulated GPIO controller: the LED on line 4
 * is an output, the button on line 17 raises its interrupt on the rising edge (a hard handler
 * turns the LED on), the button on 18 on the falling edge (a threaded handler turns it off). The
 * requests that must fail do: a taken line, a line that does not exist, and an array with a
 * taken line in it, which requests none. With leave=1 the exit frees nothing. */
#include <linux/gpio.h>
#include <linux/init.h>
#include <linux/interrupt.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/sched.h>
#include <linux/string.h>

#define LED      4
#define BUTTON_ON  17
#define BUTTON_OFF 18

static bool leave;
module_param(leave, bool, 0444);

static struct gpio buttons[] = {
    { BUTTON_ON, GPIOF_IN, "button on" },
    { BUTTON_OFF, GPIOF_IN, "button off" },
};
static int irq_on, irq_off;

static irqreturn_t on_pressed(int irq, void *dev)
{
    gpio_set_value(LED, 1);
    pr_info("gpio_demo: irq %d: button %d rose, led %d, in interrupt %d\n", irq, BUTTON_ON,
            gpio_get_value(LED), in_interrupt() ? 1 : 0);
    return IRQ_HANDLED;
}

static irqreturn_t off_released(int irq, void *dev)
{
    gpio_set_value(LED, 0);
    pr_info("gpio_demo: irq %d: button %d fell, led %d, in thread %s\n", irq, BUTTON_OFF,
            gpio_get_value(LED), !strncmp(current->comm, "irq/", 4) ? "irq/N" : current->comm);
    return IRQ_HANDLED;
}

static int __init gpio_demo_init(void)
{
    static const struct gpio with_taken[] = {
        { 20, GPIOF_OUT_INIT_HIGH, "first" },
        { LED, GPIOF_IN, "taken" },
    };
    int rc = gpio_request_one(LED, GPIOF_OUT_INIT_LOW, "led");

    if (rc)
        return rc;
    rc = gpio_request_array(buttons, ARRAY_SIZE(buttons));
    if (rc)
        goto free_led;
    {
        int again = gpio_request(LED, "again");
        int missing = gpio_request(64, "none");
        int array = gpio_request_array(with_taken, ARRAY_SIZE(with_taken));
        int first = gpio_request(20, "first");   /* 0 only if the failed array let it go */

        pr_info("gpio_demo: again %d, line 64 %d, valid 63 %d 64 %d, array with a taken line %d, "
                "its first line free again %d\n", again, missing, gpio_is_valid(63),
                gpio_is_valid(64), array, first);
        if (!first)
            gpio_free(20);
    }
    irq_on = gpio_to_irq(BUTTON_ON);
    irq_off = gpio_to_irq(BUTTON_OFF);
    rc = request_irq(irq_on, on_pressed, IRQF_TRIGGER_RISING, "button on", NULL);
    if (rc)
        goto free_buttons;
    rc = request_threaded_irq(irq_off, NULL, off_released, IRQF_TRIGGER_FALLING | IRQF_ONESHOT,
                              "button off", NULL);
    if (rc)
        goto free_irq_on;
    pr_info("gpio_demo: led %d, buttons %d %d on irqs %d %d\n", gpio_get_value(LED),
            gpio_get_value(BUTTON_ON), gpio_get_value(BUTTON_OFF), irq_on, irq_off);
    return 0;

free_irq_on:
    free_irq(irq_on, NULL);
free_buttons:
    gpio_free_array(buttons, ARRAY_SIZE(buttons));
free_led:
    gpio_free(LED);
    return rc;
}

static void __exit gpio_demo_exit(void)
{
    if (!leave) {
        free_irq(irq_off, NULL);
        free_irq(irq_on, NULL);
        gpio_free_array(buttons, ARRAY_SIZE(buttons));
        gpio_set_value(LED, 0);
        gpio_free(LED);
    }
    pr_info("gpio_demo: exit%s\n", leave ? " without freeing" : "");
}

module_init(gpio_demo_init);
module_exit(gpio_demo_exit);
MODULE_LICENSE("GPL");
