/* linux/input.h — the input subsystem: a driver allocates an input_dev, says which events it can
 * report (evbit, keybit, relbit, absbit, ...), registers it and reports events, each packet ended
 * by input_sync. The core drops what the device did not declare and what does not change (a key
 * already down, a relative move of 0, an axis at its value), then hands every packet to the
 * readers of /dev/eventN (struct input_event records, the evdev ABI) and keeps
 * /proc/bus/input/devices. Events may be reported from interrupt context. */
#ifndef _LINUX_INPUT_H
#define _LINUX_INPUT_H
#include <linux/types.h>
#include <linux/bitops.h>
#include <linux/device.h>
#include <linux/ioctl.h>
#include <linux/fs.h>          /* as on Linux: drivers of input devices often have a node too */
#include <linux/list.h>
#include <linux/timer.h>
#include <linux/input-event-codes.h>

/* What an evdev reader gets: 16 bytes on i386 (seconds and microseconds since boot). */
struct input_event {
    unsigned long __sec;
    unsigned long __usec;
    __u16 type;
    __u16 code;
    __s32 value;
};
#define input_event_sec  __sec
#define input_event_usec __usec
#define EV_VERSION 0x010001

struct input_id {
    __u16 bustype;
    __u16 vendor;
    __u16 product;
    __u16 version;
};

struct input_absinfo {
    __s32 value;
    __s32 minimum;
    __s32 maximum;
    __s32 fuzz;
    __s32 flat;
    __s32 resolution;
};

/* The evdev ioctls /dev/eventN answers. */
#define EVIOCGVERSION   _IOR('E', 0x01, int)
#define EVIOCGID        _IOR('E', 0x02, struct input_id)
#define EVIOCGREP       _IOR('E', 0x03, unsigned int[2])
#define EVIOCGNAME(len) _IOC(_IOC_READ, 'E', 0x06, len)
#define EVIOCGPHYS(len) _IOC(_IOC_READ, 'E', 0x07, len)
#define EVIOCGUNIQ(len) _IOC(_IOC_READ, 'E', 0x08, len)
#define EVIOCGPROP(len) _IOC(_IOC_READ, 'E', 0x09, len)
#define EVIOCGKEY(len)  _IOC(_IOC_READ, 'E', 0x18, len)
#define EVIOCGLED(len)  _IOC(_IOC_READ, 'E', 0x19, len)
#define EVIOCGSND(len)  _IOC(_IOC_READ, 'E', 0x1a, len)
#define EVIOCGSW(len)   _IOC(_IOC_READ, 'E', 0x1b, len)
#define EVIOCGBIT(ev, len) _IOC(_IOC_READ, 'E', 0x20 + (ev), len)
#define EVIOCGABS(abs)  _IOR('E', 0x40 + (abs), struct input_absinfo)
#define EVIOCGRAB       _IOW('E', 0x90, int)

struct input_dev {
    const char *name;
    const char *phys;
    const char *uniq;
    struct input_id id;

    unsigned long propbit[BITS_TO_LONGS(INPUT_PROP_CNT)];
    unsigned long evbit[BITS_TO_LONGS(EV_CNT)];
    unsigned long keybit[BITS_TO_LONGS(KEY_CNT)];
    unsigned long relbit[BITS_TO_LONGS(REL_CNT)];
    unsigned long absbit[BITS_TO_LONGS(ABS_CNT)];
    unsigned long mscbit[BITS_TO_LONGS(MSC_CNT)];
    unsigned long ledbit[BITS_TO_LONGS(LED_CNT)];
    unsigned long sndbit[BITS_TO_LONGS(SND_CNT)];
    unsigned long ffbit[BITS_TO_LONGS(FF_CNT)];
    unsigned long swbit[BITS_TO_LONGS(SW_CNT)];

    unsigned int keycodemax;           /* the driver's scancode-to-key table, kept for it */
    unsigned int keycodesize;
    void *keycode;
    unsigned int hint_events_per_packet;

    int rep[REP_CNT];                  /* delay and period; both 0 with EV_REP: the core repeats */

