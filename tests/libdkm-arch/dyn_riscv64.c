/* dyn_riscv64.c — a riscv64 module linked with `ld -shared` for test_riscv64.c: a pointer to an
 * exported symbol (R_RISCV_64), one to a hidden one (R_RISCV_RELATIVE), a C library function's
 * address (R_RISCV_64) and a call through the PLT (R_RISCV_JUMP_SLOT). */
extern int printf(const char *fmt, ...);
int counter = 3;
int *counter_ptr = &counter;
static int hidden = 4;
int *hidden_ptr = &hidden;
int (*printf_ptr)(const char *fmt, ...) = printf;
int module_init(void)
{
    return printf("%d %d\n", *counter_ptr, *hidden_ptr) > 0 ? 0 : 1;
}
