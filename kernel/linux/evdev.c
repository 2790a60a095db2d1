/* evdev.c — /dev/eventN, the event interface of each input device: every open has a ring of
 * struct input_event that readers take whole packets from (blocking, or -EAGAIN with O_NONBLOCK;
 * poll says when one is there); a ring that overflows is emptied and given SYN_DROPPED, as on
 * Linux; writes inject events; the EVIOCG ioctls describe the device; EVIOCGRAB gives one open
 * every event. The node is the kernel's, so an open file does not pin the driver's module: once
 * the device is unregistered, reads say -ENODEV and poll says hang-up. */
#include <linux/kdev_t.h>
#include <linux/ktime.h>
#include <linux/poll.h>
#include <linux/uaccess.h>
#include <linux/wait.h>
#include "lx_internal.h"
#include "lx_input.h"

#define LX_EVDEV_MAJOR      13
#define LX_EVDEV_MINOR_BASE 64
#define LX_EVDEV_MINORS     192
#define LX_EVDEV_RING       64         /* events; a power of two */

struct lx_evdev_client {
    struct input_event ring[LX_EVDEV_RING];
    unsigned int head, tail;           /* free-running: head - tail events are queued */
    unsigned int packet_head;          /* readers see events up to here: whole packets */
    bool dropping;                     /* overflowed: the rest of this packet is lost */
    struct lx_evdev *ev;
    struct lx_evdev_client *next;
};

struct lx_evdev {
    struct lx_input *in;               /* NULL once the device is unregistered */
    int minor;
    char name[16];
    struct lx_evdev_client *clients;   /* under lx_input_event_lock */
    struct lx_evdev_client *grab;
    unsigned int opens;
    unsigned int refs;                 /* the device's registration, and each open */
    unsigned long pkt_sec, pkt_usec;   /* the current packet's time */
    bool pkt_stamped;
    wait_queue_head_t wait;
};

static struct lx_evdev *lx_evdevs[LX_EVDEV_MINORS];  /* under lx_input_mutex */

static void lx_evdev_put(struct lx_evdev *ev)
{
    if (--ev->refs == 0)
        kfree(ev);
}

static void lx_evdev_push(struct lx_evdev_client *c, const struct input_event *e)
{
    if (c->dropping && !(e->type == EV_SYN && e->code == SYN_REPORT))
        return;
    if (c->dropping) {                 /* the lost packet ends; the next one is whole again */
        c->dropping = false;
        return;
    }
    if (c->head - c->tail == LX_EVDEV_RING) {
        /* Full: what is queued is a state the reader can no longer follow. It gets SYN_DROPPED
         * instead, and resynchronises with the EVIOCG ioctls. */
        c->tail = c->head - 1;
        c->ring[c->tail % LX_EVDEV_RING] = *e;
        c->ring[c->tail % LX_EVDEV_RING].type = EV_SYN;
        c->ring[c->tail % LX_EVDEV_RING].code = SYN_DROPPED;
        c->ring[c->tail % LX_EVDEV_RING].value = 0;
        c->packet_head = c->head;
        c->dropping = !(e->type == EV_SYN && e->code == SYN_REPORT);
        return;
    }
    c->ring[c->head++ % LX_EVDEV_RING] = *e;
    if (e->type == EV_SYN && e->code == SYN_REPORT)
        c->packet_head = c->head;
}

void lx_evdev_pass(struct lx_evdev *ev, unsigned int type, unsigned int code, int value)
{
    struct input_event e;

    if (!ev->pkt_stamped) {            /* every event of a packet has the packet's time */
        u64 ns = ktime_get_ns();
        ev->pkt_sec = (unsigned long)(ns / 1000000000u);
        ev->pkt_usec = (unsigned long)(ns % 1000000000u / 1000u);
        ev->pkt_stamped = true;
    }
    e.__sec = ev->pkt_sec;
    e.__usec = ev->pkt_usec;
    e.type = (__u16)type;
    e.code = (__u16)code;
    e.value = value;
    for (struct lx_evdev_client *c = ev->clients; c; c = c->next)
        if (!ev->grab || ev->grab == c)
            lx_evdev_push(c, &e);
    if (type == EV_SYN && code == SYN_REPORT) {
        ev->pkt_stamped = false;
        wake_up_interruptible(&ev->wait);
    }
}

