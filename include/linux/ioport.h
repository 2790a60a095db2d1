/* linux/ioport.h — resources a platform device describes: memory and I/O ranges and interrupt
 * lines, looked up by a driver with platform_get_resource and platform_get_irq. */
#ifndef _LINUX_IOPORT_H
#define _LINUX_IOPORT_H
#include <linux/types.h>

struct resource {
    resource_size_t start;
    resource_size_t end;               /* the last unit, not one past it */
    const char *name;
    unsigned long flags;
    unsigned long desc;
    struct resource *parent, *sibling, *child;
};

#define IORESOURCE_TYPE_BITS 0x00001f00
#define IORESOURCE_IO        0x00000100
#define IORESOURCE_MEM       0x00000200
#define IORESOURCE_REG       0x00000300
#define IORESOURCE_IRQ       0x00000400
#define IORESOURCE_DMA       0x00000800
#define IORESOURCE_BUS       0x00001000

#define DEFINE_RES_NAMED(_start, _size, _name, _flags)                                       \
    { .start = (_start), .end = (_start) + (_size) - 1, .name = (_name), .flags = (_flags) }
#define DEFINE_RES_MEM(_start, _size)       DEFINE_RES_NAMED(_start, _size, NULL, IORESOURCE_MEM)
#define DEFINE_RES_MEM_NAMED(_start, _size, _name) DEFINE_RES_NAMED(_start, _size, _name, IORESOURCE_MEM)
#define DEFINE_RES_IO(_start, _size)        DEFINE_RES_NAMED(_start, _size, NULL, IORESOURCE_IO)
#define DEFINE_RES_IRQ(_irq)                DEFINE_RES_NAMED(_irq, 1, NULL, IORESOURCE_IRQ)
#define DEFINE_RES_IRQ_NAMED(_irq, _name)   DEFINE_RES_NAMED(_irq, 1, _name, IORESOURCE_IRQ)

static inline resource_size_t resource_size(const struct resource *res)
{
    return res->end - res->start + 1;
}
static inline unsigned long resource_type(const struct resource *res)
{
    return res->flags & IORESOURCE_TYPE_BITS;
}
#endif
