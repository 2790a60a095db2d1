/* lineedit.c — the shell's line editor. The console hands over raw bytes with no echo, so the
 * shell echoes what is typed and implements Backspace/DEL, Ctrl-U (kill line), Ctrl-W (kill word)
 * and Ctrl-C (cancel). Enter may arrive as CR (a terminal), LF (a pipe) or CR LF. */
#include "sh.h"

#define KEY_CTRL_C 0x03
#define KEY_BS     0x08
#define KEY_CTRL_U 0x15
#define KEY_CTRL_W 0x17
#define KEY_ESC    0x1b
#define KEY_DEL    0x7f

static bool last_was_cr;       /* so that the LF of a CR LF pair does not end a second, empty line */

static void echo_str(const char *s)
{
    write_all(STDOUT_FILENO, s, (uint32_t)strlen(s));
}

static bool is_continuation(char c)
{
    return ((unsigned char)c & 0xc0) == 0x80;
}

/* Removes the last character (all bytes of a UTF-8 sequence) from the line and the screen. */
static void erase_char(char *line, size_t *len)
{
    if (*len == 0)
        return;
    while (*len > 0 && is_continuation(line[*len - 1]))
        (*len)--;
    if (*len > 0)
        (*len)--;
    echo_str("\b \b");
}

/* Reads one byte; false at end of input or on error. */
static bool next_byte(char *c)
{
    return read(STDIN_FILENO, c, 1) == 1;
}

/* An escape sequence (arrow keys and the like) is consumed whole and ignored: ESC, then either a
 * CSI "[" with parameter bytes up to a final byte 0x40..0x7e, or a single following byte. */
static bool skip_escape(void)
{
    char c;
    if (!next_byte(&c))
        return false;
    if (c != '[' && c != 'O')
        return true;
    do {
        if (!next_byte(&c))
            return false;
    } while (!((unsigned char)c >= 0x40 && (unsigned char)c <= 0x7e));
    return true;
}

/* After an over-long line has been reported, the rest of it is read and thrown away. */
static bool discard_rest_of_line(void)
{
    char c;
    for (;;) {
        if (!next_byte(&c))
            return false;
        if (c == '\n' || c == '\r') {
            last_was_cr = c == '\r';
            return true;
        }
    }
}

enum sh_read_result sh_read_line(char *line)
{
    size_t len = 0;
    char c;

    for (;;) {
        if (!next_byte(&c))
            return SH_LINE_EOF;
        if (c == '\n' && last_was_cr) {
            last_was_cr = false;
            continue;
        }
        last_was_cr = c == '\r';

        switch (c) {
        case '\r':
        case '\n':
            echo_str("\n");
            line[len] = '\0';
            return SH_LINE_OK;
        case KEY_BS:
        case KEY_DEL:
            erase_char(line, &len);
            continue;
        case KEY_CTRL_U:
            while (len > 0)
                erase_char(line, &len);
            continue;
        case KEY_CTRL_W:
            while (len > 0 && line[len - 1] == ' ')
                erase_char(line, &len);
            while (len > 0 && line[len - 1] != ' ')
                erase_char(line, &len);
            continue;
        case KEY_CTRL_C:
            echo_str("^C\n");
            return SH_LINE_CANCELLED;
        case KEY_ESC:
            if (!skip_escape())
                return SH_LINE_EOF;
            continue;
        case '\t':
            c = ' ';
            break;
        default:
            if ((unsigned char)c < 0x20)
                continue;      /* other control characters have no meaning here */
            break;
        }

        if (len == SH_LINE_MAX) {
            eprintf("\nsh: line too long (max %d characters)\n", SH_LINE_MAX);
            return discard_rest_of_line() ? SH_LINE_CANCELLED : SH_LINE_EOF;
        }
        line[len++] = c;
        write(STDOUT_FILENO, &c, 1);
    }
}