static int lx_evdev_open(struct inode *inode, struct file *file)
{
    struct lx_evdev *ev = file->private_data;
    struct lx_evdev_client *c;
    unsigned long flags;
    int rc = 0;

    (void)inode;
    c = kzalloc(sizeof(*c), GFP_KERNEL);
    if (!c)
        return -ENOMEM;
    c->ev = ev;
    mutex_lock(&lx_input_mutex);
    if (!ev->in) {
        rc = -ENODEV;
    } else if (ev->opens == 0) {
        rc = lx_input_call_open(ev->in);   /* the driver starts its device */
        if (rc)
            printk(KERN_ERR "input: %s: open: %d\n", dev_name(&ev->in->dev.dev), rc);
    }
    if (rc) {
        mutex_unlock(&lx_input_mutex);
        kfree(c);
        return rc;
    }
    ev->opens++;
    ev->refs++;
    spin_lock_irqsave(&lx_input_event_lock, flags);
    c->next = ev->clients;
    ev->clients = c;
    spin_unlock_irqrestore(&lx_input_event_lock, flags);
    mutex_unlock(&lx_input_mutex);
    file->private_data = c;
    return 0;
}

static int lx_evdev_release(struct inode *inode, struct file *file)
{
    struct lx_evdev_client *c = file->private_data;
    struct lx_evdev *ev = c->ev;
    unsigned long flags;

    (void)inode;
    mutex_lock(&lx_input_mutex);
    spin_lock_irqsave(&lx_input_event_lock, flags);
    for (struct lx_evdev_client **pp = &ev->clients; *pp; pp = &(*pp)->next) {
        if (*pp == c) {
            *pp = c->next;
            break;
        }
    }
    if (ev->grab == c)
        ev->grab = NULL;
    spin_unlock_irqrestore(&lx_input_event_lock, flags);
    if (--ev->opens == 0 && ev->in)
        lx_input_call_close(ev->in);   /* the last reader: the driver may stop its device */
    lx_evdev_put(ev);
    mutex_unlock(&lx_input_mutex);
    kfree(c);
    return 0;
}

static bool lx_evdev_readable(struct lx_evdev_client *c)
{
    return c->packet_head != c->tail || !c->ev->in;
}

static ssize_t lx_evdev_read(struct file *file, char __user *buf, size_t count, loff_t *pos)
{
    struct lx_evdev_client *c = file->private_data;
    size_t done = 0;

    (void)pos;
    if (count < sizeof(struct input_event))
        return -EINVAL;
    for (;;) {
        if (!c->ev->in)
            return -ENODEV;
        if (c->packet_head != c->tail)
            break;
        if (file->f_flags & O_NONBLOCK)
            return -EAGAIN;
        if (wait_event_interruptible(c->ev->wait, lx_evdev_readable(c)))
            return -ERESTARTSYS;
    }
    while (done + sizeof(struct input_event) <= count) {
        struct input_event e;
        unsigned long flags;
        bool got = false;

        spin_lock_irqsave(&lx_input_event_lock, flags);
        if (c->packet_head != c->tail) {
            e = c->ring[c->tail++ % LX_EVDEV_RING];
            got = true;
        }
        spin_unlock_irqrestore(&lx_input_event_lock, flags);
        if (!got)
            break;
        if (copy_to_user(buf + done, &e, sizeof(e)))
            return done ? (ssize_t)done : -EFAULT;
        done += sizeof(e);
    }
    return (ssize_t)done;
}

static ssize_t lx_evdev_write(struct file *file, const char __user *buf, size_t count,
                              loff_t *pos)
{
    struct lx_evdev_client *c = file->private_data;
    size_t done = 0;

    (void)pos;
    if (count % sizeof(struct input_event))
        return -EINVAL;
    mutex_lock(&lx_input_mutex);
    while (done < count) {
        struct input_event e;
        if (!c->ev->in) {
            done = done ? done : (size_t)-ENODEV;
            break;
        }
        if (copy_from_user(&e, buf + done, sizeof(e))) {
            done = done ? done : (size_t)-EFAULT;
            break;
        }
        input_inject_event(&c->ev->in->dev, e.type, e.code, e.value);
        done += sizeof(e);
    }
    mutex_unlock(&lx_input_mutex);
    return (ssize_t)done;
}

