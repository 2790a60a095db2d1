/* platform.c — the platform bus: devices declared by name, drivers bound to them by name or
 * id_table, probe when both are there and remove when either goes, /sys/bus/platform/, and a
 * request for the module aliased platform:NAME when a device arrives without a driver. Probe and
 * remove may sleep, so the bus has a lock of its own, taken again freely by the thread holding it
 * (a probe may register devices). Drivers' callbacks run guarded, so a fault in one is contained
 * and the lock still released. The kernel's records, not the modules' structs, say what is
 * registered, and what a module leaves is swept at its unload. */
#include <linux/kmod.h>
#include <linux/mutex.h>
#include <linux/platform_device.h>
#include "lx_internal.h"

struct ark_thread;
struct ark_thread *sched_current(void);

struct lx_pdrv {
    struct platform_driver *drv;
    struct kmod *owner;
    struct sysfs_dir *dir;             /* /sys/bus/platform/drivers/NAME */
    unsigned int seen;                 /* the last device scan that offered it a device */
    bool going;                        /* being unregistered: binds no more devices */
    struct lx_pdrv *next;
};

struct lx_pdev {
    struct platform_device *pdev;
    char name[64];                     /* NAME, NAME.ID or NAME.N.auto */
    struct kmod *owner;
    struct lx_pdrv *driver;            /* bound to, once probe succeeded */
    struct sysfs_dir *dir;             /* /sys/bus/platform/devices/NAME */
    unsigned int seen;                 /* the last driver scan that offered it to a driver */
    int auto_id;                       /* PLATFORM_DEVID_AUTO's number, else -1 */
    struct lx_pdev *next;
};

/* A device from platform_device_alloc, with the copies add_data and add_resources make. */
struct lx_palloc {
    struct platform_device pdev;
    char name[PLATFORM_NAME_SIZE];
    void *data;
    struct resource *res;
    struct lx_palloc *next;
};

static struct lx_pdrv *lx_pdrvs;
static struct lx_pdev *lx_pdevs;
static struct lx_pdev *lx_pdevs_gone;  /* deleted, not yet put: dev_name stays valid for release */
static struct lx_palloc *lx_pallocs;
static unsigned int lx_scan;
static struct sysfs_dir *lx_bus_devices, *lx_bus_drivers;

static DEFINE_MUTEX(lx_bus_mutex);
static struct ark_thread *lx_bus_holder;
static int lx_bus_depth;

static void lx_bus_lock(void)
{
    if (lx_bus_holder == sched_current()) {
        lx_bus_depth++;
        return;
    }
    mutex_lock(&lx_bus_mutex);
    lx_bus_holder = sched_current();
    lx_bus_depth = 1;
}

static void lx_bus_unlock(void)
{
    if (--lx_bus_depth == 0) {
        lx_bus_holder = NULL;
        mutex_unlock(&lx_bus_mutex);
    }
}

static struct lx_pdev *lx_pdev_of(const struct platform_device *pdev)
{
    for (struct lx_pdev *d = lx_pdevs; d; d = d->next)
        if (d->pdev == pdev)
            return d;
    return NULL;
}

static struct lx_pdrv *lx_pdrv_of(const struct platform_driver *drv)
{
    for (struct lx_pdrv *r = lx_pdrvs; r; r = r->next)
        if (r->drv == drv)
            return r;
    return NULL;
}

static struct lx_palloc *lx_palloc_of(const struct platform_device *pdev)
{
    for (struct lx_palloc *a = lx_pallocs; a; a = a->next)
        if (&a->pdev == pdev)
            return a;
    return NULL;
}

/* The id_table entry naming the device, or NULL; without a table, the driver's own name. */
static bool lx_platform_match(struct lx_pdrv *r, struct lx_pdev *d,
                              const struct platform_device_id **entry)
{
    const struct platform_device_id *id = r->drv->id_table;

    *entry = NULL;
    if (id) {
        for (; id->name[0]; id++) {
            if (!strcmp(d->pdev->name, id->name)) {
                *entry = id;
                return true;
            }
        }
        return false;
    }
    return r->drv->driver.name && !strcmp(d->pdev->name, r->drv->driver.name);
}

