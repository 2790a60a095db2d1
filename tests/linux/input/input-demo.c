/* input-demo.c — an input device of a module's own: keys (repeated by the core), a button, two
 * relative axes, an absolute axis with fuzz, a scan code, a switch and an LED, with open, close
 * and event callbacks. Commands written to /dev/inputdemo report events: "key CODE VALUE", "rel CODE V",
 * "abs CODE V", "sw CODE V", "scan V", "sync", "burst N" (N presses and releases of KEY_B, each
 * a packet), "irq" (a timer reports KEY_I in interrupt context). A second device is allocated and
 * never registered; leave=1 leaves both to the unload. */
#include <linux/input.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/timer.h>
#include <linux/uaccess.h>

static struct input_dev *keys, *spare;
static struct timer_list irq_timer;
static bool leave;
module_param(leave, bool, 0444);

static int demo_open(struct input_dev *dev)
{
    pr_info("input-demo: open %s\n", dev->name);
    return 0;
}

static void demo_close(struct input_dev *dev)
{
    pr_info("input-demo: close %s\n", dev->name);
}

static int demo_event(struct input_dev *dev, unsigned int type, unsigned int code, int value)
{
    (void)dev;
    pr_info("input-demo: event type %u code %u value %d, capslock %d\n", type, code, value,
            test_bit(LED_CAPSL, keys->led));
    return 0;
}

static void demo_irq(struct timer_list *t)
{
    (void)t;
    pr_info("input-demo: reporting from interrupt context: %d\n", in_interrupt() ? 1 : 0);
    input_report_key(keys, KEY_I, 1);
    input_sync(keys);
    input_report_key(keys, KEY_I, 0);
    input_sync(keys);
}

static int demo_command(char *cmd)
{
    char word[8];
    int code = 0, value = 0, n = sscanf(cmd, "%7s %d %d", word, &code, &value);

    if (n < 1)
        return -EINVAL;
    if (!strcmp(word, "key") && n == 3)
        input_report_key(keys, code, value);
    else if (!strcmp(word, "rel") && n == 3)
        input_report_rel(keys, code, value);
    else if (!strcmp(word, "abs") && n == 3)
        input_report_abs(keys, code, value);
    else if (!strcmp(word, "sw") && n == 3)
        input_report_switch(keys, code, value);
    else if (!strcmp(word, "scan") && n == 2)
        input_event(keys, EV_MSC, MSC_SCAN, code);
    else if (!strcmp(word, "sync"))
        input_sync(keys);
    else if (!strcmp(word, "burst") && n == 2) {
        for (int i = 0; i < code; i++) {
            input_report_key(keys, KEY_B, 1);
            input_sync(keys);
            input_report_key(keys, KEY_B, 0);
            input_sync(keys);
        }
    } else if (!strcmp(word, "irq"))
        mod_timer(&irq_timer, jiffies + 1);
    else
        return -EINVAL;
    return 0;
}

/* Commands separated by newlines or semicolons. */
static ssize_t demo_write(struct file *file, const char __user *buf, size_t len, loff_t *pos)
{
    char text[512], *line, *rest;
    int err;

    (void)file;
    (void)pos;
    if (len >= sizeof(text))
        return -EINVAL;
    if (copy_from_user(text, buf, len))
        return -EFAULT;
    text[len] = '\0';
    rest = text;
    while ((line = strsep(&rest, "\n;")) != NULL) {
        if (!*line)
            continue;
        err = demo_command(line);
        if (err)
            return err;
    }
    return len;
}

static const struct file_operations demo_fops = {
    .owner = THIS_MODULE,
    .write = demo_write,
};

static struct miscdevice demo_misc = {
    .minor = MISC_DYNAMIC_MINOR,
    .name = "inputdemo",
    .fops = &demo_fops,
    .mode = 0666,
};

static int __init input_demo_init(void)
{
    int err;

    keys = input_allocate_device();
    spare = input_allocate_device();
    if (!keys || !spare) {
        input_free_device(keys);
        input_free_device(spare);
        return -ENOMEM;
    }
    keys->name = "ark virtual keys";
    keys->phys = "inputdemo/input0";
    keys->id.bustype = BUS_VIRTUAL;
    keys->id.vendor = 0x1234;
    keys->id.product = 0x5678;
    keys->id.version = 3;
    keys->open = demo_open;
    keys->close = demo_close;
    keys->event = demo_event;
    keys->evbit[0] = BIT_MASK(EV_KEY) | BIT_MASK(EV_REL) | BIT_MASK(EV_REP);
    for (int k = KEY_Q; k <= KEY_P; k++)
        set_bit(k, keys->keybit);
    for (int k = KEY_A; k <= KEY_L; k++)
        set_bit(k, keys->keybit);
    for (int k = KEY_Z; k <= KEY_M; k++)
        set_bit(k, keys->keybit);
    input_set_capability(keys, EV_KEY, BTN_LEFT);
    set_bit(REL_X, keys->relbit);
    set_bit(REL_Y, keys->relbit);
    input_set_abs_params(keys, ABS_X, 0, 1000, 4, 0);
    input_set_capability(keys, EV_MSC, MSC_SCAN);
    input_set_capability(keys, EV_SW, SW_LID);
    input_set_capability(keys, EV_LED, LED_CAPSL);
    spare->name = "ark spare";
    timer_setup(&irq_timer, demo_irq, 0);
    pr_info("input-demo: registered: %d\n", input_register_device(keys));
    pr_info("input-demo: register again: %d\n", input_register_device(keys));
    err = misc_register(&demo_misc);
    if (err) {
        input_unregister_device(keys);
        input_free_device(spare);
        return err;
    }
    return 0;
}

static void __exit input_demo_exit(void)
{
    del_timer_sync(&irq_timer);
    misc_deregister(&demo_misc);
    if (leave) {
        pr_info("input-demo: leaving the devices to the unload\n");
        return;
    }
    input_unregister_device(keys);
    input_free_device(spare);
    pr_info("input-demo: exit\n");
}

module_init(input_demo_init);
module_exit(input_demo_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("An input device of a module's own");
