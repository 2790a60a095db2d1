/* srcu-demo.c — sleepable RCU: a reader that sleeps inside its section holds up
 * synchronize_srcu of its own domain and of no other; a writer that replaces a configuration
 * while readers sleep on it frees the old one only after they are done; the refused calls. */
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/srcu.h>
#include <linux/string.h>

DEFINE_STATIC_SRCU(domain_a);
static struct srcu_struct domain_b;

static DECLARE_COMPLETION(inside);
static DECLARE_COMPLETION(leave);
static int writer_done;

static int holder(void *arg)
{
    int idx = srcu_read_lock(&domain_a);
    (void)arg;
    complete(&inside);
    wait_for_completion(&leave);       /* sleeps inside the section */
    srcu_read_unlock(&domain_a, idx);
    return 0;
}

static int writer(void *arg)
{
    (void)arg;
    synchronize_srcu(&domain_a);
    WRITE_ONCE(writer_done, 1);
    return 0;
}

struct cfg {
    u32 magic;
    int gen;
};
#define MAGIC 0xc0ffee11u
static struct cfg __rcu *live;
static atomic_t readers_ok = ATOMIC_INIT(0), readers_bad = ATOMIC_INIT(0);
static DECLARE_COMPLETION(readers_in);
static atomic_t entered = ATOMIC_INIT(0);

static int slow_reader(void *arg)
{
    int idx = srcu_read_lock(&domain_b);
    struct cfg *c = srcu_dereference(live, &domain_b);
    int gen = c->gen;
    (void)arg;
    if (atomic_inc_return(&entered) == 3)
        complete(&readers_in);
    msleep(40);
    if (c->magic == MAGIC && c->gen == gen)
        atomic_inc(&readers_ok);
    else
        atomic_inc(&readers_bad);
    srcu_read_unlock(&domain_b, idx);
    return 0;
}

static int __init srcu_demo_init(void)
{
    struct task_struct *h, *w, *r[3];
    struct cfg *c0, *c1;
    int i, done_while_held, idx;

    init_srcu_struct(&domain_b);
    h = kthread_run(holder, NULL, "srcu-holder");
    wait_for_completion(&inside);
    synchronize_srcu(&domain_b);       /* another domain: no wait */
    w = kthread_run(writer, NULL, "srcu-writer");
    msleep(20);
    done_while_held = READ_ONCE(writer_done);
    complete(&leave);
    kthread_stop(h);
    kthread_stop(w);
    pr_info("srcu_demo: another domain's grace period did not wait; this one's waited %d, ended after the reader left %d\n",
            !done_while_held, READ_ONCE(writer_done));

    c0 = kmalloc(sizeof(*c0), GFP_KERNEL);
    c1 = kmalloc(sizeof(*c1), GFP_KERNEL);
    if (!c0 || !c1)
        return -ENOMEM;
    c0->magic = c1->magic = MAGIC;
    c0->gen = 0;
    c1->gen = 1;
    rcu_assign_pointer(live, c0);
    for (i = 0; i < 3; i++)
        r[i] = kthread_run(slow_reader, NULL, "srcu-reader/%d", i);
    wait_for_completion(&readers_in);
    rcu_assign_pointer(live, c1);
    synchronize_srcu(&domain_b);
    memset(c0, 0x6b, sizeof(*c0));
    kfree(c0);
    for (i = 0; i < 3; i++)
        kthread_stop(r[i]);
    pr_info("srcu_demo: 3 sleeping readers saw their version whole %d, broken %d\n",
            atomic_read(&readers_ok), atomic_read(&readers_bad));
    kfree(c1);

    idx = srcu_read_lock(&domain_b);
    cleanup_srcu_struct(&domain_b);
    srcu_read_unlock(&domain_b, idx);
    srcu_read_unlock(&domain_b, 5);
    cleanup_srcu_struct(&domain_b);
    return 0;
}

static void __exit srcu_demo_exit(void)
{
}

module_init(srcu_demo_init);
module_exit(srcu_demo_exit);
MODULE_LICENSE("GPL");
