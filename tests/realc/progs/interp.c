/* interp.c — a small interpreter: a tokenizer, a recursive-descent parser that builds an AST, and an
 * evaluator with variables, while loops, if/else and print, running a few embedded programs. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum kind { N_NUM, N_VAR, N_BIN, N_ASSIGN, N_PRINT, N_WHILE, N_IF, N_SEQ };

struct ast {
    enum kind kind;
    int op;             /* N_BIN: operator character or 'e' (==), 'n' (!=), 'l' (<=), 'g' (>=) */
    long value;         /* N_NUM */
    int var;            /* N_VAR, N_ASSIGN: index 0..25 */
    struct ast *a, *b, *c;
};

static const char *src;
static long vars[26];
static int nodes_alive;

static struct ast *node(enum kind k)
{
    struct ast *n = calloc(1, sizeof *n);
    if (!n) abort();
    n->kind = k;
    nodes_alive++;
    return n;
}

static void release(struct ast *n)
{
    if (!n) return;
    release(n->a);
    release(n->b);
    release(n->c);
    free(n);
    nodes_alive--;
}

static void skip(void)
{
    while (isspace((unsigned char)*src)) src++;
}

static int accept(const char *tok)
{
    skip();
    size_t n = strlen(tok);
    if (strncmp(src, tok, n) != 0) return 0;
    if (isalpha((unsigned char)tok[0]) && isalnum((unsigned char)src[n])) return 0;
    src += n;
    return 1;
}

static void expect(const char *tok)
{
    if (!accept(tok)) {
        printf("parse error: expected '%s' at \"%.10s\"\n", tok, src);
        exit(2);
    }
}

static struct ast *expr(void);

static struct ast *primary(void)
{
    skip();
    if (accept("(")) {
        struct ast *e = expr();
        expect(")");
        return e;
    }
    if (accept("-")) {
        struct ast *n = node(N_BIN);
        n->op = '-';
        n->a = node(N_NUM);
        n->b = primary();
        return n;
    }
    if (isdigit((unsigned char)*src)) {
        struct ast *n = node(N_NUM);
        n->value = strtol(src, (char **)&src, 10);
        return n;
    }
    if (islower((unsigned char)*src)) {
        struct ast *n = node(N_VAR);
        n->var = *src++ - 'a';
        return n;
    }
    printf("parse error at \"%.10s\"\n", src);
    exit(2);
}

static struct ast *binary(struct ast *(*next)(void), const char *const *ops, const int *codes)
{
    struct ast *l = next();
    for (;;) {
        int i;
        for (i = 0; ops[i]; i++)
            if (accept(ops[i])) break;
        if (!ops[i]) return l;
        struct ast *n = node(N_BIN);
        n->op = codes[i];
        n->a = l;
        n->b = next();
        l = n;
    }
}

static struct ast *term(void)
{
    static const char *const ops[] = { "*", "/", "%", NULL };
    static const int codes[] = { '*', '/', '%' };
    return binary(primary, ops, codes);
}
static struct ast *sum(void)
{
    static const char *const ops[] = { "+", "-", NULL };
    static const int codes[] = { '+', '-' };
    return binary(term, ops, codes);
}
static struct ast *expr(void)
{
    static const char *const ops[] = { "==", "!=", "<=", ">=", "<", ">", NULL };
    static const int codes[] = { 'e', 'n', 'l', 'g', '<', '>' };
    return binary(sum, ops, codes);
}

static struct ast *statement(void);

static struct ast *block(void)
{
    expect("{");
    struct ast *seq = node(N_SEQ), *tail = seq;
    while (!accept("}")) {
        tail->a = statement();
        tail->b = node(N_SEQ);
        tail = tail->b;
    }
    return seq;
}

static struct ast *statement(void)
{
    struct ast *n;
    if (accept("print")) {
        n = node(N_PRINT);
        n->a = expr();
    } else if (accept("while")) {
        n = node(N_WHILE);
        n->a = expr();
        n->b = block();
        return n;
    } else if (accept("if")) {
        n = node(N_IF);
        n->a = expr();
        n->b = block();
        if (accept("else")) n->c = block();
        return n;
    } else {
        skip();
        n = node(N_ASSIGN);
        n->var = *src++ - 'a';
        expect("=");
        n->a = expr();
    }
    expect(";");
    return n;
}

static long eval(const struct ast *n)
{
    long a, b;
    switch (n->kind) {
    case N_NUM: return n->value;
    case N_VAR: return vars[n->var];
    case N_ASSIGN: return vars[n->var] = eval(n->a);
    case N_PRINT: printf("%ld\n", a = eval(n->a)); return a;
    case N_WHILE: while (eval(n->a)) eval(n->b); return 0;
    case N_IF: if (eval(n->a)) eval(n->b); else if (n->c) eval(n->c); return 0;
    case N_SEQ: for (; n && n->a; n = n->b) eval(n->a); return 0;
    case N_BIN:
        a = eval(n->a);
        b = eval(n->b);
        switch (n->op) {
        case '+': return a + b;
        case '-': return a - b;
        case '*': return a * b;
        case '/': return b ? a / b : 0;
        case '%': return b ? a % b : 0;
        case '<': return a < b;
        case '>': return a > b;
        case 'e': return a == b;
        case 'n': return a != b;
        case 'l': return a <= b;
        case 'g': return a >= b;
        }
    }
    return 0;
}

static void run(const char *program)
{
    memset(vars, 0, sizeof vars);
    src = program;
    struct ast *prog = node(N_SEQ), *tail = prog;
    skip();
    while (*src) {
        tail->a = statement();
        tail->b = node(N_SEQ);
        tail = tail->b;
        skip();
    }
    printf("-- %d nodes\n", nodes_alive);
    eval(prog);
    release(prog);
}

int main(void)
{
    run("n = 10; a = 0; b = 1; while n > 0 { print a; c = a + b; a = b; b = c; n = n - 1; }");
    run("p = 2; while p < 60 { d = 2; q = 1; while d * d <= p { if p % d == 0 { q = 0; } d = d + 1; } "
        "if q { print p; } p = p + 1; }");
    run("x = 27; s = 0; while x != 1 { if x % 2 == 0 { x = x / 2; } else { x = 3 * x + 1; } s = s + 1; } "
        "print s; print -(3 - 10) * 4 % 5;");
    printf("nodes leaked: %d\n", nodes_alive);
    return 0;
}
