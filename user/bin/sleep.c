/* sleep MS — waits for MS milliseconds. */
#include "ulib.h"

int main(int argc, char **argv)
{
    uint32_t ms;
    if (argc != 2 || !parse_u32(argv[1], &ms))
        return usage_error("sleep", "MILLISECONDS");
    int r = sleep_ms(ms);
    if (r < 0) {
        eprintf("sleep: %s\n", strerror(r));
        return 1;
    }
    return 0;
}
