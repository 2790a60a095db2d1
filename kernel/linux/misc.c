/* misc.c — misc devices: one character major (10) shared by small drivers, each with a minor of
 * its own, the node /dev/NAME and /sys/class/misc/NAME/; /proc/misc lists them. The kernel's table
 * (not the module's struct miscdevice) says what is registered, so a module that leaves one behind
 * can be swept at unload. */
#include <linux/miscdevice.h>
#include "ark/proc.h"
#include "lx_internal.h"

/* Dynamic minors: 127 down to 0 first, then from 256 up, as on Linux. */
#define LX_MISC_DYNAMIC_LOW 128

struct lx_misc {
    struct miscdevice *misc;
    int minor;
    bool dynamic;                      /* misc->minor goes back to MISC_DYNAMIC_MINOR at the end */
    char name[64];
    struct kmod *owner;
    struct lx_misc *next;              /* newest first, the order /proc/misc shows */
};

static struct lx_misc *lx_miscs;
static struct class *lx_misc_class;

static struct lx_misc *lx_misc_of_minor(int minor)
{
    for (struct lx_misc *m = lx_miscs; m; m = m->next)
        if (m->minor == minor)
            return m;
    return NULL;
}

static int lx_misc_free_minor(void)
{
    for (int minor = LX_MISC_DYNAMIC_LOW - 1; minor >= 0; minor--)
        if (!lx_misc_of_minor(minor))
            return minor;
    for (int minor = MISC_DYNAMIC_MINOR + 1; minor <= (int)MINORMASK; minor++)
        if (!lx_misc_of_minor(minor))
            return minor;
    return -EBUSY;
}

int misc_register(struct miscdevice *misc)
{
    struct lx_misc *m;
    struct device *dev;
    int rc;

    if (!misc || !misc->name || !*misc->name || !misc->fops)
        return -EINVAL;
    if (!lx_misc_class)
        return -ENODEV;                /* before the layer's start-up */
    INIT_LIST_HEAD(&misc->list);
    for (m = lx_miscs; m; m = m->next) {
        if (m->misc == misc) {
            printk(KERN_ERR "misc %s: already registered\n", misc->name);
            return -EBUSY;
        }
        if (!strcmp(m->name, misc->name)) {
            printk(KERN_ERR "misc %s: the name is taken by minor %d\n", misc->name, m->minor);
            return -EBUSY;
        }
    }
    m = kzalloc(sizeof(*m), GFP_KERNEL);
    if (!m)
        return -ENOMEM;
    m->misc = misc;
    m->owner = lx_owner(misc->fops->owner, misc->fops);
    strscpy(m->name, misc->name, sizeof(m->name));
    if (misc->minor == MISC_DYNAMIC_MINOR) {
        m->minor = lx_misc_free_minor();
        m->dynamic = true;
    } else if (misc->minor < 0 || misc->minor > (int)MINORMASK) {
        m->minor = -EINVAL;
    } else {
        m->minor = lx_misc_of_minor(misc->minor) ? -EBUSY : misc->minor;
    }
    if (m->minor < 0) {
        rc = m->minor;
        if (rc == -EBUSY)
            printk(KERN_ERR "misc %s: minor %d is taken\n", misc->name, misc->minor);
        kfree(m);
        return rc;
    }
    rc = lx_chrdev_bind(MKDEV(MISC_MAJOR, m->minor), misc->fops, misc, m->owner);
    if (rc) {
        kfree(m);
        return rc;
    }
    dev = lx_device_add(lx_misc_class, misc->parent, MKDEV(MISC_MAJOR, m->minor), misc,
                        misc->groups, m->owner, misc->mode, misc->name);
    if (IS_ERR(dev)) {
        lx_chrdev_unbind(MKDEV(MISC_MAJOR, m->minor));
        kfree(m);
        return (int)PTR_ERR(dev);
    }
    misc->minor = m->minor;
    misc->this_device = dev;
    m->next = lx_miscs;
    lx_miscs = m;
    return 0;
}
KERNEL_EXPORT(misc_register);

static void lx_misc_remove(struct lx_misc *m, bool touch_misc)
{
    for (struct lx_misc **pp = &lx_miscs; *pp; pp = &(*pp)->next) {
        if (*pp == m) {
            *pp = m->next;
            break;
        }
    }
    device_destroy(lx_misc_class, MKDEV(MISC_MAJOR, m->minor));
    lx_chrdev_unbind(MKDEV(MISC_MAJOR, m->minor));
    if (touch_misc) {
        m->misc->this_device = NULL;
        if (m->dynamic)
            m->misc->minor = MISC_DYNAMIC_MINOR;
    }
    kfree(m);
}

void misc_deregister(struct miscdevice *misc)
{
    for (struct lx_misc *m = lx_miscs; m; m = m->next) {
        if (m->misc == misc) {
            lx_misc_remove(m, true);
            return;
        }
    }
    printk(KERN_WARNING "misc_deregister: %s is not registered\n",
           misc && misc->name ? misc->name : "(null)");
}
KERNEL_EXPORT(misc_deregister);

int lx_misc_release_owned(struct kmod *owner)
{
    int removed = 0;

    for (struct lx_misc *m = lx_miscs, *next; m; m = next) {
        next = m->next;
        if (m->owner != owner)
            continue;
        printk(KERN_WARNING "dkm: %s: exit left misc device %s (minor %d) registered; removed\n",
               lx_owner_name(owner), m->name, m->minor);
        lx_misc_remove(m, false);      /* the miscdevice is in the module's memory */
        removed++;
    }
    return removed;
}

/* /proc/misc: "MINOR NAME", newest first. */
static int lx_misc_show(struct ark_seq *s, void *priv)
{
    (void)priv;
    for (struct lx_misc *m = lx_miscs; m; m = m->next)
        (seq_printf)(s, "%3d %s\n", m->minor, m->name);
    return 0;
}

void lx_misc_init(void)
{
    struct class *cls;

    if (lx_chrdev_reserve(MISC_MAJOR, "misc") < 0)
        return;
    cls = class_create("misc");
    if (IS_ERR(cls))
        return;
    lx_misc_class = cls;
    (proc_create)("misc", lx_misc_show, NULL, NULL);
}