static int lx_probe(struct lx_pdrv *r, struct lx_pdev *d, const struct platform_device_id *entry)
{
    int rc;

    d->pdev->id_entry = entry;
    d->pdev->dev.driver = &r->drv->driver;
    rc = r->drv->probe ? (int)lx_call_module((const void *)r->drv->probe, (uintptr_t)d->pdev) : 0;
    if (rc) {
        (void)lx_devres_release_all(&d->pdev->dev);
        d->pdev->dev.driver = NULL;
        d->pdev->id_entry = NULL;
        dev_set_drvdata(&d->pdev->dev, NULL);
        if (rc != -ENODEV && rc != -ENXIO)
            printk(KERN_WARNING "%s %s: probe failed with error %d\n", r->drv->driver.name,
                   d->name, rc);
        return rc;
    }
    d->driver = r;
    printk(KERN_DEBUG "platform %s: bound to driver %s\n", d->name, r->drv->driver.name);
    return 0;
}

static void lx_unbind(struct lx_pdev *d)
{
    struct platform_driver *drv;

    if (!d->driver)
        return;
    drv = d->driver->drv;
    d->driver = NULL;
    if (drv->remove_new)
        (void)lx_call_module((const void *)drv->remove_new, (uintptr_t)d->pdev);
    else if (drv->remove)              /* Linux ignores its result too */
        (void)lx_call_module((const void *)drv->remove, (uintptr_t)d->pdev);
    (void)lx_devres_release_all(&d->pdev->dev);
    d->pdev->dev.driver = NULL;
    d->pdev->id_entry = NULL;
    dev_set_drvdata(&d->pdev->dev, NULL);
}

/* Offers d to each driver until one binds it. A probe may change the lists, so the walk starts
 * again after each and skips drivers already offered d in this scan. */
static void lx_attach_device(struct lx_pdev *d)
{
    unsigned int scan = ++lx_scan;
    const struct platform_device_id *entry;
    struct lx_pdrv *r;

    do {
        for (r = lx_pdrvs; r; r = r->next)
            if (r->seen != scan && !r->going && lx_platform_match(r, d, &entry))
                break;
        if (r) {
            r->seen = scan;
            if (lx_probe(r, d, entry) == 0 || lx_pdev_of(d->pdev) != d)
                return;
        }
    } while (r);
}

static void lx_attach_driver(struct lx_pdrv *r)
{
    unsigned int scan = ++lx_scan;
    const struct platform_device_id *entry;
    struct lx_pdev *d;

    do {
        for (d = lx_pdevs; d; d = d->next)
            if (d->seen != scan && !d->driver && lx_platform_match(r, d, &entry))
                break;
        if (d) {
            d->seen = scan;
            (void)lx_probe(r, d, entry);
        }
    } while (d && !r->going);
}

static long lx_modalias_show(void *priv, char *buf)
{
    struct lx_pdev *d = priv;
    return scnprintf(buf, SYSFS_PAGE, "platform:%s\n", d->pdev->name);
}

static long lx_driver_show(void *priv, char *buf)
{
    struct lx_pdev *d = priv;
    return scnprintf(buf, SYSFS_PAGE, "%s\n", d->driver ? d->driver->drv->driver.name : "");
}

static int lx_auto_id(void)
{
    for (int id = 0;; id++) {
        bool used = false;
        for (struct lx_pdev *d = lx_pdevs; d && !used; d = d->next)
            used = d->auto_id == id;
        if (!used)
            return id;
    }
}