    /* The state the core keeps: keys down, LEDs, sounds, switches, axes. */
    unsigned long key[BITS_TO_LONGS(KEY_CNT)];
    unsigned long led[BITS_TO_LONGS(LED_CNT)];
    unsigned long snd[BITS_TO_LONGS(SND_CNT)];
    unsigned long sw[BITS_TO_LONGS(SW_CNT)];
    struct input_absinfo *absinfo;     /* ABS_CNT entries, once an axis is declared */

    /* The first reader's open and the last reader's close; event: EV_LED, EV_SND and the like
     * written to the device by a reader. */
    int (*open)(struct input_dev *dev);
    void (*close)(struct input_dev *dev);
    int (*event)(struct input_dev *dev, unsigned int type, unsigned int code, int value);

    struct device dev;
    bool devres_managed;               /* from devm_input_allocate_device */
    void *ark_private;
};
#define to_input_dev(d) container_of(d, struct input_dev, dev)

struct input_dev *input_allocate_device(void);
/* Unregistered and freed with the device it was allocated for. */
struct input_dev *devm_input_allocate_device(struct device *dev);
/* For a device never registered, or one whose registration failed. */
void input_free_device(struct input_dev *dev);
int __must_check input_register_device(struct input_dev *dev);
/* Unregisters and frees the device (after it, the driver must not touch it). */
void input_unregister_device(struct input_dev *dev);

void input_event(struct input_dev *dev, unsigned int type, unsigned int code, int value);
/* As input_event, for what a reader writes: also passed to dev->event. */
void input_inject_event(struct input_dev *dev, unsigned int type, unsigned int code, int value);
static inline void input_report_key(struct input_dev *dev, unsigned int code, int value)
{
    input_event(dev, EV_KEY, code, !!value);
}
static inline void input_report_rel(struct input_dev *dev, unsigned int code, int value)
{
    input_event(dev, EV_REL, code, value);
}
static inline void input_report_abs(struct input_dev *dev, unsigned int code, int value)
{
    input_event(dev, EV_ABS, code, value);
}
static inline void input_report_switch(struct input_dev *dev, unsigned int code, int value)
{
    input_event(dev, EV_SW, code, !!value);
}
static inline void input_sync(struct input_dev *dev)
{
    input_event(dev, EV_SYN, SYN_REPORT, 0);
}
static inline void input_mt_sync(struct input_dev *dev)
{
    input_event(dev, EV_SYN, SYN_MT_REPORT, 0);
}

/* Declares that dev reports (type, code): sets the type's and the code's bits. */
void input_set_capability(struct input_dev *dev, unsigned int type, unsigned int code);
void input_alloc_absinfo(struct input_dev *dev);
void input_set_abs_params(struct input_dev *dev, unsigned int axis, int min, int max, int fuzz,
                          int flat);
static inline void input_set_events_per_packet(struct input_dev *dev, int n)
{
    dev->hint_events_per_packet = n;
}
static inline void *input_get_drvdata(struct input_dev *dev) { return dev_get_drvdata(&dev->dev); }
static inline void input_set_drvdata(struct input_dev *dev, void *data)
{
    dev_set_drvdata(&dev->dev, data);
}

#define INPUT_GENERATE_ABS_ACCESSORS(_suffix, _item)                                          \
    static inline int input_abs_get_##_suffix(struct input_dev *dev, unsigned int axis)       \
    {                                                                                         \
        return dev->absinfo && axis < ABS_CNT ? dev->absinfo[axis]._item : 0;                 \
    }                                                                                         \
    static inline void input_abs_set_##_suffix(struct input_dev *dev, unsigned int axis,      \
                                               int val)                                       \
    {                                                                                         \
        input_alloc_absinfo(dev);                                                             \
        if (dev->absinfo && axis < ABS_CNT)                                                   \
            dev->absinfo[axis]._item = val;                                                   \
    }
INPUT_GENERATE_ABS_ACCESSORS(val, value)
INPUT_GENERATE_ABS_ACCESSORS(min, minimum)
INPUT_GENERATE_ABS_ACCESSORS(max, maximum)
INPUT_GENERATE_ABS_ACCESSORS(fuzz, fuzz)
INPUT_GENERATE_ABS_ACCESSORS(flat, flat)
INPUT_GENERATE_ABS_ACCESSORS(res, resolution)
#endif
