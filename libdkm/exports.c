/* exports.c — the export table shared by the host and every loaded module: open addressing with
 * linear probing over slots that carry the name's hash and length, so a lookup touches one or two
 * cache lines and compares bytes only when both match. Removal shifts later entries back, leaving no
 * tombstones, so thousands of load/unload cycles never degrade probing. */
#include "internal.h"

#define EXPORTS_MIN_CAPACITY 64u

static int table_alloc(struct dkm_loader *ld, struct dkm_export_table *t, uint32_t capacity)
{
    t->slots = dkm_meta_zalloc(ld, (size_t)capacity * sizeof *t->slots);
    if (!t->slots)
        return DKM_E_NOMEM;
    t->mask = capacity - 1;
    t->count = 0;
    return DKM_OK;
}

int dkm_exports_init(struct dkm_loader *ld)
{
    return table_alloc(ld, &ld->exports, EXPORTS_MIN_CAPACITY);
}

void dkm_exports_fini(struct dkm_loader *ld)
{
    struct dkm_export_table *t = &ld->exports;
    dkm_meta_free(ld, t->slots, ((size_t)t->mask + 1) * sizeof *t->slots);
    t->slots = NULL;
    t->count = 0;
    ld->stats.exports = 0;
}

static void place(struct dkm_export_table *t, const struct dkm_export_slot *e)
{
    uint32_t i = e->hash & t->mask;
    while (t->slots[i].hash)
        i = (i + 1) & t->mask;
    t->slots[i] = *e;
    t->count++;
}

/* Keeps the load factor at or below 5/8: short probe sequences for hits and misses alike. */
static int grow_if_needed(struct dkm_loader *ld)
{
    struct dkm_export_table *t = &ld->exports;
    uint64_t cap = (uint64_t)t->mask + 1;
    if (((uint64_t)t->count + 1) * 8 <= cap * 5)
        return DKM_OK;
    if (cap >= (1u << 30) / sizeof(struct dkm_export_slot))
        return DKM_E_NOMEM;
    struct dkm_export_table n;
    int rc = table_alloc(ld, &n, (uint32_t)cap * 2);
    if (rc)
        return rc;
    for (uint64_t i = 0; i < cap; i++)
        if (t->slots[i].hash)
            place(&n, &t->slots[i]);
    dkm_meta_free(ld, t->slots, (size_t)cap * sizeof *t->slots);
    *t = n;
    return DKM_OK;
}

const struct dkm_export_slot *dkm_exports_find(const struct dkm_loader *ld, const struct dkm_name *key)
{
    return dkm_exports_probe(&ld->exports, key);
}

int dkm_exports_insert(struct dkm_loader *ld, const struct dkm_name *key, uintptr_t addr,
                       struct dkm_module *owner)
{
    if (dkm_exports_find(ld, key))
        return DKM_E_EXPORT_DUP;
    int rc = grow_if_needed(ld);
    if (rc)
        return rc;
    struct dkm_export_slot e = {key->hash, dkm_slot_len(key->len), 0, key->s, addr, owner};
    place(&ld->exports, &e);
    ld->stats.exports = ld->exports.count;
    return DKM_OK;
}

int dkm_exports_remove(struct dkm_loader *ld, const struct dkm_name *key, const struct dkm_module *owner)
{
    struct dkm_export_table *t = &ld->exports;
    uint32_t i = key->hash & t->mask;
    for (;; i = (i + 1) & t->mask) {
        struct dkm_export_slot *s = &t->slots[i];
        if (!s->hash)
            return DKM_E_NOENT;
        if (s->owner == owner && dkm_slot_is(s, key))
            break;
    }
    /* Backward-shift deletion: move up every later entry of the cluster whose home slot does not
     * lie cyclically between the hole and its current position. */
    uint32_t hole = i;
    for (uint32_t j = (hole + 1) & t->mask; t->slots[j].hash; j = (j + 1) & t->mask) {
        uint32_t home = t->slots[j].hash & t->mask;
        bool stays = hole <= j ? (hole < home && home <= j) : (hole < home || home <= j);
        if (!stays) {
            t->slots[hole] = t->slots[j];
            hole = j;
        }
    }
    t->slots[hole].hash = 0;
    t->slots[hole].name = NULL;
    t->count--;
    ld->stats.exports = t->count;
    return DKM_OK;
}

int dkm_exports_set_flags(struct dkm_loader *ld, const struct dkm_name *key,
                          const struct dkm_module *owner, uint32_t flags)
{
    struct dkm_export_table *t = &ld->exports;
    for (uint32_t i = key->hash & t->mask; t->slots[i].hash; i = (i + 1) & t->mask) {
        struct dkm_export_slot *s = &t->slots[i];
        if (s->owner == owner && dkm_slot_is(s, key)) {
            s->flags = (uint16_t)flags;
            return DKM_OK;
        }
    }
    return DKM_E_NOENT;
}

int dkm_export_add(struct dkm_loader *ld, const char *name, uintptr_t addr)
{
    return dkm_export_add_flags(ld, name, addr, 0);
}

int dkm_export_add_flags(struct dkm_loader *ld, const char *name, uintptr_t addr, unsigned flags)
{
    if (!ld || !name || !*name || (flags & ~DKM_EXPORT_GPL_ONLY))
        return DKM_E_INVAL;
    const struct dkm_name key = dkm_name_key(name);
    int rc = dkm_exports_insert(ld, &key, addr, NULL);
    if (!rc && flags)
        rc = dkm_exports_set_flags(ld, &key, NULL, flags);
    return rc;
}

int dkm_export_lookup(const struct dkm_loader *ld, const char *name, uintptr_t *addr,
                      struct dkm_module **owner)
{
    if (!ld || !name)
        return DKM_E_INVAL;
    const struct dkm_name key = dkm_name_key(name);
    const struct dkm_export_slot *s = dkm_exports_find(ld, &key);
    if (!s)
        return DKM_E_NOENT;
    if (addr)
        *addr = s->addr;
    if (owner)
        *owner = s->owner;
    return DKM_OK;
}
