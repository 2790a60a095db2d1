/* strings.c — string processing with the C library: tokenising, searching, case mapping, number
 * parsing with errno, and in-place transformations. */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char text[] =
    "The quick brown fox jumps over the lazy dog. The dog sleeps; the fox runs away, "
    "quick as the wind. A lazy afternoon, a quick fox, and one very tired dog.";

static void reverse(char *s)
{
    size_t n = strlen(s);
    for (size_t i = 0; i < n / 2; i++) {
        char t = s[i];
        s[i] = s[n - 1 - i];
        s[n - 1 - i] = t;
    }
}

static int is_palindrome(const char *s)
{
    const char *e = s + strlen(s);
    while (s < e) {
        while (s < e && !isalnum((unsigned char)*s)) s++;
        while (s < e && !isalnum((unsigned char)e[-1])) e--;
        if (s < e && tolower((unsigned char)*s) != tolower((unsigned char)e[-1])) return 0;
        if (s < e) { s++; e--; }
    }
    return 1;
}

static void count_words(void)
{
    char buf[sizeof text];
    char words[64][16];
    int counts[64];
    int nwords = 0;

    memcpy(buf, text, sizeof text);
    for (char *tok = strtok(buf, " .,;"); tok; tok = strtok(NULL, " .,;")) {
        for (char *p = tok; *p; p++) *p = (char)tolower((unsigned char)*p);
        int i;
        for (i = 0; i < nwords; i++)
            if (strcmp(words[i], tok) == 0) break;
        if (i == nwords) {
            snprintf(words[nwords], sizeof words[0], "%s", tok);
            counts[nwords++] = 0;
        }
        counts[i]++;
    }
    for (int i = 0; i < nwords; i++)
        if (counts[i] > 1) printf("word %-6s x%d\n", words[i], counts[i]);
    printf("distinct words: %d\n", nwords);
}

static void parse_numbers(void)
{
    const char *inputs[] = { "42", "-17", "0x1f", "077", "99999999999999999999", "12abc", "  8" };
    for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
        char *end;
        errno = 0;
        long v = strtol(inputs[i], &end, 0);
        printf("strtol(\"%s\") = %ld rest=\"%s\" %s\n", inputs[i], v, end,
               errno == ERANGE ? "ERANGE" : "ok");
    }
    printf("atoi sum: %d\n", atoi("123") + atoi("-23"));
}

int main(void)
{
    char line[128];
    strcpy(line, "Hello, module world");
    reverse(line);
    printf("reversed: %s\n", line);
    strcat(line, "!!");
    printf("length %zu, first 'o' at %td\n", strlen(line), strchr(line, 'o') - line);

    const char *needle = strstr(text, "lazy");
    printf("'lazy' at %td, next at %td\n", needle - text, strstr(needle + 1, "lazy") - text);
    printf("span of letters: %zu, cspan to '.': %zu\n", strspn(text, "ThequickbrownT "),
           strcspn(text, "."));

    const char *pals[] = { "A man, a plan, a canal: Panama", "module", "Was it a car or a cat I saw?" };
    for (int i = 0; i < 3; i++) printf("palindrome(%s) = %d\n", pals[i], is_palindrome(pals[i]));

    count_words();
    parse_numbers();

    char upper[64];
    size_t i;
    for (i = 0; text[i] && i < sizeof upper - 1; i++) upper[i] = (char)toupper((unsigned char)text[i]);
    upper[i] = 0;
    printf("upper: %s\n", upper);
    printf("memcmp: %d, strncmp: %d\n", memcmp("abc", "abd", 3) < 0, strncmp("abcdef", "abcxyz", 3));
    return 0;
}
