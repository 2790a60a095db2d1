/* device.c — device classes and devices: device_create makes /dev/NAME (opens reach the driver
 * registered for its device number) and /sys/class/CLASS/NAME/ with its dev file and attribute
 * groups; device_destroy and class_destroy take them away again. */
#include <linux/device.h>
#include "lx_internal.h"

struct lx_class {
    struct class *cls;
    struct kmod *owner;
    struct sysfs_dir *dir;             /* /sys/class/NAME */
    struct lx_device *devices;
    struct lx_class *next;
};

struct lx_device {
    struct device dev;
    struct lx_node node;               /* what /dev/NAME's entry points at */
    char name[64];
    struct lx_class *lc;
    struct kmod *owner;
    struct sysfs_dir *dir;
    struct lx_device *next;
};

static struct lx_class *lx_classes;

static struct lx_class *lx_class_of(const struct class *cls)
{
    for (struct lx_class *lc = lx_classes; lc; lc = lc->next)
        if (lc->cls == cls)
            return lc;
    return NULL;
}

struct class *class_create(const char *name)
{
    struct sysfs_dir *classes = sysfs_dir_find(NULL, "class");
    struct lx_class *lc;
    struct class *cls;
    char *copy;
    int rc;

    if (!name)
        return ERR_PTR(-EINVAL);
    lc = kzalloc(sizeof(*lc), GFP_KERNEL);
    cls = kzalloc(sizeof(*cls), GFP_KERNEL);
    copy = kstrdup(name, GFP_KERNEL);
    if (!lc || !cls || !copy) {
        kfree(lc);
        kfree(cls);
        kfree(copy);
        return ERR_PTR(-ENOMEM);
    }
    lc->owner = LX_CALLER();
    rc = classes ? sysfs_dir_create(classes, name, lc->owner, &lc->dir) : 0;
    if (rc) {
        kfree(lc);
        kfree(cls);
        kfree(copy);
        return ERR_PTR(rc);
    }
    cls->name = copy;
    cls->ark_private = lc;
    lc->cls = cls;
    lc->next = lx_classes;
    lx_classes = lc;
    return cls;
}
KERNEL_EXPORT(class_create);

static long lx_dev_show(void *priv, char *buf)
{
    struct lx_device *d = priv;
    return scnprintf(buf, SYSFS_PAGE, "%u:%u\n", MAJOR(d->dev.devt), MINOR(d->dev.devt));
}

static void lx_device_remove(struct lx_device *d);

static void lx_device_free(struct lx_node *n)
{
    kfree(container_of(n, struct lx_device, node));
}

struct device *lx_device_add(const struct class *cls, struct device *parent, dev_t devt,
                             void *drvdata, const struct attribute_group **groups,
                             struct kmod *owner, umode_t mode, const char *name)
{
    struct lx_class *lc = lx_class_of(cls);
    struct lx_device *d;
    int rc;

    if (!lc || !name || !*name)
        return ERR_PTR(-EINVAL);
    d = kzalloc(sizeof(*d), GFP_KERNEL);
    if (!d)
        return ERR_PTR(-ENOMEM);
    strscpy(d->name, name, sizeof(d->name));
    d->owner = owner;
    d->lc = lc;
    d->dev.parent = parent;
    d->dev.class = (struct class *)cls;
    d->dev.devt = devt;
    d->dev.driver_data = drvdata;
    d->dev.kobj.name = d->name;
    d->dev.ark_private = d;
    lx_node_init(&d->node, d->name, NULL);
    d->node.inode.i_rdev = devt;
    d->node.inode.i_mode = S_IFCHR | 0600;  /* udev's default for a character device */
    if (!mode && cls->devnode) {
        char *rename = cls->devnode(&d->dev, &mode);
        kfree(rename);                 /* ark does not rename nodes */
    }
    if (mode)
        d->node.inode.i_mode = S_IFCHR | (mode & 0777);
    d->node.free = lx_device_free;
    if (devt) {
        rc = dev_register_owned_poll(d->name, &lx_node_ops, lx_node_lseek, lx_node_poll, &d->node,
                                     d->owner);
        if (rc) {
            printk(KERN_ERR "device_create: /dev/%s: error %d\n", d->name, rc);
            kfree(d);
            return ERR_PTR(rc);
        }
        (void)dev_set_perm(d->name, 0, 0, d->node.inode.i_mode & 07777);  /* just registered */
    }
    if (lc->dir && sysfs_dir_create(lc->dir, d->name, d->owner, &d->dir) == 0) {
        d->dev.kobj.ark_dir = d->dir;
        if (devt)
            (void)sysfs_file_add(d->dir, "dev", 0444, lx_dev_show, NULL, d, d->owner);
    }
    d->next = lc->devices;
    lc->devices = d;
    for (int i = 0; groups && groups[i]; i++) {
        rc = lx_group_add(&d->dev.kobj, groups[i], owner, true);
        if (rc) {
            printk(KERN_ERR "device_create: %s: attribute group %d: error %d\n", d->name, i, rc);
            lx_device_remove(d);
            return ERR_PTR(rc);
        }
    }
    return &d->dev;
}

