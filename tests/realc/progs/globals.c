/* globals.c — static and global data pointing at each other: a linked list and a graph laid out
 * in initialised data, pointers into the middle of arrays, string tables, function pointers in
 * data and in read-only data (.data.rel.ro), and COMMON-style tentative definitions. */
#include <stdio.h>
#include <string.h>

struct node {
    const char *label;
    int value;
    struct node *next;
    struct node *peer;
};

extern struct node n_a, n_b, n_c, n_d;
struct node n_d = { "delta", 4, NULL, &n_a };
struct node n_c = { "gamma", 3, &n_d, &n_b };
struct node n_b = { "beta", 2, &n_c, &n_d };
struct node n_a = { "alpha", 1, &n_b, &n_c };
struct node *list_head = &n_a;

static int numbers[16] = { 3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3 };
static int *middle = &numbers[8];
static int *const ends[] = { &numbers[0], &numbers[15], numbers + 4 };
static const char *const words[] = { "zero", "one", "two", "three", "four" };
static const char *const *word_cursor = &words[2];
static const char greeting[] = "relocations everywhere";
static const char *tail = greeting + 12;

static int twice(int x) { return 2 * x; }
static int square(int x) { return x * x; }
static int (*transforms[])(int) = { twice, square, twice };
static int (*const rotransforms[])(int) = { square, square, twice };
struct op_table {
    const char *name;
    int (*fn)(int);
    const struct op_table *other;
};
extern const struct op_table table_b;
const struct op_table table_a = { "A", twice, &table_b };
const struct op_table table_b = { "B", square, &table_a };

int tentative_counter;          /* a common symbol under -fcommon, .bss otherwise */
int tentative_array[64];
static char scratch[256];
static long long aligned_value __attribute__((aligned(64))) = 0x1122334455667788LL;

static int sum_list(const struct node *n)
{
    int s = 0;
    for (; n; n = n->next) s += n->value * 10 + n->peer->value;
    return s;
}

int main(void)
{
    for (struct node *n = list_head; n; n = n->next)
        printf("%s(%d) -> peer %s\n", n->label, n->value, n->peer->label);
    printf("list sum %d\n", sum_list(list_head));
    printf("middle[0]=%d middle[-3]=%d ends %d %d %d\n", middle[0], middle[-3], *ends[0], *ends[1],
           *ends[2]);
    printf("word cursor %s then %s, tail \"%s\"\n", *word_cursor, word_cursor[1], tail);
    int v = 3;
    for (int i = 0; i < 3; i++) v = transforms[i](v) + rotransforms[i](i);
    printf("transform chain %d\n", v);
    const struct op_table *t = &table_a;
    for (int i = 0; i < 4; i++, t = t->other) printf("%s:%d ", t->name, t->fn(i + 2));
    printf("\n");
    for (int i = 0; i < 64; i++) tentative_array[i] = i * tentative_counter++;
    long s = 0;
    for (int i = 0; i < 64; i++) s += tentative_array[i];
    printf("tentative sum %ld counter %d\n", s, tentative_counter);
    memset(scratch, 'x', sizeof scratch - 1);
    printf("scratch len %zu, aligned %s, value %llx\n", strlen(scratch),
           ((unsigned long)&aligned_value & 63) == 0 ? "yes" : "no", aligned_value);
    n_b.next = &n_d;
    printf("after unlink: sum %d\n", sum_list(list_head));
    return 0;
}
