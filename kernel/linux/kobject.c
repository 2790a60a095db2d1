/* kobject.c — kobjects as /sys directories and their attribute files: kobject_create_and_add,
 * kobject_get/put, sysfs_create_file/group with kobj_attribute show and store, and the same for
 * a device's directory with device_attribute (device_create_file). kernel_kobj is /sys/kernel. */
#include <linux/device.h>
#include <linux/kobject.h>
#include "lx_internal.h"

static struct kobject lx_kernel_kobj = { .name = "kernel", .ark_refs = 1 };
static struct kobject lx_fs_kobj = { .name = "fs", .ark_refs = 1 };
struct kobject *kernel_kobj = &lx_kernel_kobj;
KERNEL_EXPORT(kernel_kobj);
struct kobject *fs_kobj = &lx_fs_kobj;
KERNEL_EXPORT(fs_kobj);

/* Every dynamic kobject, for the sweep at unload. */
struct lx_kobj {
    struct kobject kobj;
    struct lx_kobj *next;
};
static struct lx_kobj *lx_kobjs;

/* What a /sys file created by sysfs_create_file calls: the attribute with its kobject. */
struct lx_attr_file {
    struct kobject *kobj;
    const struct attribute *attr;
    enum lx_attr_kind kind;            /* which attribute struct holds attr */
};

static struct sysfs_dir *lx_kobj_dir(struct kobject *kobj)
{
    return kobj ? kobj->ark_dir : NULL;
}

struct kobject *kobject_create_and_add(const char *name, struct kobject *parent)
{
    struct lx_kobj *k;
    struct sysfs_dir *pdir;
    int rc;

    if (!name)
        return NULL;
    pdir = parent ? lx_kobj_dir(parent) : NULL;
    if (parent && !pdir)
        return NULL;
    k = kzalloc(sizeof(*k), GFP_KERNEL);
    if (!k)
        return NULL;
    strscpy(k->kobj.ark_name, name, sizeof(k->kobj.ark_name));
    k->kobj.name = k->kobj.ark_name;
    k->kobj.parent = parent;
    k->kobj.ark_refs = 1;
    k->kobj.ark_dynamic = true;
    k->kobj.ark_owner = LX_CALLER();
    rc = sysfs_dir_create(pdir, name, k->kobj.ark_owner, (struct sysfs_dir **)&k->kobj.ark_dir);
    if (rc) {
        printk(KERN_ERR "kobject_add_internal failed for %s with -%s (%d)\n", name,
               rc == -EEXIST ? "EEXIST" : "E", rc);
        kfree(k);
        return NULL;
    }
    if (parent)
        kobject_get(parent);
    k->next = lx_kobjs;
    lx_kobjs = k;
    return &k->kobj;
}
KERNEL_EXPORT(kobject_create_and_add);

struct kobject *kobject_get(struct kobject *kobj)
{
    if (kobj)
        kobj->ark_refs++;
    return kobj;
}
KERNEL_EXPORT(kobject_get);

static void lx_attrs_forget(struct kobject *kobj);

void kobject_del(struct kobject *kobj)
{
    if (!kobj || !kobj->ark_dir)
        return;
    lx_attrs_forget(kobj);
    sysfs_dir_remove(kobj->ark_dir);   /* its attribute files go with it */
    kobj->ark_dir = NULL;
}
KERNEL_EXPORT(kobject_del);

static void lx_kobj_free(struct lx_kobj *k)
{
    struct kobject *parent = k->kobj.parent;

    for (struct lx_kobj **pp = &lx_kobjs; *pp; pp = &(*pp)->next) {
        if (*pp == k) {
            *pp = k->next;
            break;
        }
    }
    kobject_del(&k->kobj);
    kfree(k);
    if (parent)
        kobject_put(parent);
}

void kobject_put(struct kobject *kobj)
{
    if (!kobj || !kobj->ark_refs)
        return;
    if (--kobj->ark_refs)
        return;
    if (kobj->ark_dynamic)
        lx_kobj_free(container_of(kobj, struct lx_kobj, kobj));
    else
        kobject_del(kobj);
}
KERNEL_EXPORT(kobject_put);

/* ---- attribute files ---- */

static long lx_attr_show(void *priv, char *buf)
{
    struct lx_attr_file *af = priv;

    if (af->kind == LX_ATTR_DEVICE) {
        struct device_attribute *da = container_of(af->attr, struct device_attribute, attr);
        return da->show ? da->show(container_of(af->kobj, struct device, kobj), da, buf) : -EIO;
    }
    if (af->kind == LX_ATTR_CLASS) {
        struct class_attribute *ca = container_of(af->attr, struct class_attribute, attr);
        return ca->show ? ca->show(lx_class_of_kobj(af->kobj), ca, buf) : -EIO;
    }
    struct kobj_attribute *ka = container_of(af->attr, struct kobj_attribute, attr);
    return ka->show ? ka->show(af->kobj, ka, buf) : -EIO;
}

