/* printf_fmt.c — formatted output in every common shape: widths, precisions, flags, integer sizes,
 * floating point, and snprintf truncation. */
#include <inttypes.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

int main(void)
{
    const int ints[] = { 0, 1, -1, 42, -12345, 2147483647, -2147483647 - 1 };
    for (size_t i = 0; i < sizeof ints / sizeof ints[0]; i++)
        printf("[%d] [%5d] [%-8d] [%+d] [%08d] [%x] [%#o] [% d]\n", ints[i], ints[i], ints[i],
               ints[i], ints[i], (unsigned)ints[i], (unsigned)ints[i], ints[i]);

    const double dbls[] = { 0.0, 1.0, -2.5, 3.14159265358979, 1e-10, 6.02214076e23, 1.0 / 3.0 };
    for (size_t i = 0; i < sizeof dbls / sizeof dbls[0]; i++)
        printf("[%f] [%.2f] [%10.4f] [%e] [%g] [%-12.3g] [%+.0f]\n", dbls[i], dbls[i], dbls[i],
               dbls[i], dbls[i], dbls[i], dbls[i]);

    int64_t big = INT64_C(-9223372036854775807) - 1;
    uint64_t ubig = UINT64_C(18446744073709551615);
    printf("int64 min %" PRId64 ", uint64 max %" PRIu64 ", hex %" PRIx64 "\n", big, ubig, ubig);
    printf("long long %lld %llu %llx\n", 1234567890123LL, 9876543210ULL, 0xdeadbeefcafeULL);
    printf("short %hd char %hhu size %zu ptrdiff %td\n", (short)-300, (unsigned char)300,
           sizeof(long double), (ptrdiff_t)-7);

    printf("[%s] [%10s] [%-10s] [%.3s] [%*s] [%-*.*s]\n", "text", "right", "left", "truncate", 6,
           "star", 8, 2, "precision");
    printf("[%c%c%c] [%%] [%5c]\n", 'a', 'b', 'c', 'z');

    char small[16];
    const char *volatile first = "truncated"; /* opaque, so the truncation is not a compile-time warning */
    int n = snprintf(small, sizeof small, "%s-%d-%s", first, 123456, "output");
    printf("snprintf wanted %d, got \"%s\" (%zu)\n", n, small, strlen(small));

    char table[256] = "";
    size_t used = 0;
    for (int row = 1; row <= 4; row++)
        used += (size_t)snprintf(table + used, sizeof table - used, "%2d:%4d:%6.2f|", row,
                                 row * row * row, 1.0 / row);
    puts(table);

    long double ld = 1.0L / 7.0L;
    printf("long double %.15Lf\n", ld);
    fprintf(stdout, "to stdout via fprintf: %s %d\n", "ok", 7);
    fputs("fputs line\n", stdout);
    putchar('!');
    putchar('\n');
    return 0;
}
