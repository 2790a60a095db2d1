/* heap.c — dynamic memory: a growable array with realloc, a binary search tree built and freed node
 * by node, calloc'd matrices, and a string builder. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct tree {
    int key;
    int count;
    struct tree *left, *right;
};

static struct tree *insert(struct tree *t, int key)
{
    if (!t) {
        t = malloc(sizeof *t);
        if (!t) abort();
        *t = (struct tree){ key, 1, NULL, NULL };
        return t;
    }
    if (key < t->key) t->left = insert(t->left, key);
    else if (key > t->key) t->right = insert(t->right, key);
    else t->count++;
    return t;
}

static int height(const struct tree *t)
{
    if (!t) return 0;
    int l = height(t->left), r = height(t->right);
    return 1 + (l > r ? l : r);
}

static void walk(const struct tree *t, long *sum, int *nodes)
{
    if (!t) return;
    walk(t->left, sum, nodes);
    *sum += (long)t->key * t->count;
    (*nodes)++;
    walk(t->right, sum, nodes);
}

static int free_tree(struct tree *t)
{
    if (!t) return 0;
    int n = free_tree(t->left) + free_tree(t->right) + 1;
    free(t);
    return n;
}

struct sb {
    char *buf;
    size_t len, cap;
};

static void sb_append(struct sb *b, const char *s)
{
    size_t n = strlen(s);
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 8;
        while (cap < b->len + n + 1) cap *= 2;
        char *nb = realloc(b->buf, cap);
        if (!nb) abort();
        b->buf = nb;
        b->cap = cap;
    }
    memcpy(b->buf + b->len, s, n + 1);
    b->len += n;
}

int main(void)
{
    int *arr = NULL;
    size_t n = 0, cap = 0;
    unsigned x = 99;
    for (int i = 0; i < 5000; i++) {
        if (n == cap) {
            cap = cap ? cap * 2 : 4;
            arr = realloc(arr, cap * sizeof *arr);
        }
        x = x * 1664525u + 1013904223u;
        arr[n++] = (int)(x >> 20);
    }
    printf("array of %zu, capacity %zu, last %d\n", n, cap, arr[n - 1]);

    struct tree *root = NULL;
    for (size_t i = 0; i < n; i++) root = insert(root, arr[i] % 1000);
    long sum = 0;
    int nodes = 0;
    walk(root, &sum, &nodes);
    printf("tree: %d nodes, height %d, weighted sum %ld\n", nodes, height(root), sum);
    printf("freed %d nodes\n", free_tree(root));
    free(arr);

    int rows = 30, cols = 40;
    double **m = calloc((size_t)rows, sizeof *m);
    for (int r = 0; r < rows; r++) {
        m[r] = calloc((size_t)cols, sizeof **m);
        for (int c = 0; c < cols; c++) m[r][c] = (r + 1) * 0.5 + c * 0.25;
    }
    double total = 0;
    for (int r = 0; r < rows; r++) {
        for (int c = 0; c < cols; c++) total += m[r][c];
        free(m[r]);
    }
    free(m);
    printf("matrix total %.2f\n", total);

    struct sb b = { 0 };
    char piece[32];
    for (int i = 0; i < 40; i++) {
        snprintf(piece, sizeof piece, "%d%s", i * i, i % 7 ? "," : ";");
        sb_append(&b, piece);
    }
    printf("built %zu chars (cap %zu): %.40s...\n", b.len, b.cap, b.buf);
    char *dup = strdup(b.buf + b.len - 20);
    printf("tail %s\n", dup);
    free(dup);
    free(b.buf);
    return 3;
}
