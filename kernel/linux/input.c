/* input.c — the input core: input devices allocated, declared and registered by drivers, the
 * filtering of what they report (undeclared events, keys and switches already in the reported
 * state, relative moves of 0, axes within their fuzz), packets handed to /dev/eventN at each
 * SYN_REPORT, /sys/class/input/inputN, /proc/bus/input/devices, and the sweep of the devices a
 * module's exit leaves. */
#include <linux/device.h>
#include <linux/kdev_t.h>
#include "ark/proc.h"
#include "ark/timer.h"
#include "lx_internal.h"
#include "lx_input.h"

DEFINE_SPINLOCK(lx_input_event_lock);
DEFINE_MUTEX(lx_input_mutex);
struct class *lx_input_class;

static struct lx_input *lx_inputs;     /* every allocated device, newest first */

static struct lx_input *lx_input_of(const struct input_dev *dev)
{
    for (struct lx_input *in = lx_inputs; in; in = in->next)
        if (&in->dev == dev)
            return in;
    return NULL;
}

static void lx_input_dev_release(struct device *d)
{
    struct lx_input *in = container_of(to_input_dev(d), struct lx_input, dev);

    unsigned long flags;

    timer_destroy(in->repeat_timer);
    /* A repeat that was running on another CPU has left its critical section after this. */
    spin_lock_irqsave(&lx_input_event_lock, flags);
    spin_unlock_irqrestore(&lx_input_event_lock, flags);
    kfree(in->dev.absinfo);
    kfree(in);
}

static ssize_t name_show(struct device *d, struct device_attribute *attr, char *buf)
{
    (void)attr;
    return sysfs_emit(buf, "%s\n", to_input_dev(d)->name ? to_input_dev(d)->name : "");
}
static DEVICE_ATTR_RO(name);

static ssize_t phys_show(struct device *d, struct device_attribute *attr, char *buf)
{
    (void)attr;
    return sysfs_emit(buf, "%s\n", to_input_dev(d)->phys ? to_input_dev(d)->phys : "");
}
static DEVICE_ATTR_RO(phys);

static ssize_t uniq_show(struct device *d, struct device_attribute *attr, char *buf)
{
    (void)attr;
    return sysfs_emit(buf, "%s\n", to_input_dev(d)->uniq ? to_input_dev(d)->uniq : "");
}
static DEVICE_ATTR_RO(uniq);

static struct attribute *lx_input_attrs[] = {
    &dev_attr_name.attr, &dev_attr_phys.attr, &dev_attr_uniq.attr, NULL,
};
ATTRIBUTE_GROUPS(lx_input);

static void lx_input_repeat(void *arg);

static struct input_dev *lx_input_alloc(struct kmod *owner)
{
    struct lx_input *in = kzalloc(sizeof(*in), GFP_KERNEL);

    if (!in)
        return NULL;
    in->owner = owner;
    in->number = -1;
    device_initialize(&in->dev.dev);
    in->dev.dev.class = lx_input_class;
    in->dev.dev.release = lx_input_dev_release;
    in->dev.dev.groups = lx_input_groups;
    in->dev.ark_private = in;
    in->repeat_timer = timer_create_kernel(lx_input_repeat, in);
    if (!in->repeat_timer) {
        kfree(in);
        return NULL;
    }
    mutex_lock(&lx_input_mutex);
    in->next = lx_inputs;
    lx_inputs = in;
    mutex_unlock(&lx_input_mutex);
    return &in->dev;
}

struct input_dev *input_allocate_device(void)
{
    return lx_input_alloc(LX_CALLER());
}
KERNEL_EXPORT(input_allocate_device);

static void lx_input_unlink(struct lx_input *in)
{
    for (struct lx_input **pp = &lx_inputs; *pp; pp = &(*pp)->next) {
        if (*pp == in) {
            *pp = in->next;
            return;
        }
    }
}

/* Takes a registered device out (lx_input_mutex held): readers see it gone, the first
 * reader's open is closed, /dev/eventN and /sys/class/input/inputN go. */
static void lx_input_remove(struct lx_input *in)
{
    unsigned long flags;

    lx_evdev_disconnect(in);
    spin_lock_irqsave(&lx_input_event_lock, flags);
    in->registered = false;
    spin_unlock_irqrestore(&lx_input_event_lock, flags);
    timer_stop(in->repeat_timer);
    device_del(&in->dev.dev);
}

