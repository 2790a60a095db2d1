/* kmod.c — the module the in-kernel benchmark loads N copies of at boot: a small driver-shaped
 * module that imports kernel functions and carries its own data, so each load does real
 * resolution and relocation work. Copies take their names from their file names. */
#include "ark/kernel.h"
#include "ark/module.h"

MODULE_DESCRIPTION("boot-time loading benchmark");
MODULE_LICENSE("GPL");

struct bench_entry {
    const char *label;
    int (*op)(int);
};

static int op_double(int v) { return v * 2; }
static int op_square(int v) { return v * v; }
static int op_negate(int v) { return -v; }

static const struct bench_entry bench_table[] = {
    { "double", op_double }, { "square", op_square }, { "negate", op_negate },
};

static char *bench_buffer;

int module_init(void)
{
    bench_buffer = kmalloc(256);
    if (!bench_buffer)
        return -12;
    int acc = 1;
    for (size_t i = 0; i < sizeof(bench_table) / sizeof(bench_table[0]); i++)
        acc += bench_table[i].op(acc);
    snprintf(bench_buffer, 256, "%s=%d", bench_table[0].label, acc);
    return strlen(bench_buffer) > 0 ? 0 : -22;
}

void module_exit(void)
{
    kfree(bench_buffer);
}
