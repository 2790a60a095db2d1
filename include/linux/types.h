/* linux/types.h — Linux's kernel integer and object types, sized for ark's i386 (ILP32) ABI. */
/* A hosted program that happens to have ark's include/ on its path gets the system's header. */
#if __STDC_HOSTED__ && !defined(__ARK_KERNEL__)
#include_next <linux/types.h>
#else
#ifndef _LINUX_TYPES_H
#define _LINUX_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <linux/compiler.h>

/* bool is a type on Linux, not <stdbool.h>'s macro: module_param(x, bool, ...) pastes its name. */
#undef bool
typedef _Bool bool;

typedef int8_t   s8;
typedef uint8_t  u8;
typedef int16_t  s16;
typedef uint16_t u16;
typedef int32_t  s32;
typedef uint32_t u32;
typedef int64_t  s64;
typedef uint64_t u64;
typedef s8  __s8;
typedef u8  __u8;
typedef s16 __s16;
typedef u16 __u16;
typedef s32 __s32;
typedef u32 __u32;
typedef s64 __s64;
typedef u64 __u64;
typedef u16 __le16;
typedef u32 __le32;
typedef u64 __le64;
typedef u16 __be16;
typedef u32 __be32;
typedef u64 __be64;

typedef __PTRDIFF_TYPE__ ssize_t;
typedef long long loff_t;
typedef long long off_t;
typedef unsigned short umode_t;
typedef u32 dev_t;
typedef int pid_t;
typedef unsigned int uid_t;
typedef unsigned int gid_t;
typedef unsigned int gfp_t;
typedef unsigned int fmode_t;
typedef u32 phys_addr_t;
typedef phys_addr_t resource_size_t;
typedef u32 dma_addr_t;
typedef u64 sector_t;
typedef long long time64_t;
typedef unsigned long ulong;
typedef unsigned int uint;
typedef unsigned short ushort;
typedef unsigned char unchar;
typedef u32 __poll_t;

typedef struct { int counter; } atomic_t;
/* 8-byte aligned, as cmpxchg8b needs for a single bus lock (i386 aligns s64 to 4 by default). */
typedef struct { s64 counter __attribute__((aligned(8))); } atomic64_t;
typedef atomic_t atomic_long_t;

struct list_head { struct list_head *next, *prev; };
struct hlist_head { struct hlist_node *first; };
struct hlist_node { struct hlist_node *next, **pprev; };

#endif
#endif