/* Off the list of devices, unregistered first if it is registered (lx_input_mutex held); the
 * caller then drops the allocation's reference. */
static void lx_input_take_out(struct lx_input *in)
{
    if (in->registered)
        lx_input_remove(in);
    lx_input_unlink(in);
}

void input_free_device(struct input_dev *dev)
{
    struct lx_input *in;

    if (!dev)
        return;
    mutex_lock(&lx_input_mutex);
    in = lx_input_of(dev);
    if (in && in->registered)
        printk(KERN_ERR "input: %s: input_free_device of a registered device; unregistered\n",
               dev_name(&dev->dev));
    if (in)
        lx_input_take_out(in);
    mutex_unlock(&lx_input_mutex);
    if (!in) {
        printk(KERN_ERR "input_free_device: not an allocated input device (freed already, or "
                        "unregistered: input_unregister_device frees it)\n");
        return;
    }
    put_device(&dev->dev);
}
KERNEL_EXPORT(input_free_device);

void input_unregister_device(struct input_dev *dev)
{
    struct lx_input *in;

    mutex_lock(&lx_input_mutex);
    in = lx_input_of(dev);
    if (in && in->registered)
        lx_input_take_out(in);
    else
        in = NULL;
    mutex_unlock(&lx_input_mutex);
    if (!in) {
        printk(KERN_WARNING "input_unregister_device: %s is not registered\n",
               dev && dev->name ? dev->name : "(not an input device)");
        return;
    }
    put_device(&dev->dev);
}
KERNEL_EXPORT(input_unregister_device);

/* The parent device's managed action: unregistered (if the driver did not) and freed. */
static void lx_input_devm_release(void *data)
{
    struct input_dev *dev = data;
    struct lx_input *in;

    mutex_lock(&lx_input_mutex);
    in = lx_input_of(dev);
    if (in)
        lx_input_take_out(in);
    mutex_unlock(&lx_input_mutex);
    if (in)
        put_device(&dev->dev);
}

struct input_dev *devm_input_allocate_device(struct device *parent)
{
    struct input_dev *dev = lx_input_alloc(LX_CALLER());

    if (!dev)
        return NULL;
    dev->dev.parent = parent;
    dev->devres_managed = true;
    if (devm_add_action_or_reset(parent, lx_input_devm_release, dev))
        return NULL;
    return dev;
}
KERNEL_EXPORT(devm_input_allocate_device);

void input_alloc_absinfo(struct input_dev *dev)
{
    if (dev && !dev->absinfo)
        dev->absinfo = kcalloc(ABS_CNT, sizeof(*dev->absinfo), GFP_KERNEL);
    if (dev && !dev->absinfo)
        printk(KERN_ERR "input: %s: no memory for the axes\n", dev->name ? dev->name : "?");
}
KERNEL_EXPORT(input_alloc_absinfo);

void input_set_abs_params(struct input_dev *dev, unsigned int axis, int min, int max, int fuzz,
                          int flat)
{
    if (!dev || axis > ABS_MAX)
        return;
    input_alloc_absinfo(dev);
    if (!dev->absinfo)
        return;
    dev->absinfo[axis].minimum = min;
    dev->absinfo[axis].maximum = max;
    dev->absinfo[axis].fuzz = fuzz;
    dev->absinfo[axis].flat = flat;
    __set_bit(EV_ABS, dev->evbit);
    __set_bit(axis, dev->absbit);
}
KERNEL_EXPORT(input_set_abs_params);

