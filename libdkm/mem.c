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

static uint32_t page_round(const struct dkm_loader *ld, uint32_t size, bool *overflow)
{
    uint32_t ps = (uint32_t)ld->port.page_size;
    uint32_t r = (size + ps - 1) & ~(ps - 1);
    *overflow = r < size;
    return r;
}

/* 32-bit modules are linked with 32-bit addresses: a region must end at or below 4 GiB. */
static bool below_4g(uintptr_t addr, uint32_t size)
{
    return DKM_ELF_CLASS == 64 || (uint64_t)addr + size <= (uint64_t)1 << 32;
}

int dkm_region_get(struct dkm_loader *ld, struct dkm_region *r, uint32_t size, unsigned prot)
{
    bool overflow;
    uint32_t bytes = page_round(ld, size, &overflow);
    if (overflow || !bytes)
        return DKM_E_TOO_BIG;
    void *p = ld->port.region_alloc(ld->port.ctx, bytes);
    if (!p)
        return DKM_E_NOMEM;
    if (!below_4g((uintptr_t)p, bytes)) {
        ld->port.region_free(ld->port.ctx, p, bytes);
        return DKM_E_ADDR_RANGE;
    }
    r->addr = (uintptr_t)p;
    r->size = bytes;
    r->prot = (uint8_t)prot;
    ld->stats.region_bytes += bytes;
    ld->stats.region_blocks++;
    return DKM_OK;
}

int dkm_region_claim(struct dkm_loader *ld, struct dkm_region *r, dkm_addr_t addr, uint32_t size,
                     unsigned prot)
{
    if (!ld->port.region_claim)
        return DKM_E_EXEC_RANGE;
    if (ld->port.region_claim(ld->port.ctx, addr, size) != 0)
        return DKM_E_EXEC_RANGE;
    r->addr = addr;
    r->size = size;
    r->prot = (uint8_t)prot;
    ld->stats.region_bytes += size;
    ld->stats.region_blocks++;
    return DKM_OK;
}

void dkm_region_put(struct dkm_loader *ld, struct dkm_region *r)
{
    if (!r->size)
        return;
    /* region_free takes memory back in whatever protection it has (see dkm.h). */
    ld->port.region_free(ld->port.ctx, (void *)r->addr, r->size);
    ld->stats.region_bytes -= r->size;
    ld->stats.region_blocks--;
    r->addr = 0;
    r->size = 0;
    r->used = 0;
}

void dkm_phase(const struct dkm_loader *ld, const char *phase)
{
    if (ld->phase_hook)
        ld->phase_hook(ld->phase_arg, phase);
}