static __poll_t lx_evdev_poll(struct file *file, struct poll_table_struct *pt)
{
    struct lx_evdev_client *c = file->private_data;
    __poll_t mask;

    poll_wait(file, &c->ev->wait, pt);
    if (!c->ev->in)
        return EPOLLHUP | EPOLLERR;
    mask = EPOLLOUT | EPOLLWRNORM;
    if (c->packet_head != c->tail)
        mask |= EPOLLIN | EPOLLRDNORM;
    return mask;
}

/* Copies min(len, size) bytes of a bitmap, a string or a struct to the user: the count. */
static long lx_evdev_give(unsigned long arg, unsigned int len, const void *from, size_t size)
{
    size_t n = len < size ? len : size;

    return copy_to_user((void __user *)arg, from, n) ? -EFAULT : (long)n;
}

static long lx_evdev_give_str(unsigned long arg, unsigned int len, const char *s)
{
    if (!s)
        return -ENOENT;
    if (!len)
        return 0;
    if (strlen(s) + 1 <= len)
        return lx_evdev_give(arg, len, s, strlen(s) + 1);
    if (copy_to_user((void __user *)arg, s, len - 1) || put_user((char)0, (char __user *)arg + len - 1))
        return -EFAULT;
    return len;
}

static long lx_evdev_bits(struct input_dev *dev, unsigned int type, unsigned long arg,
                          unsigned int len)
{
    static const struct { unsigned char type; unsigned short count; size_t offset; } maps[] = {
        { 0, EV_CNT, offsetof(struct input_dev, evbit) },
        { EV_KEY, KEY_CNT, offsetof(struct input_dev, keybit) },
        { EV_REL, REL_CNT, offsetof(struct input_dev, relbit) },
        { EV_ABS, ABS_CNT, offsetof(struct input_dev, absbit) },
        { EV_MSC, MSC_CNT, offsetof(struct input_dev, mscbit) },
        { EV_LED, LED_CNT, offsetof(struct input_dev, ledbit) },
        { EV_SND, SND_CNT, offsetof(struct input_dev, sndbit) },
        { EV_FF, FF_CNT, offsetof(struct input_dev, ffbit) },
        { EV_SW, SW_CNT, offsetof(struct input_dev, swbit) },
    };
    for (size_t i = 0; i < ARRAY_SIZE(maps); i++)
        if (maps[i].type == type)
            return lx_evdev_give(arg, len, (const char *)dev + maps[i].offset,
                                 BITS_TO_LONGS(maps[i].count) * sizeof(long));
    return -EINVAL;
}

static long lx_evdev_ioctl_dev(struct lx_evdev_client *c, struct input_dev *dev,
                               unsigned int cmd, unsigned long arg)
{
    unsigned int nr = _IOC_NR(cmd), len = _IOC_SIZE(cmd);
    unsigned long flags;
    int version = EV_VERSION, grab;
    unsigned int rep[2];

    if (cmd == EVIOCGVERSION)
        return put_user(version, (int __user *)arg);
    if (cmd == EVIOCGID)
        return copy_to_user((void __user *)arg, &dev->id, sizeof(dev->id)) ? -EFAULT : 0;
    if (cmd == EVIOCGREP) {
        rep[0] = (unsigned int)dev->rep[REP_DELAY];
        rep[1] = (unsigned int)dev->rep[REP_PERIOD];
        return copy_to_user((void __user *)arg, rep, sizeof(rep)) ? -EFAULT : 0;
    }
    if (cmd == EVIOCGRAB) {
        grab = (int)arg;
        spin_lock_irqsave(&lx_input_event_lock, flags);
        if (grab && c->ev->grab && c->ev->grab != c) {
            spin_unlock_irqrestore(&lx_input_event_lock, flags);
            return -EBUSY;
        }
        if (!grab && c->ev->grab != c) {
            spin_unlock_irqrestore(&lx_input_event_lock, flags);
            return -EINVAL;
        }
        c->ev->grab = grab ? c : NULL;
        spin_unlock_irqrestore(&lx_input_event_lock, flags);
        return 0;
    }
    if (_IOC_TYPE(cmd) != 'E' || _IOC_DIR(cmd) != _IOC_READ)
        return -ENOTTY;
    if (nr >= 0x40 && nr < 0x40 + ABS_CNT && len == sizeof(struct input_absinfo)) {
        if (!dev->absinfo || !test_bit(nr - 0x40, dev->absbit))
            return -EINVAL;
        return copy_to_user((void __user *)arg, &dev->absinfo[nr - 0x40], len) ? -EFAULT : 0;
    }
    if (nr >= 0x20 && nr < 0x20 + EV_CNT)
        return lx_evdev_bits(dev, nr - 0x20, arg, len);
    switch (nr) {
    case 0x06: return lx_evdev_give_str(arg, len, dev->name);
    case 0x07: return lx_evdev_give_str(arg, len, dev->phys);
    case 0x08: return lx_evdev_give_str(arg, len, dev->uniq);
    case 0x09: return lx_evdev_give(arg, len, dev->propbit, sizeof(dev->propbit));
    case 0x18: return lx_evdev_give(arg, len, dev->key, sizeof(dev->key));
    case 0x19: return lx_evdev_give(arg, len, dev->led, sizeof(dev->led));
    case 0x1a: return lx_evdev_give(arg, len, dev->snd, sizeof(dev->snd));
    case 0x1b: return lx_evdev_give(arg, len, dev->sw, sizeof(dev->sw));
    default: return -ENOTTY;
    }
}

