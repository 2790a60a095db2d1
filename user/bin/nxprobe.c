/* nxprobe — runs code it wrote into its own data, bss or stack, or writes its own text, to show
 * that user pages are executable or writable only as the program's ELF segments say (PAE with NX):
 * each attempt must end the process with a page fault. If one succeeds it says so and exits 1;
 * `nxprobe text-run` runs ordinary code and exits 0. */
#include "ulib.h"

/* mov $0x2a, %eax; ret */
#define NX_CODE { 0xB8, 0x2A, 0x00, 0x00, 0x00, 0xC3 }

static unsigned char data_code[16] = NX_CODE;
static unsigned char bss_code[16];

typedef int (*code_fn)(void);

__attribute__((noinline)) static int run(void *code) { return ((code_fn)code)(); }
__attribute__((noinline)) static int plain(void) { return 42; }

int main(int argc, char **argv)
{
    static const unsigned char code[] = NX_CODE;
    const char *what = argc > 1 ? argv[1] : "";
    unsigned char stack_code[16];
    int ran = 0;
    if (strcmp(what, "data") == 0) {
        ran = run(data_code);
    } else if (strcmp(what, "bss") == 0) {
        memcpy(bss_code, code, sizeof code);
        ran = run(bss_code);
    } else if (strcmp(what, "stack") == 0) {
        memcpy(stack_code, code, sizeof code);
        ran = run(stack_code);
    } else if (strcmp(what, "text") == 0) {
        *(volatile unsigned char *)(uintptr_t)plain = 0xC3;
        printf("nxprobe: text: the write went through\n");
        return 1;
    } else if (strcmp(what, "text-run") == 0) {
        printf("nxprobe: text-run: %d\n", run((void *)(uintptr_t)plain));
        return 0;
    } else {
        eprintf("usage: nxprobe data|bss|stack|text|text-run\n");
        return 2;
    }
    printf("nxprobe: %s: code in writable memory RAN (%d)\n", what, ran);
    return 1;
}
