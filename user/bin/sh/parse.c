/* parse.c — turns a command line into words and an optional output redirection. Words are
 * separated by spaces; "double" or 'single' quotes keep spaces inside a word; a backslash outside
 * single quotes takes the next character literally; > FILE and >> FILE redirect standard output;
 * a final & runs the command in the background. */
#include "sh.h"

/* Copies one word from *src to *dst with its quotes removed, stopping at an unquoted space or
 * '>', and terminates it. Returns false after printing an error for an unterminated quote. */
static bool take_word(const char **src, char **dst)
{
    const char *s = *src;
    char *d = *dst;
    char quote = 0;
    for (; *s; s++) {
        if (quote) {
            if (*s == quote) {
                quote = 0;
                continue;
            }
            if (quote == '"' && *s == '\\' && (s[1] == '"' || s[1] == '\\'))
                s++;
            *d++ = *s;
            continue;
        }
        if (*s == ' ' || *s == '>' || *s == '&')
            break;
        if (*s == '"' || *s == '\'') {
            quote = *s;
            continue;
        }
        if (*s == '\\' && s[1])
            s++;
        *d++ = *s;
    }
    if (quote) {
        eprintf("sh: unterminated %c quote\n", quote);
        return false;
    }
    *d++ = '\0';
    *src = s;
    *dst = d;
    return true;
}

static const char *skip_spaces(const char *s)
{
    while (*s == ' ')
        s++;
    return s;
}

int sh_parse(const char *line, struct sh_command *cmd)
{
    memset(cmd, 0, sizeof(*cmd));
    char *out = cmd->storage;        /* each word takes at most its source length + 1 */
    const char *s = skip_spaces(line);

    while (*s) {
        char *word = out;
        if (*s == '&') {
            s = skip_spaces(s + 1);
            if (*s || cmd->argc == 0) {
                eprintf("sh: syntax error: '&' must end a command\n");
                return -1;
            }
            cmd->background = true;
            break;
        }
        if (*s == '>') {
            if (cmd->redirect) {
                eprintf("sh: only one output redirection is supported\n");
                return -1;
            }
            cmd->append = s[1] == '>';
            s = skip_spaces(s + (cmd->append ? 2 : 1));
            if (!*s || *s == '>' || *s == '&') {
                eprintf("sh: syntax error: file name expected after '%s'\n",
                        cmd->append ? ">>" : ">");
                return -1;
            }
            if (!take_word(&s, &out))
                return -1;
            cmd->redirect = word;
        } else {
            if (cmd->argc == SH_ARGS_MAX) {
                eprintf("sh: too many arguments (max %d)\n", SH_ARGS_MAX);
                return -1;
            }
            if (!take_word(&s, &out))
                return -1;
            cmd->argv[cmd->argc++] = word;
        }
        s = skip_spaces(s);
    }
    cmd->argv[cmd->argc] = NULL;
    return 0;
}
