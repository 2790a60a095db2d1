/* structs.c — aggregates by value: large struct copies and returns (memcpy under the hood), arrays
 * of structs, unions, bit-fields, compound literals and designated initialisers. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

struct matrix {
    double m[4][4];
};

struct record {
    char tag[20];
    unsigned kind : 3;
    unsigned flags : 5;
    signed delta : 7;
    uint16_t id;
    union {
        int32_t i;
        float f;
        uint8_t bytes[4];
    } u;
    struct matrix mat;
};

static struct matrix identity(void)
{
    struct matrix r;
    memset(&r, 0, sizeof r);
    for (int i = 0; i < 4; i++) r.m[i][i] = 1.0;
    return r;
}

static struct matrix multiply(struct matrix a, struct matrix b)
{
    struct matrix r = { { { 0 } } };
    for (int i = 0; i < 4; i++)
        for (int j = 0; j < 4; j++)
            for (int k = 0; k < 4; k++) r.m[i][j] += a.m[i][k] * b.m[k][j];
    return r;
}

static struct record make(const char *tag, unsigned kind, int delta, uint16_t id)
{
    struct record r = { .kind = kind, .flags = (kind * 5) & 31, .delta = delta, .id = id };
    snprintf(r.tag, sizeof r.tag, "%s", tag);
    r.u.i = id * 1000 + delta;
    r.mat = identity();
    r.mat.m[0][3] = delta;
    return r;
}

static double trace(const struct matrix *m)
{
    return m->m[0][0] + m->m[1][1] + m->m[2][2] + m->m[3][3];
}

int main(void)
{
    struct record recs[5];
    for (int i = 0; i < 5; i++) recs[i] = make((const char *[]){ "a", "bb", "ccc", "dddd", "eeeee" }[i], (unsigned)i + 3, i * 13 - 30, (uint16_t)(i * 4099));
    struct record copy = recs[3];
    copy.tag[0] = 'X';
    for (int i = 0; i < 5; i++)
        printf("%-6s kind=%u flags=%u delta=%d id=%u u=%d bytes=%02x%02x\n", recs[i].tag, recs[i].kind,
               recs[i].flags, recs[i].delta, recs[i].id, recs[i].u.i, recs[i].u.bytes[0], recs[i].u.bytes[1]);
    printf("copy %s (orig %s), sizeof record %zu\n", copy.tag, recs[3].tag, sizeof(struct record));

    struct matrix rot = { { { 0, -1, 0, 0 }, { 1, 0, 0, 0 }, { 0, 0, 1, 0 }, { 0, 0, 0, 1 } } };
    struct matrix acc = identity();
    for (int i = 0; i < 3; i++) acc = multiply(acc, rot);
    printf("rot^3 row0 = %g %g %g %g, trace %g\n", acc.m[0][0], acc.m[0][1], acc.m[0][2], acc.m[0][3], trace(&acc));
    struct matrix scaled = multiply(recs[2].mat, (struct matrix){ { { 2, 0, 0, 0 }, { 0, 3, 0, 0 }, { 0, 0, 4, 0 }, { 0, 0, 0, 5 } } });
    printf("scaled trace %g corner %g\n", trace(&scaled), scaled.m[0][3]);

    union {
        float f;
        uint32_t bits;
    } pun = { .f = -1.5f };
    printf("float bits %08x\n", (unsigned)pun.bits);
    struct record swapped[2] = { recs[4], recs[0] };
    struct record tmp = swapped[0];
    swapped[0] = swapped[1];
    swapped[1] = tmp;
    printf("swapped %s %s equal=%d\n", swapped[0].tag, swapped[1].tag, memcmp(&swapped[0], &recs[0], sizeof tmp) == 0);
    return 0;
}
