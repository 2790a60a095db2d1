/* device.c — the driver model's classes and devices: class_create and class_register make
 * /sys/class/NAME (with the class's attributes); device_create, or device_register for a device of
 * the caller's, makes /dev/NAME for a device number (opens reach the driver registered for it) and
 * the device's directory with its dev file and attribute groups. The kernel's records, not the
 * callers' structs, say what is registered, so what a module leaves is swept at its unload. */
#include <linux/device.h>
#include "lx_internal.h"

struct lx_class {
    struct class *cls;
    struct kmod *owner;
    struct kobject kobj;               /* /sys/class/NAME, which holds the class attributes */
    bool registered;                   /* class_register: the struct is the caller's */
    struct lx_class *next;
};

/* The kernel's record of a device in the model: what device_create made (own), or a device of
 * the caller's given to device_add. */
struct lx_device {
    struct device *dev;
    struct device own;
    struct lx_node node;               /* what /dev/NAME's entry points at */
    char name[64];
    struct lx_class *lc;               /* NULL: a device of no class, in /sys/devices/virtual */
    struct kmod *owner;
    struct sysfs_dir *dir;
    struct lx_device *next;
};

static struct lx_class *lx_classes;
static struct lx_device *lx_devices;
static struct sysfs_dir *lx_virtual_dir;  /* /sys/devices/virtual */

static struct lx_class *lx_class_of(const struct class *cls)
{
    for (struct lx_class *lc = lx_classes; lc; lc = lc->next)
        if (lc->cls == cls)
            return lc;
    return NULL;
}

const struct class *lx_class_of_kobj(const struct kobject *kobj)
{
    return container_of(kobj, struct lx_class, kobj)->cls;
}

static void lx_class_free(struct lx_class *lc);

/* /sys/class/NAME for cls, with its class_groups; registered: the struct stays the caller's. */
static int lx_class_add(struct class *cls, struct kmod *owner, bool registered)
{
    struct sysfs_dir *classes = sysfs_dir_find(NULL, "class");
    struct lx_class *lc;
    int rc;

    if (!cls || !cls->name || !*cls->name)
        return -EINVAL;
    if (lx_class_of(cls)) {
        printk(KERN_ERR "class %s: already registered\n", cls->name);
        return -EEXIST;
    }
    lc = kzalloc(sizeof(*lc), GFP_KERNEL);
    if (!lc)
        return -ENOMEM;
    lc->cls = cls;
    lc->owner = owner;
    lc->registered = registered;
    lc->kobj.name = cls->name;
    lc->kobj.ark_refs = 1;
    lc->kobj.ark_owner = owner;
    rc = classes ? sysfs_dir_create(classes, cls->name, owner,
                                    (struct sysfs_dir **)&lc->kobj.ark_dir) : 0;
    if (rc) {
        if (rc == -EEXIST)
            printk(KERN_ERR "class %s: a class of that name is already registered\n", cls->name);
        kfree(lc);
        return rc;
    }
    lc->next = lx_classes;
    lx_classes = lc;
    for (int i = 0; cls->class_groups && cls->class_groups[i]; i++) {
        rc = lx_group_add(&lc->kobj, cls->class_groups[i], owner, LX_ATTR_CLASS);
        if (rc) {
            printk(KERN_ERR "class %s: attribute group %d: error %d\n", cls->name, i, rc);
            lx_class_free(lc);
            return rc;
        }
    }
    return 0;
}

struct class *class_create(const char *name)
{
    struct class *cls;
    char *copy;
    int rc;

    if (!name)
        return ERR_PTR(-EINVAL);
    cls = kzalloc(sizeof(*cls), GFP_KERNEL);
    copy = kstrdup(name, GFP_KERNEL);
    if (!cls || !copy) {
        kfree(cls);
        kfree(copy);
        return ERR_PTR(-ENOMEM);
    }
    cls->name = copy;
    rc = lx_class_add(cls, LX_CALLER(), false);
    if (rc) {
        kfree(copy);
        kfree(cls);
        return ERR_PTR(rc);
    }
    return cls;
}
KERNEL_EXPORT(class_create);

