/* devres.c — managed resources: memory and actions a driver ties to a device in probe (devm_*),
 * released in the reverse order of their making once the driver lets go of the device (after
 * remove, or after a probe that failed) or the device goes. */
#include "lx_internal.h"

struct lx_devres {
    struct device *dev;
    void (*action)(void *data);        /* NULL: a managed allocation, data is the memory */
    void *data;
    struct lx_devres *next;            /* newest first: the order of release */
    long long mem[];                   /* an allocation's bytes, aligned for any type */
};

static struct lx_devres *lx_devres_list;

static struct lx_devres *lx_devres_add(struct device *dev, size_t extra, gfp_t gfp)
{
    struct lx_devres *r;

    if (!dev || extra > (size_t)-1 - sizeof(*r))
        return NULL;
    r = kmalloc(sizeof(*r) + extra, gfp);
    if (!r)
        return NULL;
    r->dev = dev;
    r->action = NULL;
    r->data = r->mem;
    r->next = lx_devres_list;
    lx_devres_list = r;
    return r;
}

void *devm_kmalloc(struct device *dev, size_t size, gfp_t gfp)
{
    struct lx_devres *r = lx_devres_add(dev, size, gfp);

    if (!r)
        return NULL;
    if (gfp & __GFP_ZERO)
        memset(r->mem, 0, size);
    return r->mem;
}
KERNEL_EXPORT(devm_kmalloc);

char *devm_kstrdup(struct device *dev, const char *s, gfp_t gfp)
{
    size_t n = s ? strlen(s) + 1 : 0;
    char *copy = s ? devm_kmalloc(dev, n, gfp) : NULL;

    if (copy)
        memcpy(copy, s, n);
    return copy;
}
KERNEL_EXPORT(devm_kstrdup);

void devm_kfree(struct device *dev, const void *p)
{
    for (struct lx_devres **pp = &lx_devres_list; *pp; pp = &(*pp)->next) {
        struct lx_devres *r = *pp;
        if (r->dev == dev && !r->action && r->data == p) {
            *pp = r->next;
            kfree(r);
            return;
        }
    }
    if (p)
        printk(KERN_WARNING "devm_kfree: %s: not a managed allocation of this device\n",
               dev ? dev_name(dev) : "?");
}
KERNEL_EXPORT(devm_kfree);

int devm_add_action(struct device *dev, void (*action)(void *), void *data)
{
    struct lx_devres *r;

    if (!action)
        return -EINVAL;
    r = lx_devres_add(dev, 0, GFP_KERNEL);
    if (!r)
        return -ENOMEM;
    r->action = action;
    r->data = data;
    return 0;
}
KERNEL_EXPORT(devm_add_action);

int devm_add_action_or_reset(struct device *dev, void (*action)(void *), void *data)
{
    int rc = devm_add_action(dev, action, data);

    if (rc && action)
        action(data);
    return rc;
}
KERNEL_EXPORT(devm_add_action_or_reset);

bool lx_devres_release_match(struct device *dev, void (*action)(void *),
                             bool (*match)(const void *data, const void *key), const void *key)
{
    for (struct lx_devres **pp = &lx_devres_list; *pp; pp = &(*pp)->next) {
        struct lx_devres *r = *pp;
        if (r->dev == dev && r->action == action && match(r->data, key)) {
            *pp = r->next;
            void *data = r->data;
            kfree(r);
            action(data);
            return true;
        }
    }
    return false;
}

void devm_remove_action(struct device *dev, void (*action)(void *), void *data)
{
    for (struct lx_devres **pp = &lx_devres_list; *pp; pp = &(*pp)->next) {
        struct lx_devres *r = *pp;
        if (r->dev == dev && r->action == action && r->data == data) {
            *pp = r->next;
            kfree(r);
            return;
        }
    }
}
KERNEL_EXPORT(devm_remove_action);

void devm_release_action(struct device *dev, void (*action)(void *), void *data)
{
    devm_remove_action(dev, action, data);
    if (action)
        action(data);
}
KERNEL_EXPORT(devm_release_action);

/* Newest first; an action may add or free managed resources of its own, so each is taken off the
 * list before it runs and the walk starts again. */
int lx_devres_release_all(struct device *dev)
{
    int released = 0;
    struct lx_devres *r;

    do {
        struct lx_devres **pp;
        for (pp = &lx_devres_list; *pp && (*pp)->dev != dev; pp = &(*pp)->next)
            ;
        r = *pp;
        if (r) {
            *pp = r->next;
            if (r->action)             /* a module's: a fault in it is contained */
                (void)lx_call_module((const void *)r->action, (uintptr_t)r->data);
            kfree(r);
            released++;
        }
    } while (r);
    return released;
}
