/* taint.c — the kernel's taint flags and /proc/sys/kernel/tainted. Flags only ever get added, with
 * an atomic or, so concurrent loads on any CPU can record theirs without a lock. */
#include "taint.h"
#include "ark/kernel.h"
#include "ark/proc.h"

static uint32_t taint_flags;

static const struct { enum taint_flag flag; char letter; } taint_names[] = {
    { TAINT_PROPRIETARY, 'P' }, { TAINT_FORCED_LOAD, 'F' }, { TAINT_FORCED_UNLOAD, 'R' },
    { TAINT_DIE, 'D' },         { TAINT_WARN, 'W' },        { TAINT_OOT, 'O' },
    { TAINT_UNSIGNED, 'E' },
};

void taint_add(enum taint_flag flag)
{
    __atomic_fetch_or(&taint_flags, TAINT_BIT(flag), __ATOMIC_SEQ_CST);
}

uint32_t taint_mask(void)
{
    return __atomic_load_n(&taint_flags, __ATOMIC_SEQ_CST);
}

void taint_letters(uint32_t mask, char *buf, size_t size)
{
    size_t n = 0;
    for (unsigned i = 0; i < sizeof taint_names / sizeof taint_names[0] && n + 1 < size; i++)
        if (mask & TAINT_BIT(taint_names[i].flag))
            buf[n++] = taint_names[i].letter;
    if (size)
        buf[n < size ? n : size - 1] = '\0';
}

void taint_oops(void)
{
    taint_add(TAINT_DIE);
}

static int tainted_show(struct ark_seq *s, void *priv)
{
    (void)priv;
    seq_printf(s, "%u\n", (unsigned)taint_mask());
    return 0;
}

void taint_proc_init(void)
{
    int rc = proc_create("sys/kernel/tainted", tainted_show, NULL, NULL);
    if (rc < 0)
        printk(KERN_ERR "taint: cannot create /proc/sys/kernel/tainted (%d)\n", rc);
}
