/* qsort_cb.c — qsort and bsearch with several comparison callbacks over structs, plus a generic
 * "apply" helper taking function pointers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct person {
    char name[12];
    int age;
    double score;
};

static struct person people[] = {
    { "mallory", 41, 3.5 }, { "alice", 30, 9.25 }, { "trent", 55, 7.0 },  { "bob", 30, 8.5 },
    { "carol", 27, 9.75 },  { "dave", 63, 1.5 },   { "eve", 19, 6.125 }, { "peggy", 27, 4.0 },
    { "victor", 38, 5.5 },  { "walter", 44, 2.25 },
};
#define NPEOPLE (sizeof people / sizeof people[0])

static int by_name(const void *a, const void *b)
{
    return strcmp(((const struct person *)a)->name, ((const struct person *)b)->name);
}

static int by_age_then_name(const void *a, const void *b)
{
    const struct person *x = a, *y = b;
    if (x->age != y->age) return x->age < y->age ? -1 : 1;
    return strcmp(x->name, y->name);
}

static int by_score_desc(const void *a, const void *b)
{
    double d = ((const struct person *)b)->score - ((const struct person *)a)->score;
    return (d > 0) - (d < 0);
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

static void print_all(const char *title)
{
    printf("%s:", title);
    for (size_t i = 0; i < NPEOPLE; i++) printf(" %s(%d)", people[i].name, people[i].age);
    printf("\n");
}

static int apply(int (*f)(int, int), int seed, const int *v, int n)
{
    for (int i = 0; i < n; i++) seed = f(seed, v[i]);
    return seed;
}
static int add(int a, int b) { return a + b; }
static int mix(int a, int b) { return a * 31 + b; }
static int max(int a, int b) { return a > b ? a : b; }

int main(void)
{
    static const struct {
        const char *title;
        int (*cmp)(const void *, const void *);
    } orders[] = { { "by name", by_name }, { "by age", by_age_then_name }, { "by score", by_score_desc } };

    for (size_t i = 0; i < sizeof orders / sizeof orders[0]; i++) {
        qsort(people, NPEOPLE, sizeof people[0], orders[i].cmp);
        print_all(orders[i].title);
    }

    qsort(people, NPEOPLE, sizeof people[0], by_name);
    const char *wanted[] = { "eve", "zed", "alice", "trent" };
    for (int i = 0; i < 4; i++) {
        struct person key;
        snprintf(key.name, sizeof key.name, "%s", wanted[i]);
        struct person *p = bsearch(&key, people, NPEOPLE, sizeof people[0], by_name);
        if (p) printf("found %s: age %d score %.3f\n", p->name, p->age, p->score);
        else printf("%s not found\n", wanted[i]);
    }

    int numbers[200];
    unsigned x = 12345;
    for (int i = 0; i < 200; i++) {
        x = x * 1103515245u + 12345u;
        numbers[i] = (int)(x >> 16) % 1000 - 500;
    }
    qsort(numbers, 200, sizeof numbers[0], cmp_int);
    printf("min %d max %d median %d\n", numbers[0], numbers[199], numbers[100]);

    int (*const ops[])(int, int) = { add, mix, max };
    const char *names[] = { "sum", "mix", "max" };
    for (int i = 0; i < 3; i++) printf("%s = %d\n", names[i], apply(ops[i], 0, numbers, 200));
    return 0;
}
