/* rcu-demo.c — RCU as drivers use it: a configuration pointer that readers follow without a lock
 * while the writer replaces it and frees the old one by synchronize_rcu, call_rcu and kfree_rcu;
 * an RCU list and hash table; a reader that (wrongly) sleeps inside its section, which
 * synchronize_rcu must wait for; the refused calls; and (leave=1) an exit that queues callbacks
 * without rcu_barrier. */
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/hashtable.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/rculist.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/workqueue.h>

static int leave;
module_param(leave, int, 0444);

#define MAGIC 0x5eed5eedu

struct cfg {
    u32 magic;
    int gen, twice;
    struct rcu_head rcu;
};

static struct cfg __rcu *live_cfg;
static DEFINE_SPINLOCK(cfg_lock);
static atomic_t callbacks_run = ATOMIC_INIT(0);
static int callback_in_irq, callback_in_reader;

static void free_cfg_cb(struct rcu_head *head)
{
    struct cfg *c = container_of(head, struct cfg, rcu);
    if (in_interrupt())
        callback_in_irq++;
    if (rcu_read_lock_held())
        callback_in_reader++;
    memset(c, 0x6b, sizeof(*c));
    kfree(c);
    atomic_inc(&callbacks_run);
}

/* Publishes generation gen and retires the old one the way `how` says. */
static void replace_cfg(int gen, int how)
{
    struct cfg *n = kmalloc(sizeof(*n), GFP_KERNEL), *old;
    if (!n)
        return;
    n->magic = MAGIC;
    n->gen = gen;
    n->twice = 2 * gen;
    spin_lock(&cfg_lock);
    old = rcu_replace_pointer(live_cfg, n, lockdep_is_held(&cfg_lock));
    spin_unlock(&cfg_lock);
    if (!old)
        return;
    switch (how) {
    case 0:
        synchronize_rcu();
        memset(old, 0x6b, sizeof(*old));
        kfree(old);
        break;
    case 1:
        call_rcu(&old->rcu, free_cfg_cb);
        break;
    case 2:
        kfree_rcu(old, rcu);
        break;
    default:
        kfree_rcu_mightsleep(old);
        break;
    }
}

/* A reader: the configuration it sees is whole. -1 when it saw a freed one. */
static int read_cfg(void)
{
    struct cfg *c;
    int gen;
    rcu_read_lock();
    c = rcu_dereference(live_cfg);
    gen = (c->magic == MAGIC && c->twice == 2 * c->gen) ? c->gen : -1;
    rcu_read_unlock();
    return gen;
}

static int reader_bad;
static DECLARE_COMPLETION(sleeper_in);
static int sleeper_saw;

/* Sleeps inside its section: a bug, but the old version must stay alive for it. */
static int sleeping_reader(void *arg)
{
    struct cfg *c;
    (void)arg;
    rcu_read_lock();
    c = rcu_dereference(live_cfg);
    complete(&sleeper_in);
    msleep(60);
    sleeper_saw = (c->magic == MAGIC && c->twice == 2 * c->gen) ? c->gen : -1;
    rcu_read_unlock();
    return 0;
}

struct item {
    int key;
    struct list_head node;
    struct hlist_node hnode;
    struct rcu_head rcu;
};
static LIST_HEAD(items);
static DEFINE_HASHTABLE(by_key, 4);

static void list_checks(void)
{
    struct item *it, *tmp;
    int i, sum = 0, found = 0, left = 0;

    for (i = 1; i <= 100; i++) {
        it = kzalloc(sizeof(*it), GFP_KERNEL);
        if (!it)
            return;
        it->key = i;
        list_add_tail_rcu(&it->node, &items);
        hash_add_rcu(by_key, &it->hnode, i);
    }
    rcu_read_lock();
    list_for_each_entry_rcu(it, &items, node)
        sum += it->key;
    hash_for_each_possible_rcu(by_key, it, hnode, 42)
        if (it->key == 42)
            found = 1;
    rcu_read_unlock();
    list_for_each_entry_safe(it, tmp, &items, node) {
        if (it->key % 2) {
            list_del_rcu(&it->node);
            hash_del_rcu(&it->hnode);
            kfree_rcu(it, rcu);
        }
    }
    rcu_read_lock();
    list_for_each_entry_rcu(it, &items, node)
        left += it->key;
    it = list_first_or_null_rcu(&items, struct item, node);
    rcu_read_unlock();
    pr_info("rcu_demo: list sum %d, key 42 found %d; odd keys removed: sum %d, first %d\n", sum, found,
            left, it ? it->key : -1);
    synchronize_rcu();
    list_for_each_entry_safe(it, tmp, &items, node) {
        list_del(&it->node);
        hash_del(&it->hnode);
        kfree(it);
    }
}