void input_set_capability(struct input_dev *dev, unsigned int type, unsigned int code)
{
    unsigned long *bits;
    unsigned int max;

    if (!dev)
        return;
    switch (type) {
    case EV_KEY: bits = dev->keybit; max = KEY_MAX; break;
    case EV_REL: bits = dev->relbit; max = REL_MAX; break;
    case EV_ABS: bits = dev->absbit; max = ABS_MAX; input_alloc_absinfo(dev); break;
    case EV_MSC: bits = dev->mscbit; max = MSC_MAX; break;
    case EV_SW:  bits = dev->swbit;  max = SW_MAX;  break;
    case EV_LED: bits = dev->ledbit; max = LED_MAX; break;
    case EV_SND: bits = dev->sndbit; max = SND_MAX; break;
    case EV_FF:  bits = dev->ffbit;  max = FF_MAX;  break;
    case EV_PWR: case EV_REP: bits = NULL; max = 0; break;
    default:
        printk(KERN_ERR "input_set_capability: unknown event type %u (code %u)\n", type, code);
        return;
    }
    if (bits && code > max) {
        printk(KERN_ERR "input_set_capability: code %u is beyond type %u's %u\n", code, type, max);
        return;
    }
    if (bits)
        __set_bit(code, bits);
    __set_bit(type, dev->evbit);
}
KERNEL_EXPORT(input_set_capability);

static int lx_input_free_number(void)
{
    for (int n = 0;; n++) {
        struct lx_input *in = lx_inputs;
        while (in && in->number != n)
            in = in->next;
        if (!in)
            return n;
    }
}

int input_register_device(struct input_dev *dev)
{
    struct lx_input *in;
    int rc;

    mutex_lock(&lx_input_mutex);
    in = lx_input_of(dev);
    if (!in || in->registered) {
        mutex_unlock(&lx_input_mutex);
        printk(KERN_ERR "input_register_device: %s\n",
               in ? "already registered" : "not a device of input_allocate_device");
        return in ? -EEXIST : -EINVAL;
    }
    __set_bit(EV_SYN, dev->evbit);     /* every device reports packets */
    __clear_bit(KEY_RESERVED, dev->keybit);
    if (test_bit(EV_ABS, dev->evbit) && !dev->absinfo) {
        input_alloc_absinfo(dev);
        if (!dev->absinfo) {
            mutex_unlock(&lx_input_mutex);
            return -ENOMEM;
        }
    }
    /* A driver that sets neither delay nor period leaves the repeating to the core, with
     * Linux's defaults. */
    in->soft_repeat = test_bit(EV_REP, dev->evbit) && !dev->rep[REP_DELAY] &&
                      !dev->rep[REP_PERIOD];
    if (in->soft_repeat) {
        dev->rep[REP_DELAY] = 250;
        dev->rep[REP_PERIOD] = 33;
    }
    in->number = lx_input_free_number();
    dev_set_name(&dev->dev, "input%d", in->number);
    rc = device_add(&dev->dev);
    if (rc == 0) {
        rc = lx_evdev_connect(in);
        if (rc)
            device_del(&dev->dev);
    }
    if (rc) {
        in->number = -1;
        mutex_unlock(&lx_input_mutex);
        printk(KERN_ERR "input: %s: registration failed: %d\n", dev->name ? dev->name : "?", rc);
        return rc;
    }
    in->registered = true;
    mutex_unlock(&lx_input_mutex);
    printk(KERN_INFO "input: %s as /devices/virtual/input/%s\n",
           dev->name ? dev->name : "Unspecified device", dev_name(&dev->dev));
    return 0;
}
KERNEL_EXPORT(input_register_device);

/* ---- events ---- */

/* Whether a key or switch event changes the state kept in bits, updating it if so. A key's
 * value 2 (autorepeat) passes only while the key is down. */
static bool lx_input_toggle(unsigned long *bits, unsigned int code, int value, bool repeats)
{
    bool down = test_bit(code, bits);

    if (repeats && value == 2)
        return down;
    if (down == !!value)
        return false;
    if (value)
        __set_bit(code, bits);
    else
        __clear_bit(code, bits);
    return true;
}

/* What the event becomes after the filters: false if it is dropped; *value may be replaced
 * (an axis's fuzz keeps its old value). */
