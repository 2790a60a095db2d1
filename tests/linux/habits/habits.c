/* habits.c — a module written the way Linux code is: it includes what it names directly and leans
 * on what Linux's headers bring along (fs.h gives it rwlocks, mutexes, wait queues, kmalloc and
 * memset; asm/current.h gives it current). It uses a static key, sets the size and owner of its
 * /proc file as /proc entries on Linux do, reads current->pending after an interrupted sleep, and
 * prints lines without a final newline, which Linux ends at the next message with a level. */
#include <linux/module.h>
#include <linux/fs.h>
#include <linux/proc_fs.h>
#include <linux/uaccess.h>
#include <linux/jump_label.h>
#include <linux/version.h>
#include <linux/poll.h>
#include <linux/sched/signal.h>
#include <linux/vmalloc.h>
#include <linux/bug.h>
#include <linux/build_bug.h>
#include <linux/sizes.h>
#include <asm/current.h>

#define HABITS_SIZE 80
static_assert(HABITS_SIZE <= SZ_128);
static_assert(sizeof(u32) == 4, "u32 is four bytes");

static DEFINE_STATIC_KEY_FALSE(verbose_key);
static DEFINE_RWLOCK(state_lock);
static DEFINE_MUTEX(reader_lock);
static DECLARE_WAIT_QUEUE_HEAD(waiters);
static DECLARE_WAIT_QUEUE_HEAD(pollers);      /* readers_waiting changed */
static atomic_t readers_waiting = ATOMIC_INIT(0);
static struct proc_dir_entry *state_entry, *wait_entry;
static char *note;
static int released;

static ssize_t state_read(struct file *file, char __user *buf, size_t len, loff_t *off)
{
    char text[HABITS_SIZE];
    int n;

    memset(text, 0, sizeof(text));
    read_lock(&state_lock);
    n = snprintf(text, sizeof(text), "verbose %s, note '%s', reader %s\n",
                 static_key_enabled(&verbose_key) ? "on" : "off", note, current->comm);
    read_unlock(&state_lock);
    if (static_branch_unlikely(&verbose_key))
        pr_info("habits: %s (pid %d) read the state\n", current->comm, current->pid);
    return simple_read_from_buffer(buf, len, off, text, n);
}

/* "on" / "off" switch the key; anything else becomes the note. */
static ssize_t state_write(struct file *file, const char __user *buf, size_t len, loff_t *off)
{
    char *text = kzalloc(HABITS_SIZE, GFP_KERNEL);

    if (!text)
        return -ENOMEM;
    if (len >= HABITS_SIZE)
        len = HABITS_SIZE - 1;
    if (copy_from_user(text, buf, len)) {
        kfree(text);
        return -EFAULT;
    }
    text[strcspn(text, "\n")] = 0;
    if (!strcmp(text, "on")) {
        static_branch_enable(&verbose_key);
        kfree(text);
    } else if (!strcmp(text, "off")) {
        static_branch_disable(&verbose_key);
        kfree(text);
    } else {
        write_lock(&state_lock);
        kfree(note);
        note = text;
        write_unlock(&state_lock);
    }
    return len;
}

/* A read waits until the module is unloaded or the reader gets a signal, and says which. */
static ssize_t wait_read(struct file *file, char __user *buf, size_t len, loff_t *off)
{
    int sig, found = 0;

    mutex_lock(&reader_lock);
    pr_info("habits: %s waits\n", current->comm);
    mutex_unlock(&reader_lock);
    atomic_inc(&readers_waiting);
    wake_up_interruptible(&pollers);
    int rc = wait_event_interruptible(waiters, READ_ONCE(released));
    atomic_dec(&readers_waiting);
    if (rc) {
        for (sig = 1; sig <= _NSIG && !found; sig++)
            if (sigismember(&current->pending.signal, sig))
                found = sig;
        pr_info("habits: %s woke by signal %d, signal_pending %d\n", current->comm, found,
                signal_pending(current));
        return -EINTR;
    }
    return 0;
}

/* Writable while a reader waits: `poll -w` returns once the reader is asleep (or about to be). */
static __poll_t wait_poll(struct file *file, poll_table *table)
{
    poll_wait(file, &pollers, table);
    return atomic_read(&readers_waiting) ? EPOLLOUT | EPOLLWRNORM : 0;
}

static const struct proc_ops state_ops = {
    .proc_read = state_read,
    .proc_write = state_write,
};

static const struct proc_ops wait_ops = {
    .proc_read = wait_read,
    .proc_poll = wait_poll,
};

static int __init habits_init(void)
{
    char *scratch = vzalloc(SZ_4K);

    if (!scratch)
        return -ENOMEM;
    WARN_ON(scratch[SZ_4K - 1] != 0);
    vfree(scratch);
    note = kstrdup("none", GFP_KERNEL);
    if (!note)
        return -ENOMEM;
    state_entry = proc_create("habits", 0644, NULL, &state_ops);
    wait_entry = proc_create("habits_wait", 0444, NULL, &wait_ops);
    if (!state_entry || !wait_entry) {
        proc_remove(state_entry);
        proc_remove(wait_entry);
        kfree(note);
        return -ENOMEM;
    }
    proc_set_size(state_entry, HABITS_SIZE);
    proc_set_user(state_entry, GLOBAL_ROOT_UID, GLOBAL_ROOT_GID);
    proc_set_user(wait_entry, KUIDT_INIT(1000), KGIDT_INIT(100));
    pr_info("habits: one line");
    pr_info("habits: another line\n");
    pr_info("habits: a line");
    pr_cont(" carried on\n");
    pr_info("habits: loaded, verbose %s\n", static_key_enabled(&verbose_key) ? "on" : "off");
    return 0;
}

static void __exit habits_exit(void)
{
    WRITE_ONCE(released, 1);
    wake_up_interruptible(&waiters);
    proc_remove(wait_entry);
    proc_remove(state_entry);
    kfree(note);
    pr_info("habits: unloaded\n");
}

module_init(habits_init);
module_exit(habits_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Linux header habits: what fs.h brings, static keys, current, /proc sizes");
