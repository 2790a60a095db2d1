/* mem.c — the only places libdkm takes memory from its port. Counting here keeps dkm_stats exact,
 * which is how tests prove that a failed load or an unload leaves nothing behind. */
#include "internal.h"

void *dkm_meta_alloc(struct dkm_loader *ld, size_t size)
{
    if (!size)
        size = 1;
    void *p = ld->port.meta_alloc(ld->port.ctx, size);
    if (!p)
        return NULL;
    ld->stats.meta_bytes += size;
    ld->stats.meta_blocks++;
    if (ld->stats.meta_bytes > ld->stats.peak_meta_bytes)
        ld->stats.peak_meta_bytes = ld->stats.meta_bytes;
    return p;
}

void *dkm_meta_zalloc(struct dkm_loader *ld, size_t size)
{
    void *p = dkm_meta_alloc(ld, size);
    if (p)
        dkm_memset(p, 0, size ? size : 1);
    return p;
}

void dkm_meta_free(struct dkm_loader *ld, void *ptr, size_t size)
{
    if (!ptr)
        return;
    if (!size)
        size = 1;
    ld->port.meta_free(ld->port.ctx, ptr, size);
    ld->stats.meta_bytes -= size;
    ld->stats.meta_blocks--;
}

uint64_t dkm_page_round(const struct dkm_loader *ld, uint64_t size)
{
    const uint64_t ps = ld->port.page_size;
    return (size + ps - 1) & ~(ps - 1);
}

/* 32-bit modules are linked with 32-bit addresses: a block must end at or below 4 GiB. */
static bool below_4g(uintptr_t addr, uint32_t size)
{
    return DKM_ELF_CLASS == 64 || (uint64_t)addr + size <= (uint64_t)1 << 32;
}

int dkm_block_get(struct dkm_loader *ld, struct dkm_block *b, uint32_t size)
{
    const uint64_t bytes = dkm_page_round(ld, size);
    if (bytes > UINT32_MAX || !bytes)
        return DKM_E_TOO_BIG;
    void *p = ld->port.region_alloc(ld->port.ctx, (size_t)bytes);
    if (!p)
        return DKM_E_NOMEM;
    if (!below_4g((uintptr_t)p, (uint32_t)bytes)) {
        ld->port.region_free(ld->port.ctx, p, (size_t)bytes);
        return DKM_E_ADDR_RANGE;
    }
    b->addr = (uintptr_t)p;
    b->size = (uint32_t)bytes;
    ld->stats.region_bytes += b->size;
    ld->stats.region_blocks++;
    return DKM_OK;
}

int dkm_block_claim(struct dkm_loader *ld, struct dkm_block *b, dkm_addr_t addr, uint32_t size)
{
    if (!ld->port.region_claim)
        return DKM_E_EXEC_RANGE;
    if (ld->port.region_claim(ld->port.ctx, addr, size) != 0)
        return DKM_E_EXEC_RANGE;
    b->addr = addr;
    b->size = size;
    ld->stats.region_bytes += size;
    ld->stats.region_blocks++;
    return DKM_OK;
}

void dkm_block_put(struct dkm_loader *ld, struct dkm_block *b)
{
    if (!b->size)
        return;
    /* region_free takes memory back in whatever protection it has (see dkm.h). */
    ld->port.region_free(ld->port.ctx, (void *)b->addr, b->size);
    ld->stats.region_bytes -= b->size;
    ld->stats.region_blocks--;
    b->addr = 0;
    b->size = 0;
}

void dkm_phase(const struct dkm_loader *ld, const char *phase)
{
    if (ld->phase_hook)
        ld->phase_hook(ld->phase_arg, phase);
}
