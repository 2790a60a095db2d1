/* misc-more.c — the small library headers a driver reaches for: timespec64, 64-bit division,
 * log2 and powers of two, circular buffer arithmetic, lock-less lists, per-CPU variables and the
 * CPU walks, sort and bsearch, rate-limited messages, the caller's credentials, the system's
 * names, preemption and interrupt state, and random numbers. */
#include <linux/bsearch.h>
#include <linux/circ_buf.h>
#include <linux/cpumask.h>
#include <linux/cred.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/llist.h>
#include <linux/log2.h>
#include <linux/math64.h>
#include <linux/module.h>
#include <linux/percpu.h>
#include <linux/preempt.h>
#include <linux/random.h>
#include <linux/ratelimit.h>
#include <linux/slab.h>
#include <linux/smp.h>
#include <linux/sort.h>
#include <linux/string.h>
#include <linux/time.h>
#include <linux/utsname.h>

static DEFINE_PER_CPU(int, hits);

struct job {
    int n;
    struct llist_node node;
};

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return x < y ? -1 : x > y;
}

static void bump(void *info)
{
    this_cpu_inc(hits);
    *(int *)info += irqs_disabled();
}

static int __init misc_more_init(void)
{
    struct timespec64 a = { 1, 900000000 }, b = { 0, 200000000 }, s, d, m;
    u32 rem;
    u64 q;
    char ring[16];
    int head = 0, tail = 0, i, cpu, ncpu = 0, with_irqs_off = 0, sorted = 1, found, absent;
    static struct job jobs[5];
    LLIST_HEAD(pending);
    struct llist_node *all;
    struct job *j;
    int order[5], k = 0, was_empty;
    int vals[64], key = 0;
    DEFINE_RATELIMIT_STATE(rs, HZ * 60, 3);
    int allowed = 0, pc_before, pc_inside;
    u32 r[8], below_ok = 1, distinct = 0;
    u8 bytes[100];
    int nonzero = 0;

    s = timespec64_add(a, b);
    d = timespec64_sub(b, a);
    m = ns_to_timespec64(-1);
    pr_info("misc_more: timespec64 sum %lld.%09ld, difference %lld.%09ld, -1 ns is %lld.%09ld, compare %d, valid %d\n",
            (long long)s.tv_sec, s.tv_nsec, (long long)d.tv_sec, d.tv_nsec, (long long)m.tv_sec, m.tv_nsec,
            timespec64_compare(&a, &b), timespec64_valid(&d));
    ktime_get_ts64(&s);
    pr_info("misc_more: monotonic clock %d\n", timespec64_valid(&s) && timespec64_to_ns(&s) > 0);

    q = div_u64_rem(10000000001ULL, 7, &rem);
    pr_info("misc_more: div_u64_rem %llu rem %u, div_s64 %lld, div64_u64 %llu, mul_u32_u32 %llu, mul_u64_u32_div %llu\n",
            q, rem, div_s64(-10000000001LL, 3), div64_u64(1ULL << 60, 1ULL << 33), mul_u32_u32(0xffffffffu, 0xffffffffu),
            mul_u64_u32_div(1ULL << 40, 1000, 1024));

    pr_info("misc_more: ilog2 1 %d, 1000 %d, 2^40 %d; power of 2: 64 %d, 96 %d; roundup 33 %lu, rounddown 33 %lu, order_base_2 5 %d\n",
            ilog2(1), ilog2(1000), ilog2(1ULL << 40), is_power_of_2(64), is_power_of_2(96), roundup_pow_of_two(33),
            rounddown_pow_of_two(33), order_base_2(5));

    for (i = 0; i < 10; i++) {
        ring[head] = (char)i;
        head = (head + 1) & (sizeof(ring) - 1);
    }
    tail = 12;
    pr_info("misc_more: ring head %d tail %d: count %d, space %d, count to end %d, space to end %d\n", head, tail,
            CIRC_CNT(head, tail, 16), CIRC_SPACE(head, tail, 16), CIRC_CNT_TO_END(head, tail, 16),
            CIRC_SPACE_TO_END(head, tail, 16));

    was_empty = 0;
    for (i = 0; i < 5; i++) {
        jobs[i].n = i;
        was_empty += llist_add(&jobs[i].node, &pending);
    }
    all = llist_reverse_order(llist_del_all(&pending));
    llist_for_each_entry(j, all, node)
        order[k++] = j->n;
    pr_info("misc_more: llist: first add found it empty %d time, taken oldest first %d%d%d%d%d, empty now %d\n",
            was_empty, order[0], order[1], order[2], order[3], order[4], llist_empty(&pending));

    for_each_possible_cpu(cpu)
        ncpu++;
    on_each_cpu(bump, &with_irqs_off, 1);
    this_cpu_add(hits, 2);
    pr_info("misc_more: %d cpu, online %u, hits %d, per_cpu(hits, 0) %d, on_each_cpu ran with interrupts off %d, smp_call_function_single(1) %d\n",
            ncpu, num_online_cpus(), this_cpu_read(hits), per_cpu(hits, 0), with_irqs_off,
            smp_call_function_single(1, bump, &with_irqs_off, 1));
    {
        int *pcp = alloc_percpu(int);
        if (pcp) {
            *per_cpu_ptr(pcp, 0) = 7;
            pr_info("misc_more: alloc_percpu %d\n", *this_cpu_ptr(pcp));
            free_percpu(pcp);
        }
    }

    for (i = 0; i < 64; i++)
        vals[i] = (i * 37) % 64 - 20;
    sort(vals, 64, sizeof(int), cmp_int, NULL);
    for (i = 1; i < 64; i++)
        if (vals[i - 1] > vals[i])
            sorted = 0;
    key = 17;
    found = bsearch(&key, vals, 64, sizeof(int), cmp_int) != NULL;
    key = 99;
    absent = bsearch(&key, vals, 64, sizeof(int), cmp_int) == NULL;
    pr_info("misc_more: sort sorted %d, first %d last %d; bsearch finds 17 %d, not 99 %d\n", sorted, vals[0], vals[63],
            found, absent);

    for (i = 0; i < 10; i++)
        allowed += __ratelimit(&rs);
    for (i = 0; i < 30; i++)
        pr_info_ratelimited("misc_more: a rate-limited message\n");
    pr_info("misc_more: 3 a minute allows %d of 10\n", allowed);

    pr_info("misc_more: uid %u gid %u, sysname %s, machine %s\n", from_kuid(&init_user_ns, current_uid()),
            from_kgid(&init_user_ns, current_gid()), utsname()->sysname, init_utsname()->machine);

    pc_before = preempt_count();
    preempt_disable();
    pc_inside = preempt_count();
    preempt_enable();
    pr_info("misc_more: preempt_count %d, inside preempt_disable %d, in_atomic there %d, after %d\n", pc_before,
            pc_inside - pc_before, pc_inside > 0, preempt_count() - pc_before);

    for (i = 0; i < 8; i++) {
        r[i] = get_random_u32();
        if (get_random_u32_below(10) >= 10)
            below_ok = 0;
    }
    for (i = 1; i < 8; i++)
        distinct += r[i] != r[i - 1];
    get_random_bytes(bytes, sizeof bytes);
    for (i = 0; i < 100; i++)
        nonzero += bytes[i] != 0;
    pr_info("misc_more: random: 8 values %u apart, below 10 always %d, 100 bytes with %s zeros, in [5, 5] %u\n",
            distinct, below_ok, nonzero > 80 ? "few" : "many", get_random_u32_inclusive(5, 5));
    return 0;
}

static void __exit misc_more_exit(void)
{
}

module_init(misc_more_init);
module_exit(misc_more_exit);
MODULE_LICENSE("GPL");
