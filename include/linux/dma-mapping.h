/* linux/dma-mapping.h — the DMA API: bus addresses a device can use. ark's bus addresses are
 * physical addresses (no IOMMU) and x86 keeps caches coherent with DMA, so syncs only order
 * memory. Coherent buffers are physically consecutive frames below the device's coherent mask.
 * dma_map_single gives the buffer's own address when it is physically contiguous and within the
 * device's mask; otherwise the data goes through a bounce buffer that is (copied in for
 * DMA_TO_DEVICE, back for DMA_FROM_DEVICE at unmap or sync_for_cpu), as Linux's swiotlb does.
 * Coherent buffers and mappings a module's exit leaves are freed at its unload, with a warning. */
#ifndef _LINUX_DMA_MAPPING_H
#define _LINUX_DMA_MAPPING_H
#include <linux/types.h>
#include <linux/device.h>
#include <linux/dma-direction.h>
#include <linux/gfp.h>
#include <linux/string.h>

#define DMA_BIT_MASK(n) (((n) == 64) ? ~0ULL : ((1ULL << (n)) - 1))
#define DMA_MAPPING_ERROR (~(dma_addr_t)0)

/* 0, or -EIO for a device without dma_mask or a mask below 24 bits (ISA's reach). */
int dma_set_mask(struct device *dev, u64 mask);
int dma_set_coherent_mask(struct device *dev, u64 mask);
int dma_set_mask_and_coherent(struct device *dev, u64 mask);
u64 dma_get_mask(struct device *dev);
/* Zeroed, physically consecutive memory the CPU and the device share: its CPU address, with the
 * device's in *dma_handle; NULL when no such run of frames is free. */
void *dma_alloc_coherent(struct device *dev, size_t size, dma_addr_t *dma_handle, gfp_t gfp);
void dma_free_coherent(struct device *dev, size_t size, void *cpu_addr, dma_addr_t dma_handle);
/* dma_alloc_coherent, freed when the device's managed resources are (devres). */
void *dmam_alloc_coherent(struct device *dev, size_t size, dma_addr_t *dma_handle, gfp_t gfp);
void dmam_free_coherent(struct device *dev, size_t size, void *cpu_addr, dma_addr_t dma_handle);
static inline void *dma_zalloc_coherent(struct device *dev, size_t size, dma_addr_t *h, gfp_t gfp)
{
    return dma_alloc_coherent(dev, size, h, gfp);
}

/* Hands a kernel buffer to the device: its bus address, or DMA_MAPPING_ERROR. */
dma_addr_t dma_map_single(struct device *dev, void *ptr, size_t size, enum dma_data_direction dir);
void dma_unmap_single(struct device *dev, dma_addr_t addr, size_t size, enum dma_data_direction dir);
#define dma_map_single_attrs(dev, ptr, size, dir, attrs) dma_map_single(dev, ptr, size, dir)
#define dma_unmap_single_attrs(dev, addr, size, dir, attrs) dma_unmap_single(dev, addr, size, dir)
void dma_sync_single_for_cpu(struct device *dev, dma_addr_t addr, size_t size, enum dma_data_direction dir);
void dma_sync_single_for_device(struct device *dev, dma_addr_t addr, size_t size, enum dma_data_direction dir);
static inline int dma_mapping_error(struct device *dev, dma_addr_t addr)
{
    (void)dev;
    return addr == DMA_MAPPING_ERROR ? -ENOMEM : 0;
}
#endif
