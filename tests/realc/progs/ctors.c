/* ctors.c — static constructors and destructors with priorities, initialising state that main then
 * relies on; destructors print after main returns. Returns a non-zero status. */
#include <stdio.h>

static int order[8];
static int norder;
static int table[32];

__attribute__((constructor(200))) static void init_late(void)
{
    order[norder++] = 200;
    for (int i = 0; i < 32; i++) table[i] += i * i;
}

__attribute__((constructor(101))) static void init_early(void)
{
    order[norder++] = 101;
    for (int i = 0; i < 32; i++) table[i] = 1000;
}

__attribute__((constructor)) static void init_default(void)
{
    order[norder++] = 65535;
}

__attribute__((destructor)) static void fini_default(void)
{
    printf("destructor ran, table[31]=%d\n", table[31]);
}

int main(void)
{
    printf("constructors ran: %d:", norder);
    for (int i = 0; i < norder; i++) printf(" %d", order[i]);
    printf("\n");
    long s = 0;
    for (int i = 0; i < 32; i++) s += table[i];
    printf("table sum %ld\n", s);
    return norder == 3 ? 5 : 1;
}
