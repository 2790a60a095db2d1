/* setjmp_err.c — non-local exits: a recursive validator that longjmps out on error, nested
 * setjmp contexts, and volatile locals preserved across longjmp. */
#include <setjmp.h>
#include <stdio.h>
#include <string.h>

static jmp_buf *current;
static int depth_reached;

static void fail(int code)
{
    longjmp(*current, code);
}

static int check_balanced(const char *s, int depth, const char **end)
{
    if (depth > depth_reached) depth_reached = depth;
    if (depth > 20) fail(3);
    int pairs = 0;
    while (*s) {
        if (*s == '(' || *s == '[') {
            char open = *s;
            pairs += check_balanced(s + 1, depth + 1, &s);
            if (*s != (open == '(' ? ')' : ']')) fail(1);
            s++;
            pairs++;
        } else if (*s == ')' || *s == ']') {
            break;
        } else if (*s == '!') {
            fail(2);
        } else {
            s++;
        }
    }
    *end = s;
    return pairs;
}

static int validate(const char *s)
{
    jmp_buf env, *saved = current;
    volatile int attempts = 0;
    current = &env;
    int code = setjmp(env);
    attempts++;
    if (code) {
        current = saved;
        printf("  \"%s\": error %d after %d attempt(s), depth %d\n", s, code, attempts, depth_reached);
        return -code;
    }
    const char *end;
    depth_reached = 0;
    int pairs = check_balanced(s, 0, &end);
    if (*end) fail(4);
    current = saved;
    printf("  \"%s\": %d pairs\n", s, pairs);
    return pairs;
}

int main(void)
{
    const char *inputs[] = { "(a[b]c)", "((x)", "[(!)]", "(((((((((((((((((((((((x)))))))))))))))))))))))",
                             "a)b", "[[]][()]()", "" };
    volatile int total = 0;
    jmp_buf outer;
    current = &outer;
    if (setjmp(outer) == 0) {
        for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++) total += validate(inputs[i]);
        printf("total %d\n", total);
        fail(9);
    } else {
        printf("outer context reached, total still %d\n", total);
    }
    return 0;
}
