/* chars.c — character classes shared by the kernel, the user runtime and their host unit tests:
 * the value of a hexadecimal digit, for every parser of hex text (kptr redaction, the hash
 * allow-list, number arguments). */
#include "ark/arklib.h"

int ark_hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}
