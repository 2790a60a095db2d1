/* lx_input.h — what the input core (input.c) and its event device (evdev.c) share: the kernel's
 * record of an input device, the lock that orders events against registration, and the calls
 * between the two halves. */
#ifndef KERNEL_LINUX_LX_INPUT_H
#define KERNEL_LINUX_LX_INPUT_H
#include <linux/input.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>

struct lx_evdev;

/* An input device as input_allocate_device made it: the driver's struct first. */
struct lx_input {
    struct input_dev dev;
    struct kmod *owner;                /* who allocated it */
    int number;                        /* inputN; -1 until registered */
    bool registered;
    unsigned int pending;              /* events since the last SYN_REPORT */
    struct lx_evdev *evdev;            /* its /dev/eventN, while registered */
    bool soft_repeat;                  /* the core repeats keys (the driver set no rep[]) */
    unsigned int repeat_key;           /* the last key pressed, which the timer repeats */
    struct ark_timer *repeat_timer;    /* the kernel's: a module's unload does not sweep it */
    struct lx_input *next;
};

/* Orders events (interrupt context) against registration and readers' buffers. */
extern spinlock_t lx_input_event_lock;
/* Taken by registration, unregistration, and every reader's call that touches a device. */
extern struct mutex lx_input_mutex;
extern struct class *lx_input_class;

/* evdev.c: /dev/eventN for a device being registered (lx_input_mutex held), its removal, and the
 * hand-over of one event, stamped with the packet's time (lx_input_event_lock held). */
int lx_evdev_connect(struct lx_input *in);
void lx_evdev_disconnect(struct lx_input *in);
void lx_evdev_pass(struct lx_evdev *ev, unsigned int type, unsigned int code, int value);
/* Calls the device's open or close (a module's callback, through its containment). */
int lx_input_call_open(struct lx_input *in);
void lx_input_call_close(struct lx_input *in);
void lx_input_evdev_init(void);
#endif
