/* lx_internal.h — what the files of the Linux compatibility layer share: the owner of an object
 * (from THIS_MODULE where Linux passes one, else from the caller), the user-copy window of a file
 * operation, the adapter from ark's file operations to struct file_operations, and the sweep of
 * what a module left behind. These files include only linux/ headers and kernel-internal ones that
 * do not clash with them (never ark/kernel.h). */
#ifndef KERNEL_LINUX_LX_INTERNAL_H
#define KERNEL_LINUX_LX_INTERNAL_H

#include <linux/device.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>
#include "export.h"
#include "kfs.h"
#include "kmod.h"

/* The DKM glue may be absent (hosted builds): ownership then is always the kernel's. */
#pragma weak kmod_owner_of
#pragma weak kmod_owner_for
#pragma weak kmod_get
#pragma weak kmod_put
#pragma weak kmod_name
#pragma weak kmod_call
#pragma weak kmod_contains

/* The owner of an object a module registers. Linux passes THIS_MODULE in some calls
 * (fops->owner, cdev->owner); ark resolves that to the module whose memory holds the struct
 * module, so a module cannot claim another's identity by passing a pointer it made up. Else the
 * module whose memory holds obj (an ops table, say), else the module whose code is running
 * (kmod_owner_for; never a return address). */
struct kmod *lx_owner(const struct module *mod, const void *obj);
#define LX_CALLER() lx_owner(NULL, NULL)
struct module *lx_module_of(struct kmod *km);     /* the module's struct module, or NULL */
const char *lx_owner_name(struct kmod *km);
/* Calls fn(arg) for the layer, where fn may be a module's (a probe, a release, a managed action):
 * through kmod_call, so that a fault in it is contained and returns -EFAULT (or -EIO for a module
 * that faulted before) to the caller, which can still release what it holds. */
long lx_call_module(const void *fn, uintptr_t arg);
/* Calls fn with nargs (at most 4) arguments for the layer: through owner's fault containment, or
 * directly for the kernel's own (owner NULL). False when the call faulted or was refused; *result
 * is then -EFAULT or -EIO. */
bool lx_call_owned(struct kmod *owner, uintptr_t fn, unsigned nargs, const uintptr_t *args, long *result);
/* The module whose code is running, looked up only where that is safe: NULL (the kernel's) in
 * interrupt context, which may have interrupted a change to the module list. */
struct kmod *lx_caller_outside_irq(void);

/* ---- uaccess.c: the kernel buffer that stands for the user's during a read or write ---- */
struct lx_uwindow {
    uintptr_t start;
    size_t len;
};
void lx_uwindow_enter(struct lx_uwindow *saved, const void *buf, size_t len);
void lx_uwindow_leave(const struct lx_uwindow *saved);

/* ---- file.c: a node (device number or /proc entry) whose opens become struct file ---- */
struct lx_node {
    const struct file_operations *fops;   /* NULL: looked up by device number at open */
    struct inode inode;
    struct dentry dentry;
    char name[64];
    unsigned int opens;
    bool removed;                          /* freed by the last close */
    void (*free)(struct lx_node *n);       /* how to free it */
};
extern const struct ark_file_ops lx_node_ops;
long lx_node_lseek(struct ark_file *af, int32_t offset, int whence);
uint32_t lx_node_poll(struct ark_file *af, struct ark_poll_table *pt);   /* fops->poll */
void lx_node_init(struct lx_node *n, const char *name, const struct file_operations *fops);
/* The node is gone from its file system: free it now or at its last close. */
void lx_node_release(struct lx_node *n);

/* ---- chrdev.c ---- */
/* The file operations and owner serving device number dev, or NULL. */
/* The file operations serving device number dev, or NULL; *cdev the cdev added for it, and
 * *private_data what the open's struct file starts with (the miscdevice, for one). */
const struct file_operations *lx_chrdev_lookup(dev_t dev, struct cdev **cdev, void **private_data);
/* Opens of dev reach fops, with file->private_data = private_data (a miscdevice's binding). */
int lx_chrdev_bind(dev_t dev, const struct file_operations *fops, void *private_data,
                   struct kmod *owner);
void lx_chrdev_unbind(dev_t dev);
/* The kernel's own region of device numbers, as register_chrdev_region but owned by nobody. */
int lx_chrdev_reserve(unsigned int major, const char *name);

/* ---- device.c and kobject.c ---- */
/* device_create for a name already formatted, with its owner given; mode 0: the class's devnode,
 * else 0600. */
struct device *lx_device_add(const struct class *cls, struct device *parent, dev_t devt,
                             void *drvdata, const struct attribute_group **groups,
                             struct kmod *owner, umode_t mode, const char *name);
/* Releases every managed resource of dev (devres.c); the number released. */
int lx_devres_release_all(struct device *dev);
/* Which struct an attribute is in: what its show and store are called with. */
enum lx_attr_kind { LX_ATTR_KOBJ, LX_ATTR_DEVICE, LX_ATTR_CLASS };
/* The group's files (or one attribute's) in kobj's directory. */
int lx_group_add(struct kobject *kobj, const struct attribute_group *grp, struct kmod *owner,
                 enum lx_attr_kind kind);
int lx_attr_file_add(struct kobject *kobj, const struct attribute *attr, struct kmod *owner,
                     enum lx_attr_kind kind);
/* The class whose /sys/class directory kobj stands for (class attributes). */
const struct class *lx_class_of_kobj(const struct kobject *kobj);

/* ---- lx_irq.c: the IRQF_TRIGGER_ flags of every request on irq, and whether there is one, for
 * the GPIO controller ---- */
unsigned long lx_irq_triggers(unsigned int irq);
bool lx_irq_requested(unsigned int irq);

/* ---- sweeping, per file, at a module's unload ---- */
int lx_platform_release_owned(struct kmod *m);
int lx_misc_release_owned(struct kmod *m);
int lx_debugfs_release_owned(struct kmod *m);
int lx_chrdev_release_owned(struct kmod *m);
int lx_class_release_owned(struct kmod *m);
int lx_proc_release_owned(struct kmod *m);
int lx_kobject_release_owned(struct kmod *m);
int lx_slab_release_owned(struct kmod *m);
int lx_param_release_owned(struct kmod *m);
int lx_kthread_release_owned(struct kmod *m);
int lx_workqueue_release_owned(struct kmod *m);
int lx_irq_release_owned(struct kmod *m);
int lx_gpio_release_owned(struct kmod *m);
int lx_rcu_release_owned(struct kmod *m);
int lx_input_release_owned(struct kmod *m);
/* Runs and drops dev's managed action whose data match() says is key's: true if there was one. */
bool lx_devres_release_match(struct device *dev, void (*action)(void *),
                             bool (*match)(const void *data, const void *key), const void *key);
int lx_notifier_release_owned(struct kmod *m);
int lx_dma_release_owned(struct kmod *m);
int lx_pages_release_owned(struct kmod *m);

/* lx_timer.c: the module being unloaded whose kernel timers are already gone, else NULL */
extern struct kmod *lx_timers_gone;

/* ---- kernel/core/timer.c: an unarmed timer left at unload is freed without a warning ---- */
struct ark_timer;
void timer_set_quiet_if_idle(struct ark_timer *t);
/* A timer of the kernel's own, whichever module's code is running. */
struct ark_timer *timer_create_kernel(void (*fn)(void *), void *arg);

/* ---- params.c: applying "name=value" text to a module's kernel_params ---- */
int lx_params_apply(struct module *mod, const char *args);
int lx_params_sysfs_add(struct module *mod, struct sysfs_dir *dir, struct kmod *owner);

#endif
