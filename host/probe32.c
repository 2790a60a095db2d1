/* host/probe32.c — a static i386 program that only exits 0. tools/run32 runs it to learn whether
 * this machine executes i386 binaries natively or needs qemu-i386. */
void _start(void) __attribute__((noreturn));

void _start(void)
{
    __asm__ volatile("int $0x80" : : "a"(1), "b"(0));   /* exit(0) */
    __builtin_unreachable();
}
