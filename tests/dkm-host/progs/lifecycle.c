/* tests/dkm-host/progs/lifecycle.c — a C program with a constructor, a destructor and an atexit
 * handler: dkm-host --entry runs them around the entry point as C start-up and exit would. */
#include <stdio.h>
#include <stdlib.h>

static int ready;

static void at_exit_handler(void)
{
    printf("atexit\n");
}

__attribute__((constructor)) static void setup(void)
{
    ready = 42;
    printf("constructor\n");
}

__attribute__((destructor)) static void teardown(void)
{
    printf("destructor\n");
}

int main(void)
{
    printf("main ready=%d\n", ready);
    atexit(at_exit_handler);
    return ready == 42 ? 5 : 1;
}

/* Leaves through exit(): the C library's exit runs the handler while the module is still loaded. */
int leave(void)
{
    atexit(at_exit_handler);
    printf("leaving\n");
    exit(9);
}
