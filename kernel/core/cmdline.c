/* cmdline.c — the kernel command line: "key=value" words separated by spaces, a value may be
 * double-quoted to contain spaces; a bare word is a key with an empty value. The boot loader's
 * leading kernel path is dropped so that kernel_cmdline() holds only options. */
#include "boot.h"
#include "kapi.h"
#include "ark/kernel.h"

static char cmdline[BOOT_CMDLINE_MAX];

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n';
}

const char *cmdline_skip_image_path(const char *raw)
{
    const char *p = raw;
    while (is_space(*p))
        p++;
    const char *word = p;
    bool has_slash = false, has_equals = false;
    while (*p && !is_space(*p)) {
        has_slash |= *p == '/';
        has_equals |= *p == '=';
        p++;
    }
    if (has_slash && !has_equals) {     /* a path, not an option */
        while (is_space(*p))
            p++;
        return p;
    }
    return word;
}

bool cmdline_find(const char *line, const char *key, char *buf, size_t len)
{
    size_t key_len = strlen(key);
    const char *p = line;
    while (*p) {
        while (is_space(*p))
            p++;
        if (!*p)
            break;
        const char *word = p;
        while (*p && *p != '=' && !is_space(*p))
            p++;
        bool match = (size_t)(p - word) == key_len && strncmp(word, key, key_len) == 0;
        const char *value = p, *value_end = p;
        if (*p == '=') {
            value = ++p;
            if (*p == '"') {
                value = ++p;
                while (*p && *p != '"')
                    p++;
                value_end = p;
                if (*p == '"')
                    p++;
            } else {
                while (*p && !is_space(*p))
                    p++;
                value_end = p;
            }
        }
        if (match) {
            if (buf && len) {
                size_t n = (size_t)(value_end - value);
                if (n > len - 1)
                    n = len - 1;
                memcpy(buf, value, n);
                buf[n] = '\0';
            }
            return true;                /* the first occurrence wins */
        }
        while (*p && !is_space(*p))
            p++;
    }
    return false;
}

void cmdline_init(const char *raw)
{
    strlcpy(cmdline, cmdline_skip_image_path(raw), sizeof(cmdline));
}

const char *kernel_cmdline(void)
{
    return cmdline;
}

bool cmdline_get(const char *key, char *buf, size_t len)
{
    return cmdline_find(cmdline, key, buf, len);
}
