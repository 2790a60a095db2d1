/* dma-demo.c — the DMA API as a platform driver uses it: masks (one too small for ark), a
 * coherent buffer at the physical address it reports and below a 24-bit mask, managed coherent
 * memory, streaming mappings in both directions with the device's side played through the bus
 * address, the errors, and (leave=1) an exit that forgets a buffer and a mapping. */
#include <linux/dma-mapping.h>
#include <linux/io.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/platform_device.h>
#include <linux/slab.h>
#include <linux/string.h>

static int leave;
module_param(leave, int, 0444);

static u64 demo_mask = DMA_BIT_MASK(32);
static void *kept_coherent, *kept_buf;
static dma_addr_t kept_handle, kept_map;

static int check_pattern(const u8 *p, size_t n, u8 seed)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (p[i] != (u8)(seed + i))
            return 0;
    return 1;
}

static void fill(u8 *p, size_t n, u8 seed)
{
    size_t i;
    for (i = 0; i < n; i++)
        p[i] = (u8)(seed + i);
}

static int demo_probe(struct platform_device *pdev)
{
    struct device *dev = &pdev->dev;
    dma_addr_t h, h24, hm, map;
    void *c, *c24, *cm;
    u8 *buf, *big;
    int small, ok;

    small = dma_set_mask_and_coherent(dev, DMA_BIT_MASK(20));
    ok = dma_set_mask_and_coherent(dev, DMA_BIT_MASK(32));
    dev_info(dev, "20-bit mask %d, 32-bit mask %d, mask now 0x%llx\n", small, ok, dma_get_mask(dev));

    c = dma_alloc_coherent(dev, 3 * PAGE_SIZE, &h, GFP_KERNEL);
    if (!c)
        return -ENOMEM;
    dev_info(dev, "coherent: page-aligned %d, handle is its physical address %d, zeroed %d\n",
             (h & (PAGE_SIZE - 1)) == 0, virt_to_phys(c) == h && virt_to_phys((u8 *)c + 2 * PAGE_SIZE) == h + 2 * PAGE_SIZE,
             ((u8 *)c)[0] == 0 && ((u8 *)c)[3 * PAGE_SIZE - 1] == 0);
    dma_free_coherent(dev, 3 * PAGE_SIZE, c, h);

    dma_set_coherent_mask(dev, DMA_BIT_MASK(24));
    c24 = dma_alloc_coherent(dev, 2 * PAGE_SIZE, &h24, GFP_KERNEL);
    dev_info(dev, "coherent under a 24-bit mask: %d, below 16 MiB %d\n", c24 != NULL,
             c24 && h24 + 2 * PAGE_SIZE <= (1u << 24));
    if (c24)
        dma_free_coherent(dev, 2 * PAGE_SIZE, c24, h24);
    dma_set_coherent_mask(dev, DMA_BIT_MASK(32));

    cm = dmam_alloc_coherent(dev, 5000, &hm, GFP_KERNEL);
    dev_info(dev, "managed coherent: %d\n", cm != NULL);

    buf = kmalloc(64, GFP_KERNEL);
    big = kmalloc(3 * PAGE_SIZE, GFP_KERNEL);
    if (!buf || !big)
        return -ENOMEM;
    fill(buf, 64, 7);
    map = dma_map_single(dev, buf, 64, DMA_TO_DEVICE);
    dev_info(dev, "to device: mapped %d, the device reads the data %d, a small buffer maps in place %d\n",
             !dma_mapping_error(dev, map), check_pattern(phys_to_virt(map), 64, 7), map == virt_to_phys(buf));
    dma_unmap_single(dev, map, 64, DMA_TO_DEVICE);

    memset(big, 0, 3 * PAGE_SIZE);
    map = dma_map_single(dev, big, 3 * PAGE_SIZE, DMA_FROM_DEVICE);
    fill(phys_to_virt(map), 3 * PAGE_SIZE, 3);            /* the device writes */
    dma_sync_single_for_cpu(dev, map, 3 * PAGE_SIZE, DMA_FROM_DEVICE);
    ok = check_pattern(big, 3 * PAGE_SIZE, 3);
    fill(phys_to_virt(map), 3 * PAGE_SIZE, 9);            /* and again, before the unmap */
    dma_unmap_single(dev, map, 3 * PAGE_SIZE, DMA_FROM_DEVICE);
    dev_info(dev, "from device: the CPU sees the writes after sync %d and after unmap %d\n", ok,
             check_pattern(big, 3 * PAGE_SIZE, 9));

    fill(big, 3 * PAGE_SIZE, 1);
    map = dma_map_single(dev, big, 3 * PAGE_SIZE, DMA_BIDIRECTIONAL);
    ok = check_pattern(phys_to_virt(map), 3 * PAGE_SIZE, 1);
    fill(phys_to_virt(map), 3 * PAGE_SIZE, 5);
    dma_unmap_single(dev, map, 3 * PAGE_SIZE, DMA_BIDIRECTIONAL);
    dev_info(dev, "bidirectional: the device reads %d, the CPU sees its writes %d\n", ok,
             check_pattern(big, 3 * PAGE_SIZE, 5));

    map = dma_map_single(dev, buf, 64, (enum dma_data_direction)7);
    dev_info(dev, "a bad direction: mapping error %d\n", dma_mapping_error(dev, map) == -ENOMEM);
    dma_unmap_single(dev, 0x1234, 64, DMA_TO_DEVICE);
    kfree(big);

    if (leave) {
        kept_coherent = dma_alloc_coherent(dev, PAGE_SIZE, &kept_handle, GFP_KERNEL);
        kept_buf = buf;
        kept_map = dma_map_single(dev, buf, 64, DMA_TO_DEVICE);
    } else {
        kfree(buf);
    }
    return 0;
}

static void demo_remove(struct platform_device *pdev)
{
    dev_info(&pdev->dev, "removed\n");
}

static struct platform_driver demo_driver = {
    .probe = demo_probe,
    .remove_new = demo_remove,
    .driver = { .name = "dma_demo" },
};

static struct platform_device *demo_pdev;

static int __init dma_demo_init(void)
{
    int rc;
    demo_pdev = platform_device_alloc("dma_demo", PLATFORM_DEVID_NONE);
    if (!demo_pdev)
        return -ENOMEM;
    demo_pdev->dev.dma_mask = &demo_mask;
    demo_pdev->dev.coherent_dma_mask = DMA_BIT_MASK(32);
    rc = platform_device_add(demo_pdev);
    if (rc) {
        platform_device_put(demo_pdev);
        return rc;
    }
    rc = platform_driver_register(&demo_driver);
    if (rc)
        platform_device_unregister(demo_pdev);
    return rc;
}

static void __exit dma_demo_exit(void)
{
    platform_driver_unregister(&demo_driver);
    platform_device_unregister(demo_pdev);
    if (!leave)
        return;
    kfree(kept_buf);                   /* the mapping and the coherent buffer are forgotten */
}

module_init(dma_demo_init);
module_exit(dma_demo_exit);
MODULE_LICENSE("GPL");
