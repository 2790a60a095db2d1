/* chrdev.c — character device numbers: regions registered by register_chrdev/alloc_chrdev_region
 * and cdevs added over them. An open of a device node finds its driver here by device number;
 * /proc/devices lists the registered majors as on Linux. */
#include <linux/cdev.h>
#include "ark/proc.h"
#include "lx_internal.h"

struct lx_region {
    unsigned int major, baseminor, count;
    char name[64];
    const struct file_operations *fops;   /* register_chrdev; NULL for bare regions */
    struct kmod *owner;
    struct lx_region *next;
};

/* Device numbers bound to a driver: a cdev added over them, or one number bound by the kernel
 * for a driver of its own kind (a miscdevice), whose opens start with private_data. */
struct lx_cdev_map {
    struct cdev *cdev;                 /* NULL for a binding */
    const struct file_operations *fops;   /* a binding's */
    void *private_data;
    dev_t dev;
    unsigned int count;
    struct kmod *owner;
    struct lx_cdev_map *next;
};

static struct lx_region *lx_regions;
static struct lx_cdev_map *lx_cdevs;

static bool lx_overlaps(unsigned int major, unsigned int baseminor, unsigned int count)
{
    for (struct lx_region *r = lx_regions; r; r = r->next)
        if (r->major == major && baseminor < r->baseminor + r->count &&
            r->baseminor < baseminor + count)
            return true;
    return false;
}

static bool lx_major_used(unsigned int major)
{
    for (struct lx_region *r = lx_regions; r; r = r->next)
        if (r->major == major)
            return true;
    return false;
}

/* Dynamic majors come from 254 down to 234, as on Linux. */
static int lx_region_add(unsigned int major, unsigned int baseminor, unsigned int count,
                         const char *name, const struct file_operations *fops, struct kmod *owner)
{
    struct lx_region *r;

    if (!name || !count || baseminor > MINORMASK || count > MINORMASK + 1 - baseminor)
        return -EINVAL;
    if (major >= CHRDEV_MAJOR_MAX)
        return -EINVAL;
    if (major == 0) {
        for (major = 254; major >= CHRDEV_MAJOR_DYN_END && lx_major_used(major); major--)
            ;
        if (major < CHRDEV_MAJOR_DYN_END) {
            printk(KERN_ERR "CHRDEV \"%s\" dynamic allocation region is full\n", name);
            return -EBUSY;
        }
    }
    if (lx_overlaps(major, baseminor, count))
        return -EBUSY;
    r = kzalloc(sizeof(*r), GFP_KERNEL);
    if (!r)
        return -ENOMEM;
    r->major = major;
    r->baseminor = baseminor;
    r->count = count;
    strscpy(r->name, name, sizeof(r->name));
    r->fops = fops;
    r->owner = owner;
    r->next = lx_regions;
    lx_regions = r;
    return (int)major;
}

static void lx_region_remove(unsigned int major, unsigned int baseminor, unsigned int count)
{
    for (struct lx_region **pp = &lx_regions; *pp; pp = &(*pp)->next) {
        struct lx_region *r = *pp;
        if (r->major == major && r->baseminor == baseminor && r->count == count) {
            *pp = r->next;
            kfree(r);
            return;
        }
    }
}

int __register_chrdev(unsigned int major, unsigned int baseminor, unsigned int count,
                      const char *name, const struct file_operations *fops)
{
    int rc;

    if (!fops)
        return -EINVAL;
    rc = lx_region_add(major, baseminor, count, name, fops, lx_owner(fops->owner, fops));
    if (rc < 0)
        return rc;
    return major ? 0 : rc;
}
KERNEL_EXPORT(__register_chrdev);

void __unregister_chrdev(unsigned int major, unsigned int baseminor, unsigned int count,
                         const char *name)
{
    (void)name;
    lx_region_remove(major, baseminor, count);
}
KERNEL_EXPORT(__unregister_chrdev);

int alloc_chrdev_region(dev_t *dev, unsigned int baseminor, unsigned int count, const char *name)
{
    int major = lx_region_add(0, baseminor, count, name, NULL, LX_CALLER());

    if (major < 0)
        return major;
    *dev = MKDEV((unsigned int)major, baseminor);
    return 0;
}
KERNEL_EXPORT(alloc_chrdev_region);

/* A range may span majors: each part is registered, or none. */
int register_chrdev_region(dev_t from, unsigned int count, const char *name)
{
    struct kmod *owner = LX_CALLER();
    dev_t to = from + count, n, next;
    int rc;

    if (!count || to < from)
        return -EINVAL;
    for (n = from; n < to; n = next) {
        next = MKDEV(MAJOR(n) + 1, 0);
        if (next > to)
            next = to;
        rc = lx_region_add(MAJOR(n), MINOR(n), next - n, name, NULL, owner);
        if (rc < 0) {
            for (dev_t u = from; u < n; u = MKDEV(MAJOR(u) + 1, 0)) {
                dev_t e = MKDEV(MAJOR(u) + 1, 0);
                lx_region_remove(MAJOR(u), MINOR(u), (e > to ? to : e) - u);
            }
            return rc;
        }
    }
    return 0;
}
KERNEL_EXPORT(register_chrdev_region);

void unregister_chrdev_region(dev_t from, unsigned int count)
{
    dev_t to = from + count, n, next;

    for (n = from; n < to; n = next) {
        next = MKDEV(MAJOR(n) + 1, 0);
        if (next > to)
            next = to;
        lx_region_remove(MAJOR(n), MINOR(n), next - n);
    }
}
KERNEL_EXPORT(unregister_chrdev_region);

