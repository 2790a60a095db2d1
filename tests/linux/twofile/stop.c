/* stop.c — the exit half, and a helper the other file calls; exported for other modules too. */
#include <linux/kernel.h>
#include <linux/module.h>

static int calls;

int startstop_count(void)
{
    return ++calls;
}
EXPORT_SYMBOL_GPL(startstop_count);

void cleanup_module(void)
{
    pr_info("startstop: goodbye after %d calls, 64-bit division gives %llu\n", startstop_count(),
            (unsigned long long)calls * 1000000007ULL / 3ULL);
}