/* With leave=1 the kernel's worker is kept busy from the end of init until a late callback runs,
 * so the callbacks the exit queues are still queued when the unload looks: whatever the timing,
 * the unload is what runs them. */
static DECLARE_COMPLETION(hold_started);
static DECLARE_COMPLETION(released);
static void hold_worker(struct work_struct *w)
{
    (void)w;
    complete(&hold_started);
    wait_for_completion(&released);
}
static DECLARE_WORK(hold, hold_worker);

static void late_cb(struct rcu_head *head)
{
    pr_info("rcu_demo: late callback ran\n");
    kfree(head);
    complete(&released);
}

static int __init rcu_demo_init(void)
{
    struct task_struct *t;
    int i, gen, queued = 0, before;

    replace_cfg(0, 0);
    for (i = 1; i <= 200; i++) {
        replace_cfg(i, i % 4);
        if (i % 4 == 1)
            queued++;
        gen = read_cfg();
        if (gen != i)
            reader_bad++;
    }
    /* The worker may have run some or all of them meanwhile: only after the barrier is known. */
    rcu_barrier();
    pr_info("rcu_demo: 200 versions, readers saw each whole %d; %d callbacks queued, all run after rcu_barrier %d, in thread context %d, outside readers %d\n",
            reader_bad == 0, queued, atomic_read(&callbacks_run) == queued, callback_in_irq == 0,
            callback_in_reader == 0);

    /* A callback queued inside a reader never runs before the reader ends. */
    {
        struct cfg *c = kmalloc(sizeof(*c), GFP_KERNEL);
        int ran_inside;
        if (c) {
            before = atomic_read(&callbacks_run);
            rcu_read_lock();
            call_rcu(&c->rcu, free_cfg_cb);
            udelay(200);
            ran_inside = atomic_read(&callbacks_run) != before;
            rcu_read_unlock();
            rcu_barrier();
            pr_info("rcu_demo: callback queued inside a reader ran inside it %d, ran after rcu_barrier %d\n",
                    ran_inside, atomic_read(&callbacks_run) == before + 1);
        }
    }

    list_checks();

    t = kthread_run(sleeping_reader, NULL, "rcu-sleeper");
    if (!IS_ERR(t)) {
        wait_for_completion(&sleeper_in);
        gen = read_cfg();
        replace_cfg(gen + 1, 0);   /* synchronize_rcu, then poison and free */
        kthread_stop(t);
        pr_info("rcu_demo: the sleeping reader kept generation %d alive: %d\n", gen, sleeper_saw == gen);
    }

    rcu_read_lock();
    synchronize_rcu();
    rcu_read_unlock();
    rcu_read_unlock();
    if (leave) {
        schedule_work(&hold);
        wait_for_completion(&hold_started);   /* what was queued before it has run */
    }
    return 0;
}

static void __exit rcu_demo_exit(void)
{
    struct cfg *c;
    int i;

    if (leave) {
        for (i = 0; i < 3; i++) {
            struct rcu_head *h = kmalloc(sizeof(*h), GFP_KERNEL);
            if (h)
                call_rcu(h, late_cb);
        }
    }
    spin_lock(&cfg_lock);
    c = rcu_replace_pointer(live_cfg, NULL, lockdep_is_held(&cfg_lock));
    spin_unlock(&cfg_lock);
    kfree_rcu(c, rcu);
    if (!leave)
        rcu_barrier();
    pr_info("rcu_demo: exit done\n");
}

module_init(rcu_demo_init);
module_exit(rcu_demo_exit);
MODULE_LICENSE("GPL");
