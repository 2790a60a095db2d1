/* tests/dkm-host/progs/wordfreq.c — an ordinary C program run as a module with
 * dkm-host --libc --entry main: stdio, strings, malloc, qsort with a callback into the module. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct word {
    char text[16];
    int count;
};

static const char *const text =
    "the quick brown fox jumps over the lazy dog the fox barks and the dog sleeps";

static int by_count(const void *a, const void *b)
{
    const struct word *x = a, *y = b;
    if (x->count != y->count)
        return y->count - x->count;
    return strcmp(x->text, y->text);
}

int main(int argc, char **argv)
{
    struct word *words = calloc(64, sizeof(*words));
    int n = 0;
    char *copy = strdup(text);
    for (char *tok = strtok(copy, " "); tok != NULL; tok = strtok(NULL, " ")) {
        int i = 0;
        while (i < n && strcmp(words[i].text, tok) != 0)
            i++;
        if (i == n)
            snprintf(words[n++].text, sizeof(words[0].text), "%s", tok);
        words[i].count++;
    }
    qsort(words, (size_t)n, sizeof(*words), by_count);
    for (int i = 0; i < 3; i++)
        printf("%s %d\n", words[i].text, words[i].count);
    printf("argc=%d argv0=%s upper=%c\n", argc, strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1 : argv[0],
           toupper('x'));
    free(copy);
    free(words);
    return n == 11 ? 0 : 1;
}
