/* echo — prints its arguments separated by spaces and ends the line; -n leaves the newline off. */
#include "ulib.h"

int main(int argc, char **argv)
{
    bool newline = true;
    int first = 1;
    if (argc > 1 && strcmp(argv[1], "-n") == 0) {
        newline = false;
        first = 2;
    }
    char line[1024];
    size_t used = 0;
    /* Build the whole line first so it reaches the console (or a /proc file) in one write. */
    for (int i = first; i < argc; i++) {
        if (i > first)
            used += (size_t)snprintf(line + used, sizeof(line) - used, " ");
        if (used < sizeof(line))
            used += (size_t)snprintf(line + used, sizeof(line) - used, "%s", argv[i]);
        if (used >= sizeof(line))
            break;
    }
    if (used >= sizeof(line))
        used = sizeof(line) - 1;
    if (newline)
        line[used++] = '\n';
    long r = write_all(STDOUT_FILENO, line, (uint32_t)used);
    if (r < 0) {
        eprintf("echo: write error: %s\n", strerror((int)r));
        return 1;
    }
    return 0;
}