int class_register(const struct class *cls)
{
    return lx_class_add((struct class *)cls, lx_owner(NULL, cls), true);
}
KERNEL_EXPORT(class_register);

int class_create_file(const struct class *cls, const struct class_attribute *attr)
{
    struct lx_class *lc = lx_class_of(cls);

    if (!lc || !attr)
        return -EINVAL;
    return lx_attr_file_add(&lc->kobj, &attr->attr, lx_owner(NULL, attr), LX_ATTR_CLASS);
}
KERNEL_EXPORT(class_create_file);

void class_remove_file(const struct class *cls, const struct class_attribute *attr)
{
    struct lx_class *lc = lx_class_of(cls);

    if (lc && attr)
        sysfs_remove_file(&lc->kobj, &attr->attr);
}
KERNEL_EXPORT(class_remove_file);

ssize_t class_show_string(const struct class *cls, const struct class_attribute *attr, char *buf)
{
    (void)cls;
    return sysfs_emit(buf, "%s\n", container_of(attr, struct class_attribute_string, attr)->str);
}
KERNEL_EXPORT(class_show_string);

static long lx_dev_show(void *priv, char *buf)
{
    struct lx_device *d = priv;
    return scnprintf(buf, SYSFS_PAGE, "%u:%u\n", MAJOR(d->dev->devt), MINOR(d->dev->devt));
}

static void lx_device_remove(struct lx_device *d);

static void lx_device_free(struct lx_node *n)
{
    kfree(container_of(n, struct lx_device, node));
}

static struct lx_device *lx_device_of(const struct device *dev)
{
    for (struct lx_device *d = lx_devices; d; d = d->next)
        if (d->dev == dev)
            return d;
    return NULL;
}

/* Makes d's device visible (or frees d and says why not): /dev/NAME for a device number, its directory in its class's (or in
 * /sys/devices/virtual), the dev file, and the attribute groups of the class and of the device. */
