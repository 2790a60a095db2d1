/* recursion.c — deeply and mutually recursive algorithms: N-queens, permutations, Ackermann,
 * memoised Fibonacci, flood fill, and mutual recursion for parity. */
#include <stdio.h>
#include <string.h>

static int queens(int n, int row, unsigned cols, unsigned d1, unsigned d2)
{
    if (row == n) return 1;
    int count = 0;
    for (int c = 0; c < n; c++) {
        unsigned a = 1u << c, b = 1u << (row + c), d = 1u << (row - c + n);
        if ((cols & a) || (d1 & b) || (d2 & d)) continue;
        count += queens(n, row + 1, cols | a, d1 | b, d2 | d);
    }
    return count;
}

static void permute(char *s, int k, int n, int *count, char *last)
{
    if (k == n) {
        if ((*count)++ < 6) printf("perm %s\n", s);
        strcpy(last, s);
        return;
    }
    for (int i = k; i < n; i++) {
        char t = s[k]; s[k] = s[i]; s[i] = t;
        permute(s, k + 1, n, count, last);
        t = s[k]; s[k] = s[i]; s[i] = t;
    }
}

static unsigned ackermann(unsigned m, unsigned n)
{
    if (m == 0) return n + 1;
    if (n == 0) return ackermann(m - 1, 1);
    return ackermann(m - 1, ackermann(m, n - 1));
}

static unsigned long long memo[91];
static unsigned long long fib(int n)
{
    if (n < 2) return (unsigned long long)n;
    if (memo[n]) return memo[n];
    return memo[n] = fib(n - 1) + fib(n - 2);
}

static char grid[12][24];
static int fill(int r, int c)
{
    if (r < 0 || r >= 12 || c < 0 || c >= 24 || grid[r][c] != '.') return 0;
    grid[r][c] = '#';
    return 1 + fill(r + 1, c) + fill(r - 1, c) + fill(r, c + 1) + fill(r, c - 1);
}

static int is_odd(unsigned n);
static int is_even(unsigned n) { return n == 0 ? 1 : is_odd(n - 1); }
static int is_odd(unsigned n) { return n == 0 ? 0 : is_even(n - 1); }

static int hanoi(int n, int from, int to, int via)
{
    if (n == 0) return 0;
    return hanoi(n - 1, from, via, to) + 1 + hanoi(n - 1, via, to, from);
}

int main(void)
{
    for (int n = 4; n <= 9; n++) printf("queens(%d) = %d\n", n, queens(n, 0, 0, 0, 0));
    char s[] = "abcde", last[8];
    int count = 0;
    permute(s, 0, 5, &count, last);
    printf("%d permutations, last %s\n", count, last);
    printf("ackermann(2,3)=%u ackermann(3,5)=%u\n", ackermann(2, 3), ackermann(3, 5));
    printf("fib(90)=%llu\n", fib(90));
    for (int r = 0; r < 12; r++)
        for (int c = 0; c < 24; c++) grid[r][c] = ((r * 7 + c * 3) % 5 == 0 || c == 11) ? 'X' : '.';
    printf("filled %d, then %d\n", fill(0, 0), fill(5, 20));
    for (int r = 0; r < 3; r++) printf("%.24s\n", grid[r]);
    printf("even(1001)=%d odd(777)=%d hanoi(16)=%d\n", is_even(1001), is_odd(777), hanoi(16, 1, 3, 2));
    return 0;
}