static long lx_attr_store(void *priv, const char *buf, uint32_t len)
{
    struct lx_attr_file *af = priv;
    struct device_attribute *da = container_of(af->attr, struct device_attribute, attr);
    struct class_attribute *ca = container_of(af->attr, struct class_attribute, attr);
    struct kobj_attribute *ka = container_of(af->attr, struct kobj_attribute, attr);
    char *copy;
    long r;

    if (af->kind == LX_ATTR_DEVICE ? !da->store : af->kind == LX_ATTR_CLASS ? !ca->store
                                                                              : !ka->store)
        return -EIO;
    copy = kmalloc(len + 1, GFP_KERNEL);      /* NUL-terminated, as sysfs hands it on Linux */
    if (!copy)
        return -ENOMEM;
    memcpy(copy, buf, len);
    copy[len] = '\0';
    if (af->kind == LX_ATTR_DEVICE)
        r = da->store(container_of(af->kobj, struct device, kobj), da, copy, len);
    else if (af->kind == LX_ATTR_CLASS)
        r = ca->store(lx_class_of_kobj(af->kobj), ca, copy, len);
    else
        r = ka->store(af->kobj, ka, copy, len);
    kfree(copy);
    return r;
}

/* The per-file record lives as long as the file: kept in a list, freed with the file. */
struct lx_attr_rec {
    struct lx_attr_file af;
    struct sysfs_dir *dir;
    struct kmod *owner;
    struct lx_attr_rec *next;
};
static struct lx_attr_rec *lx_attrs;

/* The kobject's directory is about to go with every file in it: drop the records. */
static void lx_attrs_forget(struct kobject *kobj)
{
    for (struct lx_attr_rec **pp = &lx_attrs; *pp;) {
        struct lx_attr_rec *r = *pp;
        if (r->af.kobj == kobj) {
            *pp = r->next;
            kfree(r);
        } else {
            pp = &r->next;
        }
    }
}

static int lx_attr_add(struct kobject *kobj, struct sysfs_dir *dir, const struct attribute *attr,
                       struct kmod *owner, enum lx_attr_kind kind)
{
    struct lx_attr_rec *r;
    bool can_show, can_store;
    int rc;

    if (!dir || !attr || !attr->name)
        return -EINVAL;
    if (kind == LX_ATTR_DEVICE) {
        const struct device_attribute *da = container_of(attr, struct device_attribute, attr);
        can_show = da->show;
        can_store = da->store;
    } else if (kind == LX_ATTR_CLASS) {
        const struct class_attribute *ca = container_of(attr, struct class_attribute, attr);
        can_show = ca->show;
        can_store = ca->store;
    } else {
        const struct kobj_attribute *ka = container_of(attr, struct kobj_attribute, attr);
        can_show = ka->show;
        can_store = ka->store;
    }
    r = kzalloc(sizeof(*r), GFP_KERNEL);
    if (!r)
        return -ENOMEM;
    r->af.kobj = kobj;
    r->af.attr = attr;
    r->af.kind = kind;
    r->dir = dir;
    r->owner = owner;
    rc = sysfs_file_add(dir, attr->name, attr->mode & 0777, can_show ? lx_attr_show : NULL,
                        can_store ? lx_attr_store : NULL, &r->af, owner);
    if (rc) {
        kfree(r);
        return rc;
    }
    r->next = lx_attrs;
    lx_attrs = r;
    return 0;
}

static void lx_attr_remove(struct sysfs_dir *dir, const struct attribute *attr)
{
    for (struct lx_attr_rec **pp = &lx_attrs; *pp; pp = &(*pp)->next) {
        struct lx_attr_rec *r = *pp;
        if (r->dir == dir && r->af.attr == attr) {
            (void)sysfs_file_remove(dir, attr->name);
            *pp = r->next;
            kfree(r);
            return;
        }
    }
}

int sysfs_create_file(struct kobject *kobj, const struct attribute *attr)
{
    return lx_attr_add(kobj, lx_kobj_dir(kobj), attr, LX_CALLER(), false);
}
KERNEL_EXPORT(sysfs_create_file);

void sysfs_remove_file(struct kobject *kobj, const struct attribute *attr)
{
    struct sysfs_dir *dir = lx_kobj_dir(kobj);

    if (dir && attr)
        lx_attr_remove(dir, attr);
}
KERNEL_EXPORT(sysfs_remove_file);

