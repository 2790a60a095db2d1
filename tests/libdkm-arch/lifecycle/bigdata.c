/* lifecycle/bigdata.c — a C program run as a module (--libc --entry main) whose data (5 MiB) is
 * larger than any small placement window and which uses C library data (stdout): the port must
 * still place its regions within reach of each other and of that data in every code model. */
#include <stdio.h>
#include <string.h>

char bigdata_buf[5 << 20];
static const char *const bigdata_words[] = {"first", "middle", "last"};

int main(void)
{
    size_t at[3] = {0, sizeof bigdata_buf / 2, sizeof bigdata_buf - 8};
    for (int i = 0; i < 3; i++)
        strcpy(&bigdata_buf[at[i]], bigdata_words[i]);
    for (int i = 0; i < 3; i++)
        fprintf(stdout, "bigdata: %s at %zu\n", &bigdata_buf[at[i]], at[i]);
    return bigdata_buf[at[2]] == 'l' ? 0 : 1;
}
