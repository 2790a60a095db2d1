/* varargs.c — variadic functions: va_list walking of mixed types, va_copy, forwarding to
 * vsnprintf/vprintf, and a sentinel-terminated list. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static double sum_mixed(const char *types, ...)
{
    va_list ap;
    double total = 0;
    va_start(ap, types);
    for (const char *t = types; *t; t++) {
        switch (*t) {
        case 'i': total += va_arg(ap, int); break;
        case 'l': total += (double)va_arg(ap, long long); break;
        case 'd': total += va_arg(ap, double); break;
        case 's': total += (double)strlen(va_arg(ap, const char *)); break;
        }
    }
    va_end(ap);
    return total;
}

static int count_until_null(const char *first, ...)
{
    va_list ap, copy;
    int n = 0;
    size_t chars = 0;
    va_start(ap, first);
    va_copy(copy, ap);
    for (const char *s = first; s; s = va_arg(ap, const char *)) n++;
    for (const char *s = first; s; s = va_arg(copy, const char *)) chars += strlen(s);
    va_end(copy);
    va_end(ap);
    return n * 1000 + (int)chars;
}

static char logbuf[512];
static size_t loglen;

__attribute__((format(printf, 2, 3))) static void logf_(int level, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    loglen += (size_t)snprintf(logbuf + loglen, sizeof logbuf - loglen, "<%d>", level);
    loglen += (size_t)vsnprintf(logbuf + loglen, sizeof logbuf - loglen, fmt, ap);
    va_end(ap);
    va_start(ap, fmt);
    printf("level %d: ", level);
    vprintf(fmt, ap);
    printf("\n");
    va_end(ap);
}

static long long max_of(int n, ...)
{
    va_list ap;
    va_start(ap, n);
    long long m = va_arg(ap, long long);
    for (int i = 1; i < n; i++) {
        long long v = va_arg(ap, long long);
        if (v > m) m = v;
    }
    va_end(ap);
    return m;
}

int main(void)
{
    printf("sum_mixed = %.4f\n", sum_mixed("idlsi", 5, 2.25, 10000000000LL, "hello", -3));
    printf("count = %d\n", count_until_null("alpha", "be", "c", "delta", (const char *)NULL));
    logf_(3, "disk %s is %d%% full", "sda", 93);
    logf_(6, "%d items, %.2f average, %c", 12, 3.5, 'k');
    logf_(7, "%s", "plain");
    printf("log buffer: %s (%zu)\n", logbuf, loglen);
    printf("max = %lld\n", max_of(5, 3LL, -9LL, 1LL << 40, 77LL, (1LL << 40) - 1));
    return 0;
}
