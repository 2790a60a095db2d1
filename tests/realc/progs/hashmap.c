/* hashmap.c — an open-addressing hash map (FNV-1a, linear probing, tombstones, growth) used to count
 * words of a generated text, with deletion and iteration in a stable order. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct slot {
    char *key;          /* NULL: empty; TOMBSTONE: deleted */
    unsigned value;
    uint32_t hash;
};

struct map {
    struct slot *slots;
    size_t cap, used, tombs;
};

static char tombstone_marker;
#define TOMBSTONE (&tombstone_marker)

static uint32_t fnv1a(const char *s)
{
    uint32_t h = 2166136261u;
    while (*s) h = (h ^ (uint8_t)*s++) * 16777619u;
    return h;
}

static void map_grow(struct map *m);

static struct slot *map_find(struct map *m, const char *key, uint32_t h, int create)
{
    if (create && (m->used + m->tombs + 1) * 4 > m->cap * 3) map_grow(m);
    struct slot *grave = NULL;
    for (size_t i = h & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
        struct slot *s = &m->slots[i];
        if (s->key == NULL) {
            if (!create) return NULL;
            if (grave) { s = grave; m->tombs--; }
            s->key = strdup(key);
            s->hash = h;
            s->value = 0;
            m->used++;
            return s;
        }
        if (s->key == TOMBSTONE) { if (!grave) grave = s; continue; }
        if (s->hash == h && strcmp(s->key, key) == 0) return s;
    }
}

static void map_grow(struct map *m)
{
    struct map n = { calloc(m->cap ? m->cap * 2 : 16, sizeof(struct slot)), m->cap ? m->cap * 2 : 16, 0, 0 };
    for (size_t i = 0; i < m->cap; i++) {
        struct slot *s = &m->slots[i];
        if (s->key && s->key != TOMBSTONE) {
            size_t j = s->hash & (n.cap - 1);
            while (n.slots[j].key) j = (j + 1) & (n.cap - 1);
            n.slots[j] = *s;
            n.used++;
        }
    }
    free(m->slots);
    *m = n;
}

static int map_delete(struct map *m, const char *key)
{
    struct slot *s = map_find(m, key, fnv1a(key), 0);
    if (!s) return 0;
    free(s->key);
    s->key = TOMBSTONE;
    m->used--;
    m->tombs++;
    return 1;
}

static int by_count(const void *a, const void *b)
{
    const struct slot *x = *(const struct slot *const *)a, *y = *(const struct slot *const *)b;
    if (x->value != y->value) return x->value < y->value ? 1 : -1;
    return strcmp(x->key, y->key);
}

int main(void)
{
    static const char *const syll[] = { "ka", "lo", "mi", "ne", "su", "ta", "ri", "po" };
    struct map m = { 0 };
    map_grow(&m);
    uint32_t x = 2024;
    for (int i = 0; i < 6000; i++) {
        char word[16] = "";
        x = x * 1103515245u + 12345u;
        int len = 1 + (int)((x >> 16) % 3);
        for (int k = 0; k < len; k++) {
            x = x * 1103515245u + 12345u;
            strcat(word, syll[(x >> 16) & 7]);
        }
        map_find(&m, word, fnv1a(word), 1)->value++;
    }
    printf("distinct %zu capacity %zu\n", m.used, m.cap);
    int deleted = 0;
    for (int i = 0; i < 8; i++) deleted += map_delete(&m, syll[i]);
    deleted += map_delete(&m, "nothere");
    printf("deleted %d, now %zu used, %zu tombstones\n", deleted, m.used, m.tombs);
    map_find(&m, "ka", fnv1a("ka"), 1)->value = 99;

    struct slot **all = malloc(m.used * sizeof *all);
    size_t n = 0;
    for (size_t i = 0; i < m.cap; i++)
        if (m.slots[i].key && m.slots[i].key != TOMBSTONE) all[n++] = &m.slots[i];
    qsort(all, n, sizeof *all, by_count);
    for (size_t i = 0; i < 8; i++) printf("%-8s %u\n", all[i]->key, all[i]->value);
    unsigned long total = 0;
    for (size_t i = 0; i < n; i++) total += all[i]->value;
    printf("total %lu over %zu keys\n", total, n);
    for (size_t i = 0; i < m.cap; i++)
        if (m.slots[i].key && m.slots[i].key != TOMBSTONE) free(m.slots[i].key);
    free(all);
    free(m.slots);
    return 0;
}
