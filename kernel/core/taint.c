/* taint.c — the taint flags (taint.h). */
#include "taint.h"
#include "ark/kernel.h"

static volatile unsigned taint_mask;

void taint_add(unsigned flag)
{
    __atomic_or_fetch(&taint_mask, flag, __ATOMIC_SEQ_CST);
}

unsigned taint_flags(void) { return taint_mask; }

const char *taint_string(char *buf, unsigned size)
{
    static const char letters[] = "D";
    unsigned n = 0;
    for (unsigned i = 0; letters[i] && n + 1 < size; i++)
        if (taint_mask & (1u << i))
            buf[n++] = letters[i];
    if (size)
        buf[n < size ? n : size - 1] = '\0';
    return buf;
}
