/* waitdev — /dev/waitdev, a one-message mailbox: a read sleeps on a wait queue until someone
 * writes, then returns what was written (and end of file after it, so `cat` ends); a reader
 * killed while it sleeps gets -EINTR. */
#include "ark/device.h"
#include "ark/errno.h"
#include "ark/kernel.h"
#include "ark/module.h"
#include "ark/sync.h"

MODULE_NAME("waitdev");
MODULE_VERSION("1.0");
MODULE_LICENSE("MIT");
MODULE_DESCRIPTION("/dev/waitdev: reads block until a write arrives (a wait queue)");

#define MAILBOX_MAX 128

static struct ark_mutex box_lock = ARK_MUTEX_INIT(box_lock);
static struct ark_wait_queue box_filled = ARK_WAIT_QUEUE_INIT(box_filled);
static char box[MAILBOX_MAX];
static uint32_t box_len;
static bool box_full;

static bool message_waiting(void)
{
    return box_full;
}

static long waitdev_read(struct ark_file *f, char *buf, uint32_t len)
{
    if (f->pos > 0)
        return 0;                      /* one message per open */
    for (;;) {
        int rc = ark_wait_event_killable(&box_filled, message_waiting());
        if (rc)
            return rc;
        ark_mutex_lock(&box_lock);
        if (box_full) {                /* another reader may have taken it first */
            uint32_t n = box_len < len ? box_len : len;
            memcpy(buf, box, n);
            box_full = false;
            ark_mutex_unlock(&box_lock);
            f->pos += n;
            return n;
        }
        ark_mutex_unlock(&box_lock);
    }
}

static long waitdev_write(struct ark_file *f, const char *buf, uint32_t len)
{
    (void)f;
    ark_mutex_lock(&box_lock);
    box_len = len < MAILBOX_MAX ? len : MAILBOX_MAX;
    memcpy(box, buf, box_len);
    box_full = true;
    ark_mutex_unlock(&box_lock);
    ark_wake_up(&box_filled);
    return len;
}

static const struct ark_file_ops waitdev_ops = { .read = waitdev_read, .write = waitdev_write };

static int waitdev_init(void)
{
    return dev_register("waitdev", &waitdev_ops, NULL);
}

static void waitdev_exit(void)
{
    dev_unregister("waitdev");
}

ark_module_init(waitdev_init);
ark_module_exit(waitdev_exit);
