/* kptr_redact.c — hiding kernel addresses in text (the kernel log) from readers who may not see
 * them. Pure string work, so that the host unit tests compile it unchanged. */
#include "ark/arklib.h"
#include "ark/kernel.h"
#include "kptr.h"
#include "mm.h"

unsigned kptr_redact(char *text, size_t len)
{
    unsigned hidden = 0;

    for (size_t i = 0; i + 10 <= len; i++) {
        if (text[i] != '0' || (text[i + 1] != 'x' && text[i + 1] != 'X'))
            continue;
        if (i > 0 && (ark_hex_value(text[i - 1]) >= 0 || text[i - 1] == 'x'))
            continue;                  /* inside a longer number */
        uint32_t v = 0;
        size_t d = 0;
        while (d < 8 && ark_hex_value(text[i + 2 + d]) >= 0)
            v = v << 4 | (uint32_t)ark_hex_value(text[i + 2 + d++]);
        if (d != 8 || (i + 10 < len && ark_hex_value(text[i + 10]) >= 0))
            continue;                  /* not exactly a 32-bit value */
        if (v >= KERNEL_BASE) {
            memset(text + i + 2, '0', 8);
            hidden++;
        }
        i += 9;
    }
    return hidden;
}