int platform_device_add(struct platform_device *pdev)
{
    struct lx_pdev *d;
    bool unbound;
    int rc;

    if (!pdev || !pdev->name || !*pdev->name)
        return -EINVAL;
    lx_bus_lock();
    if (lx_pdev_of(pdev)) {
        lx_bus_unlock();
        printk(KERN_ERR "platform %s: already registered\n", pdev->name);
        return -EBUSY;
    }
    d = kzalloc(sizeof(*d), GFP_KERNEL);
    if (!d) {
        lx_bus_unlock();
        return -ENOMEM;
    }
    d->pdev = pdev;
    d->owner = LX_CALLER();
    d->auto_id = -1;
    if (pdev->id == PLATFORM_DEVID_AUTO) {
        d->auto_id = lx_auto_id();
        pdev->id_auto = true;
        scnprintf(d->name, sizeof(d->name), "%s.%d.auto", pdev->name, d->auto_id);
    } else if (pdev->id == PLATFORM_DEVID_NONE) {
        strscpy(d->name, pdev->name, sizeof(d->name));
    } else {
        scnprintf(d->name, sizeof(d->name), "%s.%d", pdev->name, pdev->id);
    }
    for (struct lx_pdev *o = lx_pdevs; o; o = o->next) {
        if (!strcmp(o->name, d->name)) {
            lx_bus_unlock();
            printk(KERN_ERR "platform %s: a device of that name is already registered\n", d->name);
            kfree(d);
            return -EEXIST;
        }
    }
    pdev->dev.kobj.name = d->name;
    pdev->dev.ark_private = d;
    rc = lx_bus_devices ? sysfs_dir_create(lx_bus_devices, d->name, d->owner, &d->dir) : 0;
    if (rc == 0 && d->dir) {
        pdev->dev.kobj.ark_dir = d->dir;
        (void)sysfs_file_add(d->dir, "modalias", 0444, lx_modalias_show, NULL, d, d->owner);
        (void)sysfs_file_add(d->dir, "driver", 0444, lx_driver_show, NULL, d, d->owner);
    }
    d->next = lx_pdevs;
    lx_pdevs = d;
    lx_attach_device(d);
    unbound = lx_pdev_of(pdev) == d && !d->driver;
    lx_bus_unlock();
    /* What udev does on Linux: the module that says it drives such devices. Outside the bus lock,
     * since that module's init registers its driver; a device added by a probe, with the lock
     * still held further out, is not offered. */
    if (unbound && lx_bus_holder != sched_current())
        (void)request_module("platform:%s", pdev->name);
    return 0;
}
KERNEL_EXPORT(platform_device_add);

int platform_device_register(struct platform_device *pdev)
{
    return platform_device_add(pdev);
}
KERNEL_EXPORT(platform_device_register);

static void lx_pdev_remove(struct lx_pdev *d)
{
    for (struct lx_pdev **pp = &lx_pdevs; *pp; pp = &(*pp)->next) {
        if (*pp == d) {
            *pp = d->next;
            break;
        }
    }
    lx_unbind(d);
    if (d->dir)
        kobject_del(&d->pdev->dev.kobj);
    d->pdev->dev.ark_private = NULL;
    d->next = lx_pdevs_gone;
    lx_pdevs_gone = d;
}

void platform_device_del(struct platform_device *pdev)
{
    struct lx_pdev *d;

    lx_bus_lock();
    d = lx_pdev_of(pdev);
    if (d)
        lx_pdev_remove(d);
    lx_bus_unlock();
    if (!d && pdev)
        printk(KERN_WARNING "platform_device_del: %s is not registered\n",
               pdev->name ? pdev->name : "(null)");
}
KERNEL_EXPORT(platform_device_del);

static void lx_palloc_free(struct lx_palloc *a)
{
    for (struct lx_palloc **pp = &lx_pallocs; *pp; pp = &(*pp)->next) {
        if (*pp == a) {
            *pp = a->next;
            break;
        }
    }
    kfree(a->data);
    kfree(a->res);
    kfree(a);
}

/* The last reference: a device of platform_device_alloc is freed, another's release called. */
void platform_device_put(struct platform_device *pdev)
{
    struct lx_pdev *gone = NULL;
    struct lx_palloc *a;

    if (!pdev || lx_pdev_of(pdev))
        return;                        /* still registered: unregister drops the reference */
    for (struct lx_pdev **pp = &lx_pdevs_gone; *pp; pp = &(*pp)->next) {
        if ((*pp)->pdev == pdev) {
            gone = *pp;
            *pp = gone->next;
            break;
        }
    }
    a = lx_palloc_of(pdev);
    if (a)
        lx_palloc_free(a);
    else if (pdev->dev.release)          /* may free pdev: nothing touches it after */
        (void)lx_call_module((const void *)pdev->dev.release, (uintptr_t)&pdev->dev);
    kfree(gone);
}
KERNEL_EXPORT(platform_device_put);