int lx_chrdev_reserve(unsigned int major, const char *name)
{
    int rc = lx_region_add(major, 0, MINORMASK + 1, name, NULL, NULL);
    return rc < 0 ? rc : 0;
}

/* ---- cdev ---- */

void cdev_init(struct cdev *cdev, const struct file_operations *fops)
{
    memset(cdev, 0, sizeof(*cdev));
    cdev->ops = fops;
}
KERNEL_EXPORT(cdev_init);

struct cdev *cdev_alloc(void)
{
    struct cdev *c = kzalloc(sizeof(*c), GFP_KERNEL);

    if (c)
        c->ark_allocated = true;
    return c;
}
KERNEL_EXPORT(cdev_alloc);

static struct lx_cdev_map *lx_cdev_map_add(dev_t dev, unsigned int count, struct kmod *owner)
{
    struct lx_cdev_map *m;

    for (m = lx_cdevs; m; m = m->next)
        if (dev < m->dev + m->count && m->dev < dev + count)
            return ERR_PTR(-EBUSY);
    m = kzalloc(sizeof(*m), GFP_KERNEL);
    if (!m)
        return ERR_PTR(-ENOMEM);
    m->dev = dev;
    m->count = count;
    m->owner = owner;
    m->next = lx_cdevs;
    lx_cdevs = m;
    return m;
}

int cdev_add(struct cdev *cdev, dev_t dev, unsigned int count)
{
    struct lx_cdev_map *m;

    if (!cdev || !cdev->ops || !count)
        return -EINVAL;
    m = lx_cdev_map_add(dev, count, lx_owner(cdev->owner ? cdev->owner : cdev->ops->owner, cdev->ops));
    if (IS_ERR(m))
        return (int)PTR_ERR(m);
    cdev->dev = dev;
    cdev->count = count;
    m->cdev = cdev;
    cdev->ark_entry = m;
    return 0;
}
KERNEL_EXPORT(cdev_add);

static void lx_cdev_unmap(struct lx_cdev_map *target)
{
    for (struct lx_cdev_map **pp = &lx_cdevs; *pp; pp = &(*pp)->next) {
        if (*pp == target) {
            *pp = target->next;
            if (target->cdev)
                target->cdev->ark_entry = NULL;
            kfree(target);
            return;
        }
    }
}

void cdev_del(struct cdev *cdev)
{
    if (!cdev)
        return;
    if (cdev->ark_entry)
        lx_cdev_unmap(cdev->ark_entry);
    if (cdev->ark_allocated)
        kfree(cdev);
}
KERNEL_EXPORT(cdev_del);

int lx_chrdev_bind(dev_t dev, const struct file_operations *fops, void *private_data,
                   struct kmod *owner)
{
    struct lx_cdev_map *m = lx_cdev_map_add(dev, 1, owner);

    if (IS_ERR(m))
        return (int)PTR_ERR(m);
    m->fops = fops;
    m->private_data = private_data;
    return 0;
}

void lx_chrdev_unbind(dev_t dev)
{
    for (struct lx_cdev_map *m = lx_cdevs; m; m = m->next) {
        if (!m->cdev && m->dev == dev) {
            lx_cdev_unmap(m);
            return;
        }
    }
}

const struct file_operations *lx_chrdev_lookup(dev_t dev, struct cdev **cdev, void **private_data)
{
    *cdev = NULL;
    *private_data = NULL;
    for (struct lx_cdev_map *m = lx_cdevs; m; m = m->next) {
        if (dev >= m->dev && dev < m->dev + m->count) {
            *cdev = m->cdev;
            *private_data = m->private_data;
            return m->cdev ? m->cdev->ops : m->fops;
        }
    }
    for (struct lx_region *r = lx_regions; r; r = r->next)
        if (r->fops && MAJOR(dev) == r->major && MINOR(dev) >= r->baseminor &&
            MINOR(dev) < r->baseminor + r->count)
            return r->fops;
    return NULL;
}

int lx_chrdev_release_owned(struct kmod *m)
{
    int removed = 0;

    for (struct lx_cdev_map **pp = &lx_cdevs; *pp;) {
        struct lx_cdev_map *c = *pp;
        if (c->owner != m) {
            pp = &c->next;
            continue;
        }
        printk(KERN_WARNING "dkm: %s: exit left cdev %u:%u registered; removed\n",
               lx_owner_name(m), MAJOR(c->dev), MINOR(c->dev));
        *pp = c->next;
        kfree(c);                      /* the cdev itself lives in the module's memory */
        removed++;
    }
    for (struct lx_region **pp = &lx_regions; *pp;) {
        struct lx_region *r = *pp;
        if (r->owner != m) {
            pp = &r->next;
            continue;
        }
        printk(KERN_WARNING "dkm: %s: exit left chrdev %u (%s) registered; removed\n",
               lx_owner_name(m), r->major, r->name);
        *pp = r->next;
        kfree(r);
        removed++;
    }
    return removed;
}

/* /proc/devices: "Character devices:" and one "MAJOR NAME" line per registered region. */
static int lx_devices_show(struct ark_seq *s, void *priv)
{
    (void)priv;
    seq_write(s, "Character devices:\n", 19);
    for (unsigned int major = 0; major < CHRDEV_MAJOR_MAX; major++)
        for (struct lx_region *r = lx_regions; r; r = r->next)
            if (r->major == major)
                (seq_printf)(s, "%3u %s\n", r->major, r->name);
    return 0;
}

void lx_chrdev_proc_init(void)
{
    (proc_create)("devices", lx_devices_show, NULL, NULL);
}
