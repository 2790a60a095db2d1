/* linux/slab.h — kmalloc and friends over ark's kernel heap, and kmem_cache object caches. Memory
 * comes back 16-byte aligned; a cache's align argument may ask for more (up to a page). */
#ifndef _LINUX_SLAB_H
#define _LINUX_SLAB_H
#include <linux/types.h>
#include <linux/gfp.h>
#include <linux/overflow.h>

/* ark's own kmalloc takes no flags, so the Linux names are mapped onto ark_linux_* functions. */
void *ark_linux_kmalloc(size_t size, gfp_t flags) __attribute__((__malloc__));
void *ark_linux_krealloc(const void *p, size_t new_size, gfp_t flags);
void  ark_linux_kfree(const void *p);
size_t ksize(const void *p);
#define kmalloc(size, flags)       ark_linux_kmalloc(size, flags)
#define kzalloc(size, flags)       ark_linux_kmalloc(size, (flags) | __GFP_ZERO)
#define kfree(p)                   ark_linux_kfree(p)
#define krealloc(p, size, flags)   ark_linux_krealloc(p, size, flags)
#define kvmalloc(size, flags)      ark_linux_kmalloc(size, flags)
#define kvzalloc(size, flags)      ark_linux_kmalloc(size, (flags) | __GFP_ZERO)
#define kvfree(p)                  ark_linux_kfree(p)
#define kfree_sensitive(p)         ark_linux_kfree(p)
#define vmalloc(size)              ark_linux_kmalloc(size, GFP_KERNEL)
#define vzalloc(size)              ark_linux_kmalloc(size, GFP_KERNEL | __GFP_ZERO)
#define vfree(p)                   ark_linux_kfree(p)

static inline void *kmalloc_array(size_t n, size_t size, gfp_t flags)
{
    size_t bytes;
    if (check_mul_overflow(n, size, &bytes))
        return NULL;
    return ark_linux_kmalloc(bytes, flags);
}
static inline void *kcalloc(size_t n, size_t size, gfp_t flags)
{
    return kmalloc_array(n, size, flags | __GFP_ZERO);
}
static inline void *krealloc_array(void *p, size_t n, size_t size, gfp_t flags)
{
    size_t bytes;
    if (check_mul_overflow(n, size, &bytes))
        return NULL;
    return ark_linux_krealloc(p, bytes, flags);
}
#define kvcalloc(n, size, flags)       kcalloc(n, size, flags)
#define kvmalloc_array(n, size, flags) kmalloc_array(n, size, flags)
#define ZERO_SIZE_PTR ((void *)16)
#define ZERO_OR_NULL_PTR(x) ((unsigned long)(x) <= (unsigned long)ZERO_SIZE_PTR)

/* ---- object caches ---- */
struct kmem_cache;   /* opaque */
typedef unsigned int slab_flags_t;
#define SLAB_HWCACHE_ALIGN 0x2000u
#define SLAB_PANIC         0x40000u
#define SLAB_ACCOUNT       0x4000000u
#define SLAB_RECLAIM_ACCOUNT 0x20000u
#define SLAB_POISON        0x800u
#define SLAB_RED_ZONE      0x400u
#define SLAB_TYPESAFE_BY_RCU 0x80000u

/* The cache belongs to the module that creates it; what is left at its unload is destroyed with
 * a warning. kmem_cache_destroy reports objects still allocated. */
struct kmem_cache *kmem_cache_create(const char *name, unsigned int size, unsigned int align,
                                     slab_flags_t flags, void (*ctor)(void *));
struct kmem_cache *kmem_cache_create_usercopy(const char *name, unsigned int size,
                                              unsigned int align, slab_flags_t flags,
                                              unsigned int useroffset, unsigned int usersize,
                                              void (*ctor)(void *));
void  kmem_cache_destroy(struct kmem_cache *s);
void *kmem_cache_alloc(struct kmem_cache *s, gfp_t flags) __attribute__((__malloc__));
void  kmem_cache_free(struct kmem_cache *s, void *obj);
unsigned int kmem_cache_size(struct kmem_cache *s);
static inline void *kmem_cache_zalloc(struct kmem_cache *s, gfp_t flags)
{
    return kmem_cache_alloc(s, flags | __GFP_ZERO);
}
#define KMEM_CACHE(__struct, __flags) \
    kmem_cache_create(#__struct, sizeof(struct __struct), __alignof__(struct __struct), (__flags), NULL)
#endif
