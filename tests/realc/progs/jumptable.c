/* jumptable.c — dense switch statements (compiled to jump tables in .rodata), tables of function
 * pointers, and a table-driven state machine that tokenises input. */
#include <stdio.h>

static const char *day_name(int d)
{
    switch (d) {
    case 0: return "sun";
    case 1: return "mon";
    case 2: return "tue";
    case 3: return "wed";
    case 4: return "thu";
    case 5: return "fri";
    case 6: return "sat";
    default: return "???";
    }
}

static int weird(int x)
{
    switch (x & 15) {
    case 0: return x * 3;
    case 1: return x + 17;
    case 2: return x ^ 0x55;
    case 3: return x - 100;
    case 4: return x * 4;
    case 5: return x >> 1;
    case 6: return ~x;
    case 7: return x * x;
    case 8: return x % 13;
    case 9: return x | 0x100;
    case 10: return x & 0xf0;
    case 11: return -x;
    case 12: return x + x / 3;
    case 13: return 1000 - x;
    case 14: return x * 7 + 1;
    default: return 0;
    }
}

enum cls { C_SPACE, C_DIGIT, C_ALPHA, C_OP, C_END, NCLS };
enum st { S_START, S_NUM, S_IDENT, NST };

static enum cls classify(char c)
{
    if (c == 0) return C_END;
    if (c == ' ') return C_SPACE;
    if (c >= '0' && c <= '9') return C_DIGIT;
    if ((c >= 'a' && c <= 'z') || c == '_') return C_ALPHA;
    return C_OP;
}

static int tokens[3];
static void emit_num(void) { tokens[0]++; }
static void emit_ident(void) { tokens[1]++; }
static void emit_op(void) { tokens[2]++; }
static void nothing(void) {}

struct transition {
    enum st next;
    void (*action)(void);
};

static const struct transition machine[NST][NCLS] = {
    [S_START] = { { S_START, nothing }, { S_NUM, nothing }, { S_IDENT, nothing }, { S_START, emit_op }, { S_START, nothing } },
    [S_NUM] = { { S_START, emit_num }, { S_NUM, nothing }, { S_IDENT, emit_num }, { S_START, 0 }, { S_START, emit_num } },
    [S_IDENT] = { { S_START, emit_ident }, { S_IDENT, nothing }, { S_IDENT, nothing }, { S_START, 0 }, { S_START, emit_ident } },
};

static void run_machine(const char *s)
{
    enum st st = S_START;
    for (;; s++) {
        enum cls c = classify(*s);
        const struct transition *t = &machine[st][c];
        if (t->action) t->action();
        else {
            /* a token ended by an operator: emit the token, then the operator */
            machine[st][C_SPACE].action();
            emit_op();
        }
        st = t->next;
        if (c == C_END) break;
    }
}

typedef int (*binop)(int, int);
static int op_add(int a, int b) { return a + b; }
static int op_sub(int a, int b) { return a - b; }
static int op_mul(int a, int b) { return a * b; }
static int op_div(int a, int b) { return b ? a / b : 0; }
static const binop ops[] = { op_add, op_sub, op_mul, op_div };
static const char opchars[] = "+-*/";

int main(void)
{
    for (int d = -1; d < 8; d++) printf("%s ", day_name(d));
    printf("\n");
    long acc = 0;
    for (int i = 0; i < 500; i++) acc += weird(i * 37 - 900);
    printf("weird sum %ld\n", acc);
    run_machine("x1 = foo+42*(bar_2 - 7) / baz9 ; 100 200 z");
    printf("numbers %d identifiers %d operators %d\n", tokens[0], tokens[1], tokens[2]);
    int v = 1;
    for (int i = 0; i < 16; i++) {
        int r = ops[i % 4](v, i + 1);
        printf("%d%c%d=%d ", v, opchars[i % 4], i + 1, r);
        v = r + 3;
    }
    printf("\n");
    return 0;
}