static bool lx_input_accept(struct input_dev *dev, unsigned int type, unsigned int code,
                            int *value)
{
    switch (type) {
    case EV_SYN:
        return code == SYN_REPORT || code == SYN_MT_REPORT;
    case EV_KEY:
        return code <= KEY_MAX && test_bit(code, dev->keybit) &&
               lx_input_toggle(dev->key, code, *value, true);
    case EV_SW:
        return code <= SW_MAX && test_bit(code, dev->swbit) &&
               lx_input_toggle(dev->sw, code, *value, false);
    case EV_LED:
        return code <= LED_MAX && test_bit(code, dev->ledbit) &&
               lx_input_toggle(dev->led, code, *value, false);
    case EV_SND:
        return code <= SND_MAX && test_bit(code, dev->sndbit) &&
               lx_input_toggle(dev->snd, code, *value, false);
    case EV_REL:
        return code <= REL_MAX && test_bit(code, dev->relbit) && *value != 0;
    case EV_MSC:
        return code <= MSC_MAX && test_bit(code, dev->mscbit);
    case EV_ABS: {
        struct input_absinfo *a;
        int half;
        if (code > ABS_MAX || !test_bit(code, dev->absbit) || !dev->absinfo)
            return false;
        a = &dev->absinfo[code];
        half = a->fuzz / 2;
        if (half && *value > a->value - half && *value < a->value + half)
            return false;              /* within the noise: no change */
        if (*value == a->value)
            return false;
        a->value = *value;
        return true;
    }
    case EV_REP:
        if (code > REP_MAX || *value < 0)
            return false;
        dev->rep[code] = *value;
        return true;
    case EV_FF: case EV_PWR:
        return *value >= 0;
    default:
        return false;
    }
}

static void lx_input_handle(struct input_dev *dev, unsigned int type, unsigned int code,
                            int value, bool injected)
{
    struct lx_input *in;
    unsigned long flags;
    bool pass;

    if (!dev || type > EV_MAX || !test_bit(type, dev->evbit))
        return;
    spin_lock_irqsave(&lx_input_event_lock, flags);
    in = dev->ark_private;
    pass = in && in->registered && lx_input_accept(dev, type, code, &value);
    if (pass && type == EV_SYN && code == SYN_REPORT) {
        pass = in->pending > 0;        /* an empty packet is not passed on */
        in->pending = 0;
    } else if (pass) {
        in->pending++;
    }
    if (pass && in->evdev)
        lx_evdev_pass(in->evdev, type, code, value);
    /* The core's autorepeat: a press starts it for that key after the delay, its release (or
     * another key's press) ends or moves it. */
    if (pass && type == EV_KEY && in->soft_repeat && value != 2) {
        if (value && dev->rep[REP_PERIOD]) {
            in->repeat_key = code;
            (void)timer_start(in->repeat_timer, (uint32_t)dev->rep[REP_DELAY], false);
        } else if (!value && code == in->repeat_key) {
            timer_stop(in->repeat_timer);
        }
    }
    spin_unlock_irqrestore(&lx_input_event_lock, flags);
    /* What a reader writes for the device itself (LEDs, sounds, repeat, force feedback) reaches
     * the driver's event callback. */
    if (pass && injected && dev->event &&
        (type == EV_LED || type == EV_SND || type == EV_REP || type == EV_FF)) {
        uintptr_t args[4] = { (uintptr_t)dev, type, code, (uintptr_t)value };
        long result;
        (void)lx_call_owned(in->owner, (uintptr_t)dev->event, 4, args, &result);
    }
}

/* The repeat timer (interrupt context): while the key is down, a repeat (value 2) in a packet
 * of its own, then again after the period. */
static void lx_input_repeat(void *arg)
{
    struct lx_input *in = arg;
    struct input_dev *dev = &in->dev;
    unsigned long flags;

    spin_lock_irqsave(&lx_input_event_lock, flags);
    if (in->registered && test_bit(in->repeat_key, dev->key) && dev->rep[REP_PERIOD]) {
        if (in->evdev) {
            lx_evdev_pass(in->evdev, EV_KEY, in->repeat_key, 2);
            lx_evdev_pass(in->evdev, EV_SYN, SYN_REPORT, 1);
        }
        (void)timer_start(in->repeat_timer, (uint32_t)dev->rep[REP_PERIOD], false);
    }
    spin_unlock_irqrestore(&lx_input_event_lock, flags);
}

void input_event(struct input_dev *dev, unsigned int type, unsigned int code, int value)
{
    lx_input_handle(dev, type, code, value, false);
}
KERNEL_EXPORT(input_event);

void input_inject_event(struct input_dev *dev, unsigned int type, unsigned int code, int value)
{
    lx_input_handle(dev, type, code, value, true);
}
KERNEL_EXPORT(input_inject_event);