int sysfs_create_files(struct kobject *kobj, const struct attribute *const *attrs)
{
    struct kmod *owner = LX_CALLER();

    for (int i = 0; attrs && attrs[i]; i++) {
        int rc = lx_attr_add(kobj, lx_kobj_dir(kobj), attrs[i], owner, false);
        if (rc) {
            while (--i >= 0)
                lx_attr_remove(lx_kobj_dir(kobj), attrs[i]);
            return rc;
        }
    }
    return 0;
}
KERNEL_EXPORT(sysfs_create_files);

void sysfs_remove_files(struct kobject *kobj, const struct attribute *const *attrs)
{
    for (int i = 0; attrs && attrs[i]; i++)
        sysfs_remove_file(kobj, attrs[i]);
}
KERNEL_EXPORT(sysfs_remove_files);

int lx_attr_file_add(struct kobject *kobj, const struct attribute *attr, struct kmod *owner,
                     enum lx_attr_kind kind)
{
    return lx_attr_add(kobj, lx_kobj_dir(kobj), attr, owner, kind);
}

int lx_group_add(struct kobject *kobj, const struct attribute_group *grp, struct kmod *owner,
                 enum lx_attr_kind kind)
{
    struct sysfs_dir *dir = lx_kobj_dir(kobj);
    int rc;

    if (!dir || !grp || !grp->attrs)
        return -EINVAL;
    if (grp->name) {
        rc = sysfs_dir_create(dir, grp->name, owner, &dir);
        if (rc)
            return rc;
    }
    for (int i = 0; grp->attrs[i]; i++) {
        struct attribute *a = grp->attrs[i];
        if (grp->is_visible && !grp->is_visible(kobj, a, i))
            continue;
        rc = lx_attr_add(kobj, dir, a, owner, kind);
        if (rc) {
            while (--i >= 0)
                lx_attr_remove(dir, grp->attrs[i]);
            if (grp->name)
                sysfs_dir_remove(dir);
            return rc;
        }
    }
    return 0;
}

int sysfs_create_group(struct kobject *kobj, const struct attribute_group *grp)
{
    return lx_group_add(kobj, grp, LX_CALLER(), LX_ATTR_KOBJ);
}
KERNEL_EXPORT(sysfs_create_group);

void sysfs_remove_group(struct kobject *kobj, const struct attribute_group *grp)
{
    struct sysfs_dir *dir = lx_kobj_dir(kobj);

    if (!dir || !grp || !grp->attrs)
        return;
    if (grp->name && !(dir = sysfs_dir_find(dir, grp->name)))
        return;
    for (int i = 0; grp->attrs[i]; i++)
        lx_attr_remove(dir, grp->attrs[i]);
    if (grp->name)
        sysfs_dir_remove(dir);
}
KERNEL_EXPORT(sysfs_remove_group);

int device_create_file(struct device *dev, const struct device_attribute *attr)
{
    if (!dev || !attr)
        return -EINVAL;
    return lx_attr_add(&dev->kobj, lx_kobj_dir(&dev->kobj), &attr->attr, LX_CALLER(),
                       LX_ATTR_DEVICE);
}
KERNEL_EXPORT(device_create_file);

void device_remove_file(struct device *dev, const struct device_attribute *attr)
{
    if (dev && attr)
        sysfs_remove_file(&dev->kobj, &attr->attr);
}
KERNEL_EXPORT(device_remove_file);

int lx_kobject_release_owned(struct kmod *m)
{
    int removed = 0;

    for (struct lx_attr_rec **pp = &lx_attrs; *pp;) {
        struct lx_attr_rec *r = *pp;
        if (r->owner != m) {
            pp = &r->next;
            continue;
        }
        printk(KERN_WARNING "dkm: %s: exit left sysfs attribute %s registered; removed\n",
               lx_owner_name(m), r->af.attr->name);
        (void)sysfs_file_remove(r->dir, r->af.attr->name);
        *pp = r->next;
        kfree(r);
        removed++;
    }
    for (struct lx_kobj *k = lx_kobjs, *next; k; k = next) {
        next = k->next;
        if (k->kobj.ark_owner == m) {
            printk(KERN_WARNING "dkm: %s: exit left kobject %s registered; removed\n",
                   lx_owner_name(m), k->kobj.name);
            lx_kobj_free(k);
            removed++;
        }
    }
    return removed;
}

void lx_kobject_init(void)
{
    lx_kernel_kobj.ark_dir = sysfs_dir_find(NULL, "kernel");
    if (sysfs_dir_create(NULL, "fs", NULL, (struct sysfs_dir **)&lx_fs_kobj.ark_dir) < 0)
        lx_fs_kobj.ark_dir = NULL;
}
