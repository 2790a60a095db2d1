/* dyn_x86_64.c — an x86_64 module linked with `ld -shared` for test_x86_64.c: pointers to an
 * exported and a hidden symbol (R_X86_64_64, R_X86_64_RELATIVE), a C library function's address
 * through the GOT (R_X86_64_GLOB_DAT) and a call through the PLT (puts: R_X86_64_JUMP_SLOT). init
 * checks them all as the running code sees them. */
extern int printf(const char *fmt, ...);
extern int puts(const char *s);
int counter = 3;
int *counter_ptr = &counter;
static int hidden = 4;
int *hidden_ptr = &hidden;
int (*printf_ptr)(const char *fmt, ...) = printf;
int module_init(void)
{
    if (*counter_ptr != 3 || *hidden_ptr != 4 || printf_ptr != printf)
        return 1;
    return puts("linked image") >= 0 ? 0 : 2;
}
