/* json.c — strapper's JSON output (--json): strings escaped per RFC 8259, written in chunks. */
#include "strapper.h"

void json_strn(int fd, const char *s, size_t len)
{
    char buf[256];
    size_t used = 0;
    buf[used++] = '"';
    for (size_t i = 0; i < len && s[i]; i++) {
        unsigned char c = (unsigned char)s[i];
        if (used > sizeof buf - 8) {
            write_all(fd, buf, (uint32_t)used);
            used = 0;
        }
        if (c == '"' || c == '\\') {
            buf[used++] = '\\';
            buf[used++] = (char)c;
        } else if (c == '\n') {
            buf[used++] = '\\';
            buf[used++] = 'n';
        } else if (c < 0x20) {
            used += (size_t)snprintf(buf + used, sizeof buf - used, "\\u%04x", c);
        } else {
            buf[used++] = (char)c;
        }
    }
    buf[used++] = '"';
    write_all(fd, buf, (uint32_t)used);
}

void json_str(int fd, const char *s)
{
    json_strn(fd, s, (size_t)-1);
}
