/* devres_more.c — the managed forms of other kernel resources, each an action on the device's
 * managed list (devres.c): interrupt handlers (devm_request_[threaded_]irq, devm_free_irq), GPIO
 * lines (devm_gpio_request[_one]) and formatted or copied memory (devm_kasprintf, devm_kmemdup). */
#include "lx_internal.h"
#include <linux/gpio.h>
#include <linux/interrupt.h>

struct devm_irq {
    unsigned int irq;
    void *dev_id;
};

static void devm_irq_release(void *data)
{
    struct devm_irq *d = data;
    free_irq(d->irq, d->dev_id);
    kfree(d);
}

int ark_linux_devm_request_threaded_irq(struct device *dev, unsigned int irq, irq_handler_t handler,
                                        irq_handler_t thread_fn, unsigned long flags, const char *name,
                                        void *dev_id, void (*entry)(int, void *),
                                        int (*thread_entry)(void *))
{
    struct devm_irq *d = kmalloc(sizeof(*d), GFP_KERNEL);
    if (!d)
        return -ENOMEM;
    int rc = ark_linux_request_threaded_irq(irq, handler, thread_fn, flags, name ? name : dev_name(dev),
                                            dev_id, entry, thread_entry);
    if (rc) {
        kfree(d);
        return rc;
    }
    d->irq = irq;
    d->dev_id = dev_id;
    return devm_add_action_or_reset(dev, devm_irq_release, d);   /* frees the line if it fails */
}
KERNEL_EXPORT(ark_linux_devm_request_threaded_irq);

static bool is_irq(const void *data, const void *key)
{
    const struct devm_irq *d = data, *k = key;
    return d->irq == k->irq && d->dev_id == k->dev_id;
}

void devm_free_irq(struct device *dev, unsigned int irq, void *dev_id)
{
    struct devm_irq key = { irq, dev_id };
    if (!lx_devres_release_match(dev, devm_irq_release, is_irq, &key))
        printk(KERN_ERR "linux: %s: devm_free_irq of IRQ %u, which devm_request_irq did not give it\n",
               dev_name(dev), irq);
}
KERNEL_EXPORT(devm_free_irq);

static void devm_gpio_release(void *data)
{
    gpio_free((unsigned int)(uintptr_t)data);
}

int devm_gpio_request_one(struct device *dev, unsigned int gpio, unsigned long flags, const char *label)
{
    int rc = gpio_request_one(gpio, flags, label);
    return rc ? rc : devm_add_action_or_reset(dev, devm_gpio_release, (void *)(uintptr_t)gpio);
}
KERNEL_EXPORT(devm_gpio_request_one);

int devm_gpio_request(struct device *dev, unsigned int gpio, const char *label)
{
    int rc = gpio_request(gpio, label);
    return rc ? rc : devm_add_action_or_reset(dev, devm_gpio_release, (void *)(uintptr_t)gpio);
}
KERNEL_EXPORT(devm_gpio_request);

char *devm_kvasprintf(struct device *dev, gfp_t gfp, const char *fmt, va_list ap)
{
    va_list again;
    va_copy(again, ap);
    int len = vsnprintf(NULL, 0, fmt, again);
    va_end(again);
    char *s = len >= 0 ? devm_kmalloc(dev, (size_t)len + 1, gfp) : NULL;
    if (s)
        vsnprintf(s, (size_t)len + 1, fmt, ap);
    return s;
}
KERNEL_EXPORT(devm_kvasprintf);

char *devm_kasprintf(struct device *dev, gfp_t gfp, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = devm_kvasprintf(dev, gfp, fmt, ap);
    va_end(ap);
    return s;
}
KERNEL_EXPORT(devm_kasprintf);

void *devm_kmemdup(struct device *dev, const void *src, size_t len, gfp_t gfp)
{
    void *p = devm_kmalloc(dev, len, gfp);
    if (p)
        memcpy(p, src, len);
    return p;
}
KERNEL_EXPORT(devm_kmemdup);