static int lx_device_publish(struct lx_device *d, const struct attribute_group **groups,
                             umode_t mode)
{
    struct device *dev = d->dev;
    const struct class *cls = d->lc ? d->lc->cls : NULL;
    struct sysfs_dir *parent = d->lc ? d->lc->kobj.ark_dir : lx_virtual_dir;
    const struct attribute_group **lists[2] = { cls ? cls->dev_groups : NULL, groups };
    int rc;

    lx_node_init(&d->node, d->name, NULL);
    d->node.inode.i_rdev = dev->devt;
    d->node.inode.i_mode = S_IFCHR | 0600;  /* udev's default for a character device */
    if (!mode && cls && cls->devnode) {
        char *rename = cls->devnode(dev, &mode);
        kfree(rename);                 /* ark does not rename nodes */
    }
    if (mode)
        d->node.inode.i_mode = S_IFCHR | (mode & 0777);
    d->node.free = lx_device_free;
    if (parent) {
        rc = sysfs_dir_create(parent, d->name, d->owner, &d->dir);
        if (rc) {
            printk(KERN_ERR "device %s: %s\n", d->name,
                   rc == -EEXIST ? "a device of that name is already registered" : "no directory");
            kfree(d);
            return rc;
        }
        dev->kobj.ark_dir = d->dir;
    }
    if (dev->devt) {
        rc = dev_register_owned_poll(d->name, &lx_node_ops, lx_node_lseek, lx_node_poll, &d->node,
                                     d->owner);
        if (rc) {
            printk(KERN_ERR "device %s: /dev/%s: error %d\n", d->name, d->name, rc);
            if (d->dir)
                kobject_del(&dev->kobj);
            kfree(d);
            return rc;
        }
        (void)dev_set_perm(d->name, 0, 0, d->node.inode.i_mode & 07777);  /* just registered */
        if (d->dir)
            (void)sysfs_file_add(d->dir, "dev", 0444, lx_dev_show, NULL, d, d->owner);
    }
    d->next = lx_devices;
    lx_devices = d;
    for (int l = 0; l < 2; l++) {
        for (int i = 0; lists[l] && lists[l][i]; i++) {
            if (!d->dir)
                break;
            rc = lx_group_add(&dev->kobj, lists[l][i], d->owner, LX_ATTR_DEVICE);
            if (rc) {
                printk(KERN_ERR "device %s: attribute group %d: error %d\n", d->name, i, rc);
                lx_device_remove(d);   /* frees d */
                return rc;
            }
        }
    }
    return 0;
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
    d->dev = &d->own;
    device_initialize(d->dev);
    d->dev->parent = parent;
    d->dev->class = (struct class *)cls;
    d->dev->devt = devt;
    d->dev->driver_data = drvdata;
    d->dev->kobj.name = d->name;
    rc = lx_device_publish(d, groups, mode);     /* frees d if it fails */
    return rc ? ERR_PTR(rc) : &d->own;
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

/* ---- devices of the caller's: device_initialize, device_add, the reference count ---- */

void device_initialize(struct device *dev)
{
    if (!dev)
        return;
    dev->ark_refs = 1;
    dev->kobj.ark_dir = NULL;
}
KERNEL_EXPORT(device_initialize);

int dev_set_name(struct device *dev, const char *fmt, ...)
{
    va_list ap;

    if (!dev || !fmt)
        return -EINVAL;
    va_start(ap, fmt);
    vsnprintf(dev->kobj.ark_name, sizeof(dev->kobj.ark_name), fmt, ap);
    va_end(ap);
    dev->kobj.name = dev->kobj.ark_name;
    return 0;
}
KERNEL_EXPORT(dev_set_name);

int device_add(struct device *dev)
{
    struct lx_device *d;
    const char *name;

    if (!dev)
        return -EINVAL;
    name = dev->init_name ? dev->init_name : dev->kobj.name;
    if (!name || !*name) {
        printk(KERN_ERR "device_add: a device without a name (dev_set_name or init_name)\n");
        return -EINVAL;
    }
    if (lx_device_of(dev)) {
        printk(KERN_ERR "device %s: already registered\n", name);
        return -EEXIST;
    }
    if (!dev->ark_refs) {
        printk(KERN_ERR "device %s: added without device_initialize\n", name);
        return -EINVAL;
    }
    d = kzalloc(sizeof(*d), GFP_KERNEL);
    if (!d)
        return -ENOMEM;
    d->dev = dev;
    d->owner = lx_owner(NULL, dev);
    strscpy(d->name, name, sizeof(d->name));
    if (dev->class && !(d->lc = lx_class_of(dev->class))) {
        printk(KERN_ERR "device %s: its class is not registered\n", d->name);
        kfree(d);
        return -EINVAL;
    }
    /* The name stays in the device itself: dev_name must work in its release, after the
     * kernel's record is gone. */
    if (name != dev->kobj.ark_name)
        strscpy(dev->kobj.ark_name, name, sizeof(dev->kobj.ark_name));
    dev->kobj.name = dev->kobj.ark_name;
    dev->init_name = NULL;
    return lx_device_publish(d, dev->groups, 0);
}
KERNEL_EXPORT(device_add);

int device_register(struct device *dev)
{
    device_initialize(dev);
    return device_add(dev);
}
KERNEL_EXPORT(device_register);

static void lx_device_remove(struct lx_device *d)
{
    for (struct lx_device **pp = &lx_devices; *pp; pp = &(*pp)->next) {
        if (*pp == d) {
            *pp = d->next;
            break;
        }
    }
    (void)lx_devres_release_all(d->dev);
    if (d->dir)
        kobject_del(&d->dev->kobj);    /* the directory, with the attributes' records */
    if (d->dev->devt)
        (void)dev_detach(d->name);
    lx_node_release(&d->node);         /* now, or at the last close of the node */
}

void device_del(struct device *dev)
{
    struct lx_device *d = lx_device_of(dev);

    if (d)
        lx_device_remove(d);
    else if (dev)
        printk(KERN_WARNING "device_del: %s is not registered\n",
               dev->kobj.name ? dev->kobj.name : "(no name)");
}
KERNEL_EXPORT(device_del);

struct device *get_device(struct device *dev)
{
    if (dev)
        dev->ark_refs++;
    return dev;
}
KERNEL_EXPORT(get_device);

/* The last reference to a device of the caller's calls its release (the device's, else its
 * class's), which may free it: nothing touches dev after. */
void put_device(struct device *dev)
{
    void (*release)(struct device *);

    if (!dev || !dev->ark_refs)
        return;
    if (--dev->ark_refs)
        return;
    if (lx_device_of(dev)) {
        printk(KERN_ERR "device %s: last reference dropped while registered; kept\n",
               dev_name(dev));
        dev->ark_refs = 1;
        return;
    }
    release = dev->release ? dev->release : dev->class ? dev->class->dev_release : NULL;
    if (release)
        (void)lx_call_module((const void *)release, (uintptr_t)dev);
    else
        printk(KERN_WARNING "device %s: no release function, so its memory is never freed\n",
               dev_name(dev) ? dev_name(dev) : "(no name)");
}
KERNEL_EXPORT(put_device);

void device_unregister(struct device *dev)
{
    device_del(dev);
    put_device(dev);
}
KERNEL_EXPORT(device_unregister);

void device_destroy(const struct class *cls, dev_t devt)
{
    struct lx_class *lc = lx_class_of(cls);

    if (!lc)
        return;
    for (struct lx_device *d = lx_devices; d; d = d->next) {
        if (d->lc == lc && d->dev->devt == devt) {
            lx_device_remove(d);
            return;
        }
    }
}
KERNEL_EXPORT(device_destroy);

/* ---- classes going ---- */

static void lx_class_free(struct lx_class *lc)
{
    for (struct lx_class **pp = &lx_classes; *pp; pp = &(*pp)->next) {
        if (*pp == lc) {
            *pp = lc->next;
            break;
        }
    }
    /* From the head again after each removal: its managed actions may remove others. */
    for (struct lx_device *d = lx_devices; d;) {
        if (d->lc == lc) {
            lx_device_remove(d);
            d = lx_devices;
        } else {
            d = d->next;
        }
    }
    kobject_del(&lc->kobj);            /* the directory and the class attributes */
    if (!lc->registered) {
        kfree(lc->cls->name);
        kfree(lc->cls);
    }
    kfree(lc);
}

void class_destroy(const struct class *cls)
{
    struct lx_class *lc = lx_class_of(cls);

    if (lc)
        lx_class_free(lc);
}
KERNEL_EXPORT(class_destroy);

void class_unregister(const struct class *cls)
{
    struct lx_class *lc = lx_class_of(cls);

    if (lc)
        lx_class_free(lc);
    else if (cls)
        printk(KERN_WARNING "class_unregister: %s is not registered\n",
               cls->name ? cls->name : "(no name)");
}
KERNEL_EXPORT(class_unregister);

/* At unload, after the module's exit: its devices (a device of its own also loses the reference
 * its registration held, so its release runs while the code is still there), then its classes. */
int lx_class_release_owned(struct kmod *m)
{
    int removed = 0;

    for (struct lx_device *d = lx_devices; d;) {
        struct device *dev = d->dev;
        bool own = dev == &d->own;

        if (d->owner != m) {
            d = d->next;
            continue;
        }
        printk(KERN_WARNING "dkm: %s: exit left device %s registered; removed\n",
               lx_owner_name(m), d->name);
        lx_device_remove(d);
        if (!own)
            put_device(dev);
        removed++;
        d = lx_devices;                /* a release may have unregistered others */
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

void lx_device_init(void)
{
    struct sysfs_dir *devices;

    if (sysfs_dir_create(NULL, "devices", NULL, &devices) < 0 ||
        sysfs_dir_create(devices, "virtual", NULL, &lx_virtual_dir) < 0)
        printk(KERN_ERR "device: cannot create /sys/devices/virtual\n");
}
