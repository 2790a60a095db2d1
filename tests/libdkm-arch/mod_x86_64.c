/* mod_x86_64.c — a small x86_64 module for the ELF64 checks of test_x86_64.c: calls, data and a
 * GOT reference, built -fPIC so every kind of relocation section entry is present. */
extern int printf(const char *fmt, ...);
int counter = 3;
static int twice(int x)
{
    return 2 * x;
}
int module_init(void)
{
    counter = twice(counter);
    return counter == 6 ? 0 : 1;
}
