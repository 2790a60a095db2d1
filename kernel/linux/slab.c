/* slab.c — kmalloc with Linux's flags over ark's kernel heap, and kmem_cache object caches. A cache
 * counts its live objects, so kmem_cache_destroy can report a leak, and belongs to the module that
 * created it, so one left at unload is destroyed (objects included) with a warning. */
#include "lx_internal.h"

/* ark's allocator (ark/kernel.h), which the Linux names above are mapped away from. */
void *(kmalloc)(size_t size);
void (kfree)(void *ptr);
size_t kheap_usable_size(const void *ptr) __attribute__((weak));

void *ark_linux_kmalloc(size_t size, gfp_t flags)
{
    void *p;

    if (size == 0)
        return ZERO_SIZE_PTR;          /* as on Linux: not NULL, but never to be dereferenced */
    p = (kmalloc)(size);
    if (p && (flags & __GFP_ZERO))
        memset(p, 0, size);
    return p;
}
KERNEL_EXPORT(ark_linux_kmalloc);

void ark_linux_kfree(const void *p)
{
    if (ZERO_OR_NULL_PTR(p))
        return;
    (kfree)((void *)p);
}
KERNEL_EXPORT(ark_linux_kfree);

size_t ksize(const void *p)
{
    if (ZERO_OR_NULL_PTR(p) || !kheap_usable_size)
        return 0;
    return kheap_usable_size(p);
}
KERNEL_EXPORT(ksize);

void *ark_linux_krealloc(const void *p, size_t new_size, gfp_t flags)
{
    size_t old;
    void *n;

    if (new_size == 0) {
        ark_linux_kfree(p);
        return ZERO_SIZE_PTR;
    }
    if (ZERO_OR_NULL_PTR(p))
        return ark_linux_kmalloc(new_size, flags);
    old = ksize(p);
    if (old >= new_size)
        return (void *)p;
    n = ark_linux_kmalloc(new_size, flags & ~__GFP_ZERO);
    if (!n)
        return NULL;
    memcpy(n, p, old);
    if (flags & __GFP_ZERO)
        memset((char *)n + old, 0, new_size - old);
    ark_linux_kfree(p);
    return n;
}
KERNEL_EXPORT(ark_linux_krealloc);

/* ---- caches ---- */

struct lx_obj {                        /* header before each object: which cache, and the list */
    struct lx_obj *next, *prev;
    struct kmem_cache *cache;
    uint32_t magic;
};
#define LX_OBJ_MAGIC 0x6b6d6361u

struct kmem_cache {
    char name[32];
    unsigned int size, align;
    void (*ctor)(void *);
    struct kmod *owner;
    unsigned int live;
    struct lx_obj objects;             /* ring of live objects */
    struct kmem_cache *next;
};

static struct kmem_cache *lx_caches;

struct kmem_cache *kmem_cache_create_usercopy(const char *name, unsigned int size,
                                              unsigned int align, slab_flags_t flags,
                                              unsigned int useroffset, unsigned int usersize,
                                              void (*ctor)(void *))
{
    struct kmem_cache *s;

    (void)useroffset;
    (void)usersize;
    if (!name || !size || size > (1u << 24) || (align & (align - 1)) || align > 4096) {
        printk(KERN_ERR "kmem_cache_create(%s): bad size %u or alignment %u\n",
               name ? name : "?", size, align);
        return NULL;
    }
    if (flags & SLAB_HWCACHE_ALIGN && align < 64)
        align = 64;
    s = kzalloc(sizeof(*s), GFP_KERNEL);
    if (!s)
        return NULL;
    strscpy(s->name, name, sizeof(s->name));
    s->size = size;
    s->align = align < 16 ? 16 : align;
    s->ctor = ctor;
    s->owner = LX_CALLER();
    s->objects.next = s->objects.prev = &s->objects;
    s->next = lx_caches;
    lx_caches = s;
    return s;
}
KERNEL_EXPORT(kmem_cache_create_usercopy);