static long lx_evdev_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
    struct lx_evdev_client *c = file->private_data;
    long rc;

    mutex_lock(&lx_input_mutex);
    rc = c->ev->in ? lx_evdev_ioctl_dev(c, &c->ev->in->dev, cmd, arg) : -ENODEV;
    mutex_unlock(&lx_input_mutex);
    return rc;
}

static const struct file_operations lx_evdev_fops = {
    .open = lx_evdev_open,
    .release = lx_evdev_release,
    .read = lx_evdev_read,
    .write = lx_evdev_write,
    .poll = lx_evdev_poll,
    .unlocked_ioctl = lx_evdev_ioctl,
    .llseek = no_llseek,
};

int lx_evdev_connect(struct lx_input *in)
{
    struct lx_evdev *ev;
    struct device *node;
    int n, rc;

    for (n = 0; n < LX_EVDEV_MINORS && lx_evdevs[n]; n++)
        ;
    if (n == LX_EVDEV_MINORS)
        return -ENFILE;
    ev = kzalloc(sizeof(*ev), GFP_KERNEL);
    if (!ev)
        return -ENOMEM;
    ev->in = in;
    ev->minor = LX_EVDEV_MINOR_BASE + n;
    ev->refs = 1;
    scnprintf(ev->name, sizeof(ev->name), "event%d", n);
    init_waitqueue_head(&ev->wait);
    rc = lx_chrdev_bind(MKDEV(LX_EVDEV_MAJOR, ev->minor), &lx_evdev_fops, ev, NULL);
    if (rc) {
        kfree(ev);
        return rc;
    }
    node = lx_device_add(lx_input_class, &in->dev.dev, MKDEV(LX_EVDEV_MAJOR, ev->minor), ev,
                         NULL, NULL, 0, ev->name);
    if (IS_ERR(node)) {
        lx_chrdev_unbind(MKDEV(LX_EVDEV_MAJOR, ev->minor));
        kfree(ev);
        return (int)PTR_ERR(node);
    }
    lx_evdevs[n] = ev;
    in->evdev = ev;
    return 0;
}

void lx_evdev_disconnect(struct lx_input *in)
{
    struct lx_evdev *ev = in->evdev;
    unsigned long flags;

    if (!ev)
        return;
    if (ev->opens)
        lx_input_call_close(in);       /* readers remain, but the device is going */
    spin_lock_irqsave(&lx_input_event_lock, flags);
    ev->in = NULL;
    in->evdev = NULL;
    spin_unlock_irqrestore(&lx_input_event_lock, flags);
    wake_up_interruptible(&ev->wait);
    device_destroy(lx_input_class, MKDEV(LX_EVDEV_MAJOR, ev->minor));
    lx_chrdev_unbind(MKDEV(LX_EVDEV_MAJOR, ev->minor));
    lx_evdevs[ev->minor - LX_EVDEV_MINOR_BASE] = NULL;
    lx_evdev_put(ev);
}

void lx_input_evdev_init(void)
{
    if (lx_chrdev_reserve(LX_EVDEV_MAJOR, "input") < 0)
        printk(KERN_ERR "input: major %d is taken\n", LX_EVDEV_MAJOR);
}
