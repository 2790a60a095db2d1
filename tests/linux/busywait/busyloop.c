/* busyloop.c — a kernel thread that computes without ever sleeping or yielding, as a polling
 * driver thread may: waiting for a flag that a system call sets (a write to its stop parameter)
 * while another thread of the module beats every few milliseconds. Neither the shell nor the
 * other thread may be held up by it. */
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/moduleparam.h>

static int stop;
module_param(stop, int, 0644);
static int beats;
module_param(beats, int, 0444);

static struct task_struct *spinner, *beater;
static unsigned long spins;
static int beats_while_spinning;
static DECLARE_COMPLETION(spinner_done);

static int spin_fn(void *data)
{
    int first = READ_ONCE(beats);
    while (!READ_ONCE(stop)) {
        spins++;
        cpu_relax();
    }
    beats_while_spinning = READ_ONCE(beats) - first;
    complete(&spinner_done);
    while (!kthread_should_stop())
        msleep(5);
    return 0;
}

static int beat_fn(void *data)
{
    while (!kthread_should_stop()) {
        WRITE_ONCE(beats, beats + 1);
        msleep(2);
    }
    return 0;
}

static int __init busyloop_init(void)
{
    spinner = kthread_run(spin_fn, NULL, "busyloop-spin");
    if (IS_ERR(spinner))
        return PTR_ERR(spinner);
    beater = kthread_run(beat_fn, NULL, "busyloop-beat");
    if (IS_ERR(beater)) {
        WRITE_ONCE(stop, 1);
        kthread_stop(spinner);
        return PTR_ERR(beater);
    }
    return 0;
}

static void __exit busyloop_exit(void)
{
    WRITE_ONCE(stop, 1);
    wait_for_completion(&spinner_done);
    kthread_stop(spinner);
    kthread_stop(beater);
    pr_info("busyloop: the spinner spun %s and saw %s beats of the other thread\n",
            spins > 1000 ? "more than 1000 times" : "1000 times or less",
            beats_while_spinning > 5 ? "more than 5" : "5 or fewer");
}

module_init(busyloop_init);
module_exit(busyloop_exit);
MODULE_LICENSE("GPL");