void platform_device_unregister(struct platform_device *pdev)
{
    platform_device_del(pdev);
    platform_device_put(pdev);
}
KERNEL_EXPORT(platform_device_unregister);

struct platform_device *platform_device_alloc(const char *name, int id)
{
    struct lx_palloc *a;

    if (!name)
        return NULL;
    a = kzalloc(sizeof(*a), GFP_KERNEL);
    if (!a)
        return NULL;
    strscpy(a->name, name, sizeof(a->name));
    a->pdev.name = a->name;
    a->pdev.id = id;
    a->next = lx_pallocs;
    lx_pallocs = a;
    return &a->pdev;
}
KERNEL_EXPORT(platform_device_alloc);

int platform_device_add_data(struct platform_device *pdev, const void *data, size_t size)
{
    struct lx_palloc *a = lx_palloc_of(pdev);
    void *copy = NULL;

    if (!a)
        return -EINVAL;                /* only a device of platform_device_alloc owns copies */
    if (data) {
        copy = kmemdup(data, size, GFP_KERNEL);
        if (!copy)
            return -ENOMEM;
    }
    kfree(a->data);
    a->data = copy;
    pdev->dev.platform_data = copy;
    return 0;
}
KERNEL_EXPORT(platform_device_add_data);

int platform_device_add_resources(struct platform_device *pdev, const struct resource *res,
                                  unsigned int num)
{
    struct lx_palloc *a = lx_palloc_of(pdev);
    struct resource *copy = NULL;

    if (!a)
        return -EINVAL;
    if (res && num) {
        copy = kmemdup(res, sizeof(*res) * num, GFP_KERNEL);
        if (!copy)
            return -ENOMEM;
    }
    kfree(a->res);
    a->res = copy;
    pdev->resource = copy;
    pdev->num_resources = copy ? num : 0;
    return 0;
}
KERNEL_EXPORT(platform_device_add_resources);

struct platform_device *platform_device_register_resndata(struct device *parent,
        const char *name, int id, const struct resource *res, unsigned int num,
        const void *data, size_t size)
{
    struct platform_device *pdev = platform_device_alloc(name, id);
    int rc;

    if (!pdev)
        return ERR_PTR(-ENOMEM);
    pdev->dev.parent = parent;
    rc = platform_device_add_resources(pdev, res, num);
    if (!rc)
        rc = platform_device_add_data(pdev, data, size);
    if (!rc)
        rc = platform_device_add(pdev);
    if (rc) {
        platform_device_put(pdev);
        return ERR_PTR(rc);
    }
    return pdev;
}
KERNEL_EXPORT(platform_device_register_resndata);

struct resource *platform_get_resource(struct platform_device *pdev, unsigned int type,
                                       unsigned int num)
{
    for (u32 i = 0; pdev && i < pdev->num_resources; i++)
        if (resource_type(&pdev->resource[i]) == type && num-- == 0)
            return &pdev->resource[i];
    return NULL;
}
KERNEL_EXPORT(platform_get_resource);

struct resource *platform_get_resource_byname(struct platform_device *pdev, unsigned int type,
                                              const char *name)
{
    for (u32 i = 0; pdev && name && i < pdev->num_resources; i++) {
        struct resource *r = &pdev->resource[i];
        if (resource_type(r) == type && r->name && !strcmp(r->name, name))
            return r;
    }
    return NULL;
}
KERNEL_EXPORT(platform_get_resource_byname);

int platform_get_irq_optional(struct platform_device *pdev, unsigned int num)
{
    struct resource *r = platform_get_resource(pdev, IORESOURCE_IRQ, num);
    return r ? (int)r->start : -ENXIO;
}
KERNEL_EXPORT(platform_get_irq_optional);

int platform_get_irq(struct platform_device *pdev, unsigned int num)
{
    int irq = platform_get_irq_optional(pdev, num);

    if (irq < 0)
        printk(KERN_ERR "%s: IRQ index %u not found\n", pdev ? dev_name(&pdev->dev) : "?", num);
    return irq;
}
KERNEL_EXPORT(platform_get_irq);