/* device_create's and device_create_with_groups' name, formatted, and the caller as owner. */
static struct device *lx_device_vcreate(const struct class *cls, struct device *parent, dev_t devt,
                                        void *drvdata, const struct attribute_group **groups,
                                        const char *fmt, va_list ap)
{
    char name[64];

    if (!fmt)
        return ERR_PTR(-EINVAL);
    vsnprintf(name, sizeof(name), fmt, ap);
    return lx_device_add(cls, parent, devt, drvdata, groups, LX_CALLER(), 0, name);
}

struct device *device_create(const struct class *cls, struct device *parent, dev_t devt,
                             void *drvdata, const char *fmt, ...)
{
    struct device *dev;
    va_list ap;

    va_start(ap, fmt);
    dev = lx_device_vcreate(cls, parent, devt, drvdata, NULL, fmt, ap);
    va_end(ap);
    return dev;
}
KERNEL_EXPORT(device_create);

struct device *device_create_with_groups(const struct class *cls, struct device *parent,
                                         dev_t devt, void *drvdata,
                                         const struct attribute_group **groups,
                                         const char *fmt, ...)
{
    struct device *dev;
    va_list ap;

    va_start(ap, fmt);
    dev = lx_device_vcreate(cls, parent, devt, drvdata, groups, fmt, ap);
    va_end(ap);
    return dev;
}
KERNEL_EXPORT(device_create_with_groups);

static void lx_device_remove(struct lx_device *d)
{
    for (struct lx_device **pp = &d->lc->devices; *pp; pp = &(*pp)->next) {
        if (*pp == d) {
            *pp = d->next;
            break;
        }
    }
    (void)lx_devres_release_all(&d->dev);
    if (d->dir)
        kobject_del(&d->dev.kobj);     /* the directory, with the attributes' records */
    if (d->dev.devt)
        (void)dev_detach(d->name);
    lx_node_release(&d->node);         /* now, or at the last close of the node */
}

void device_destroy(const struct class *cls, dev_t devt)
{
    struct lx_class *lc = lx_class_of(cls);

    if (!lc)
        return;
    for (struct lx_device *d = lc->devices; d; d = d->next) {
        if (d->dev.devt == devt) {
            lx_device_remove(d);
            return;
        }
    }
}
KERNEL_EXPORT(device_destroy);

static void lx_class_free(struct lx_class *lc)
{
    for (struct lx_class **pp = &lx_classes; *pp; pp = &(*pp)->next) {
        if (*pp == lc) {
            *pp = lc->next;
            break;
        }
    }
    while (lc->devices)
        lx_device_remove(lc->devices);
    if (lc->dir)
        sysfs_dir_remove(lc->dir);
    kfree(lc->cls->name);
    kfree(lc->cls);
    kfree(lc);
}

void class_destroy(const struct class *cls)
{
    struct lx_class *lc = lx_class_of(cls);

    if (lc)
        lx_class_free(lc);
}
KERNEL_EXPORT(class_destroy);

int lx_class_release_owned(struct kmod *m)
{
    int removed = 0;

    for (struct lx_class *lc = lx_classes; lc; lc = lc->next) {
        for (struct lx_device *d = lc->devices, *next; d; d = next) {
            next = d->next;
            if (d->owner == m) {
                printk(KERN_WARNING "dkm: %s: exit left device %s registered; removed\n",
                       lx_owner_name(m), d->name);
                lx_device_remove(d);
                removed++;
            }
        }
    }
    for (struct lx_class *lc = lx_classes, *next; lc; lc = next) {
        next = lc->next;
        if (lc->owner == m) {
            printk(KERN_WARNING "dkm: %s: exit left class %s registered; removed\n",
                   lx_owner_name(m), lc->cls->name);
            lx_class_free(lc);
            removed++;
        }
    }
    return removed;
}