int lx_input_call_open(struct lx_input *in)
{
    uintptr_t arg = (uintptr_t)&in->dev;
    long result = 0;

    if (in->dev.open)
        (void)lx_call_owned(in->owner, (uintptr_t)in->dev.open, 1, &arg, &result);
    return (int)result;                /* -EFAULT when it faulted */
}

void lx_input_call_close(struct lx_input *in)
{
    uintptr_t arg = (uintptr_t)&in->dev;
    long result;

    if (in->dev.close)
        (void)lx_call_owned(in->owner, (uintptr_t)in->dev.close, 1, &arg, &result);
}

/* ---- /proc/bus/input/devices and the sweep ---- */

static void lx_input_show_bits(struct ark_seq *s, const char *name, const unsigned long *bits,
                               unsigned int count)
{
    int last = -1;

    for (int i = (int)BITS_TO_LONGS(count) - 1; i >= 0 && last < 0; i--)
        if (bits[i])
            last = i;
    (seq_printf)(s, "B: %s=", name);
    for (int i = last < 0 ? 0 : last; i >= 0; i--)
        (seq_printf)(s, i == last || last < 0 ? "%lx" : " %lx", bits[i]);
    (seq_printf)(s, "\n");
}

static int lx_input_devices_show(struct ark_seq *s, void *priv)
{
    (void)priv;
    mutex_lock(&lx_input_mutex);
    for (struct lx_input *in = lx_inputs; in; in = in->next) {
        struct input_dev *d = &in->dev;
        if (!in->registered)
            continue;
        (seq_printf)(s, "I: Bus=%04x Vendor=%04x Product=%04x Version=%04x\n", d->id.bustype,
                     d->id.vendor, d->id.product, d->id.version);
        (seq_printf)(s, "N: Name=\"%s\"\nP: Phys=%s\nS: Sysfs=/devices/virtual/input/%s\n",
                     d->name ? d->name : "", d->phys ? d->phys : "", dev_name(&d->dev));
        (seq_printf)(s, "H: Handlers=event%d\n", in->number);
        lx_input_show_bits(s, "PROP", d->propbit, INPUT_PROP_CNT);
        lx_input_show_bits(s, "EV", d->evbit, EV_CNT);
        if (test_bit(EV_KEY, d->evbit))
            lx_input_show_bits(s, "KEY", d->keybit, KEY_CNT);
        if (test_bit(EV_REL, d->evbit))
            lx_input_show_bits(s, "REL", d->relbit, REL_CNT);
        if (test_bit(EV_ABS, d->evbit))
            lx_input_show_bits(s, "ABS", d->absbit, ABS_CNT);
        if (test_bit(EV_MSC, d->evbit))
            lx_input_show_bits(s, "MSC", d->mscbit, MSC_CNT);
        if (test_bit(EV_LED, d->evbit))
            lx_input_show_bits(s, "LED", d->ledbit, LED_CNT);
        if (test_bit(EV_SW, d->evbit))
            lx_input_show_bits(s, "SW", d->swbit, SW_CNT);
        (seq_printf)(s, "\n");
    }
    mutex_unlock(&lx_input_mutex);
    return 0;
}

int lx_input_release_owned(struct kmod *m)
{
    int removed = 0;
    struct lx_input *in;

    do {
        mutex_lock(&lx_input_mutex);
        for (in = lx_inputs; in && in->owner != m; in = in->next)
            ;
        if (in) {
            bool registered = in->registered;
            printk(KERN_WARNING "dkm: %s: exit left input device %s (%s) %s\n", lx_owner_name(m),
                   in->dev.name ? in->dev.name : "unnamed",
                   registered ? dev_name(&in->dev.dev) : "never registered",
                   registered ? "registered; removed" : "allocated; freed");
            lx_input_take_out(in);
        }
        mutex_unlock(&lx_input_mutex);
        if (in) {
            put_device(&in->dev.dev);
            removed++;
        }
    } while (in);
    return removed;
}

void lx_input_init(void)
{
    struct class *cls = class_create("input");

    if (IS_ERR(cls)) {
        printk(KERN_ERR "input: cannot create /sys/class/input\n");
        return;
    }
    lx_input_class = cls;
    lx_input_evdev_init();
    (proc_create)("bus/input/devices", lx_input_devices_show, NULL, NULL);
}
