/* tty-demo.c — writing to the user's terminal as LKMPG's print_string does: the tty of the
 * process that loads the module, through tty->driver->ops->write, and none for a kernel thread. */
#include <linux/completion.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <linux/tty.h>

static DECLARE_COMPLETION(checked);
static int thread_has_tty = -1;

static int thread_fn(void *arg)
{
    (void)arg;
    thread_has_tty = get_current_tty() != NULL;
    complete(&checked);
    return 0;
}

static void say(const char *s)
{
    struct tty_struct *tty = get_current_tty();
    if (!tty) {
        pr_info("tty_demo: no terminal\n");
        return;
    }
    tty->driver->ops->write(tty, (const u8 *)s, strlen(s));
    tty->ops->write(tty, (const u8 *)"\r\n", 2);
    tty_kref_put(tty);
}

static int __init tty_demo_init(void)
{
    struct task_struct *t;
    say("tty_demo: hello on the terminal of the process that loaded me");
    t = kthread_run(thread_fn, NULL, "tty-demo");
    if (!IS_ERR(t)) {
        wait_for_completion(&checked);
        kthread_stop(t);
    }
    pr_info("tty_demo: a kernel thread has a terminal: %d; write room %u, name %s\n", thread_has_tty,
            tty_write_room(get_current_tty()), tty_name(get_current_tty()));
    return 0;
}

static void __exit tty_demo_exit(void)
{
    say("tty_demo: goodbye from rmmod's terminal");
}

module_init(tty_demo_init);
module_exit(tty_demo_exit);
MODULE_LICENSE("GPL");