struct kmem_cache *kmem_cache_create(const char *name, unsigned int size, unsigned int align,
                                     slab_flags_t flags, void (*ctor)(void *))
{
    struct kmem_cache *s = kmem_cache_create_usercopy(name, size, align, flags, 0, 0, ctor);

    if (s)
        s->owner = LX_CALLER();
    return s;
}
KERNEL_EXPORT(kmem_cache_create);

/* The header sits just before the object, which is aligned to the cache's alignment; the raw
 * allocation's address is kept in the word before the header. */
void *kmem_cache_alloc(struct kmem_cache *s, gfp_t flags)
{
    size_t total;
    char *raw;
    uintptr_t obj;
    struct lx_obj *h;

    if (!s)
        return NULL;
    total = sizeof(struct lx_obj) + sizeof(void *) + s->align + s->size;
    raw = ark_linux_kmalloc(total, 0);
    if (!raw)
        return NULL;
    obj = ((uintptr_t)raw + sizeof(struct lx_obj) + sizeof(void *) + s->align - 1) &
          ~(uintptr_t)(s->align - 1);
    h = (struct lx_obj *)obj - 1;
    ((void **)h)[-1] = raw;
    h->cache = s;
    h->magic = LX_OBJ_MAGIC;
    h->next = s->objects.next;
    h->prev = &s->objects;
    s->objects.next->prev = h;
    s->objects.next = h;
    s->live++;
    if (flags & __GFP_ZERO)
        memset((void *)obj, 0, s->size);
    else if (s->ctor)
        s->ctor((void *)obj);
    return (void *)obj;
}
KERNEL_EXPORT(kmem_cache_alloc);

static void lx_obj_free(struct kmem_cache *s, struct lx_obj *h)
{
    h->prev->next = h->next;
    h->next->prev = h->prev;
    h->magic = 0;
    s->live--;
    ark_linux_kfree(((void **)h)[-1]);
}

void kmem_cache_free(struct kmem_cache *s, void *obj)
{
    struct lx_obj *h;

    if (!obj)
        return;
    h = (struct lx_obj *)obj - 1;
    if (!s || h->magic != LX_OBJ_MAGIC || h->cache != s) {
        printk(KERN_ERR "kmem_cache_free(%s): %p is not an object of this cache; not freed\n",
               s ? s->name : "NULL", obj);
        return;
    }
    lx_obj_free(s, h);
}
KERNEL_EXPORT(kmem_cache_free);

unsigned int kmem_cache_size(struct kmem_cache *s)
{
    return s ? s->size : 0;
}
KERNEL_EXPORT(kmem_cache_size);

static void lx_cache_free(struct kmem_cache *s)
{
    struct kmem_cache **pp = &lx_caches;

    while (*pp && *pp != s)
        pp = &(*pp)->next;
    if (*pp)
        *pp = s->next;
    while (s->objects.next != &s->objects)
        lx_obj_free(s, s->objects.next);
    kfree(s);
}

void kmem_cache_destroy(struct kmem_cache *s)
{
    if (!s)
        return;
    if (s->live)
        printk(KERN_ERR "kmem_cache_destroy %s: Slab cache still has objects (%u); freed\n",
               s->name, s->live);
    lx_cache_free(s);
}
KERNEL_EXPORT(kmem_cache_destroy);

int lx_slab_release_owned(struct kmod *m)
{
    int removed = 0;
    struct kmem_cache *s = lx_caches;

    while (s) {
        struct kmem_cache *next = s->next;
        if (s->owner == m) {
            printk(KERN_WARNING "dkm: %s: exit left kmem_cache %s registered (%u objects); removed\n",
                   lx_owner_name(m), s->name, s->live);
            lx_cache_free(s);
            removed++;
        }
        s = next;
    }
    return removed;
}
