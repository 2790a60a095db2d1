/* linux/kobject.h — kernel objects as directories under /sys. kobject_create_and_add makes
 * /sys/PARENT/NAME (kernel_kobj is /sys/kernel); the last kobject_put removes it with its files. */
#ifndef _LINUX_KOBJECT_H
#define _LINUX_KOBJECT_H
#include <linux/types.h>
#include <linux/sysfs.h>
#include <linux/list.h>        /* as on Linux, where a kobject is on lists */
#include <linux/compiler.h>

struct kobject {
    const char *name;
    struct kobject *parent;
    void *ark_dir;                     /* the /sys directory, while it exists */
    void *ark_owner;
    unsigned int ark_refs;
    bool ark_dynamic;                  /* from kobject_create_and_add: freed at the last put */
    char ark_name[64];
};

struct kobj_attribute {
    struct attribute attr;
    ssize_t (*show)(struct kobject *kobj, struct kobj_attribute *attr, char *buf);
    ssize_t (*store)(struct kobject *kobj, struct kobj_attribute *attr, const char *buf,
                     size_t count);
};

extern struct kobject *kernel_kobj;    /* /sys/kernel */
extern struct kobject *fs_kobj;        /* /sys/fs */

struct kobject *__must_check kobject_create_and_add(const char *name, struct kobject *parent);
struct kobject *kobject_get(struct kobject *kobj);
void kobject_put(struct kobject *kobj);
void kobject_del(struct kobject *kobj);
static inline const char *kobject_name(const struct kobject *kobj) { return kobj->name; }
#endif