/* ---- drivers ---- */

int __platform_driver_register(struct platform_driver *drv, struct module *owner)
{
    struct lx_pdrv *r;
    int rc;

    if (!drv || !drv->driver.name || !*drv->driver.name)
        return -EINVAL;
    lx_bus_lock();
    if (lx_pdrv_of(drv)) {
        lx_bus_unlock();
        printk(KERN_ERR "platform driver %s: already registered\n", drv->driver.name);
        return -EBUSY;
    }
    r = kzalloc(sizeof(*r), GFP_KERNEL);
    if (!r) {
        lx_bus_unlock();
        return -ENOMEM;
    }
    drv->driver.owner = owner;
    r->drv = drv;
    r->owner = lx_owner(owner, drv);
    rc = lx_bus_drivers ? sysfs_dir_create(lx_bus_drivers, drv->driver.name, r->owner, &r->dir) : 0;
    if (rc) {
        lx_bus_unlock();
        printk(KERN_ERR "platform driver %s: a driver of that name is already registered\n",
               drv->driver.name);
        kfree(r);
        return rc;
    }
    r->next = lx_pdrvs;
    lx_pdrvs = r;
    lx_attach_driver(r);
    lx_bus_unlock();
    return 0;
}
KERNEL_EXPORT(__platform_driver_register);

static void lx_pdrv_remove(struct lx_pdrv *r)
{
    struct lx_pdev *d;

    r->going = true;
    do {                               /* remove may change the lists: look again after each */
        for (d = lx_pdevs; d && d->driver != r; d = d->next)
            ;
        if (d)
            lx_unbind(d);
    } while (d);
    for (struct lx_pdrv **pp = &lx_pdrvs; *pp; pp = &(*pp)->next) {
        if (*pp == r) {
            *pp = r->next;
            break;
        }
    }
    if (r->dir)
        sysfs_dir_remove(r->dir);
    kfree(r);
}

void platform_driver_unregister(struct platform_driver *drv)
{
    struct lx_pdrv *r;

    lx_bus_lock();
    r = lx_pdrv_of(drv);
    if (r)
        lx_pdrv_remove(r);
    lx_bus_unlock();
    if (!r)
        printk(KERN_WARNING "platform_driver_unregister: %s is not registered\n",
               drv && drv->driver.name ? drv->driver.name : "(null)");
}
KERNEL_EXPORT(platform_driver_unregister);

/* At unload, after the module's exit: its drivers first (their remove still runs, the code is
 * there until the sweep ends), then its devices, unbound from whatever driver holds them. */
int lx_platform_release_owned(struct kmod *m)
{
    int removed = 0;
    struct lx_pdrv *r;
    struct lx_pdev *d;

    lx_bus_lock();
    do {
        for (r = lx_pdrvs; r && r->owner != m; r = r->next)
            ;
        if (r) {
            printk(KERN_WARNING "dkm: %s: exit left platform driver %s registered; removed\n",
                   lx_owner_name(m), r->drv->driver.name);
            lx_pdrv_remove(r);
            removed++;
        }
    } while (r);
    do {
        for (d = lx_pdevs; d && d->owner != m; d = d->next)
            ;
        if (d) {
            struct platform_device *pdev = d->pdev;
            printk(KERN_WARNING "dkm: %s: exit left platform device %s registered; removed\n",
                   lx_owner_name(m), d->name);
            lx_pdev_remove(d);
            platform_device_put(pdev);   /* its release is still there until the sweep ends */
            removed++;
        }
    } while (d);
    lx_bus_unlock();
    return removed;
}

void lx_platform_init(void)
{
    struct sysfs_dir *bus, *platform;

    if (sysfs_dir_create(NULL, "bus", NULL, &bus) < 0 ||
        sysfs_dir_create(bus, "platform", NULL, &platform) < 0 ||
        sysfs_dir_create(platform, "devices", NULL, &lx_bus_devices) < 0 ||
        sysfs_dir_create(platform, "drivers", NULL, &lx_bus_drivers) < 0)
        printk(KERN_ERR "platform: cannot create /sys/bus/platform\n");
}
