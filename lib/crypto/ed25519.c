/* ed25519.c — Ed25519 signature verification (RFC 8032 section 5.1.7), pure variant. Field
 * elements are eight 32-bit limbs with 32x32->64-bit products (one instruction on i386), kept
 * below 2^256 and fully reduced only to compare or encode; points use extended twisted Edwards
 * coordinates (RFC 8032 section 5.1.4). Verification only sees public data, so it may branch. */
#include "crypto.h"

typedef struct { uint32_t v[8]; } fe;              /* an integer below 2^256, taken mod p */
typedef struct { fe X, Y, Z, T; } point;           /* x = X/Z, y = Y/Z, x*y = T/Z */

/* p = 2^255 - 19; 2^256 = 38 (mod p) folds every carry out of the top limb back in. */
static const fe fe_p = {{ 0xffffffed, 0xffffffff, 0xffffffff, 0xffffffff,
                          0xffffffff, 0xffffffff, 0xffffffff, 0x7fffffff }};
/* d = -121665/121666 mod p, 2d, and sqrt(-1) = 2^((p-1)/4) mod p. */
static const fe fe_d = {{ 0x135978a3, 0x75eb4dca, 0x4141d8ab, 0x00700a4d,
                          0x7779e898, 0x8cc74079, 0x2b6ffe73, 0x52036cee }};
static const fe fe_2d = {{ 0x26b2f159, 0xebd69b94, 0x8283b156, 0x00e0149a,
                           0xeef3d130, 0x198e80f2, 0x56dffce7, 0x2406d9dc }};
static const fe fe_sqrtm1 = {{ 0x4a0ea0b0, 0xc4ee1b27, 0xad2fe478, 0x2f431806,
                               0x3dfbd7a7, 0x2b4d0099, 0x4fc1df0b, 0x2b832480 }};
/* The base point B: y = 4/5, x even. */
static const point base_point = {
    {{ 0x8f25d51a, 0xc9562d60, 0x9525a7b2, 0x692cc760, 0xfdd6dc5c, 0xc0a4e231, 0xcd6e53fe, 0x216936d3 }},
    {{ 0x66666658, 0x66666666, 0x66666666, 0x66666666, 0x66666666, 0x66666666, 0x66666666, 0x66666666 }},
    {{ 1, 0, 0, 0, 0, 0, 0, 0 }},
    {{ 0 }},   /* T = x*y, filled in by ed25519_verify */
};
/* The group order L = 2^252 + 27742317777372353535851937790883648493. */
static const uint32_t order_l[8] = { 0x5cf5d3ed, 0x5812631a, 0xa2f79cd6, 0x14def9de,
                                     0x00000000, 0x00000000, 0x00000000, 0x10000000 };

/* ---- field arithmetic mod p ---- */

/* Adds carry * 2^256 = carry * 38 back into r; a second round is needed at most once. */
static void fe_fold(fe *r, uint64_t carry)
{
    while (carry) {
        uint64_t t = (uint64_t)r->v[0] + carry * 38;
        r->v[0] = (uint32_t)t;
        t >>= 32;
        for (int i = 1; i < 8; i++) {
            t += r->v[i];
            r->v[i] = (uint32_t)t;
            t >>= 32;
        }
        carry = t;
    }
}

static void fe_add(fe *r, const fe *a, const fe *b)
{
    uint64_t t = 0;
    for (int i = 0; i < 8; i++) {
        t += (uint64_t)a->v[i] + b->v[i];
        r->v[i] = (uint32_t)t;
        t >>= 32;
    }
    fe_fold(r, t);
}

/* a - b; each borrow out of the top limb means 2^256 = 38 too much was added: take 38 off. */
static void fe_sub(fe *r, const fe *a, const fe *b)
{
    uint32_t borrow = 0;
    for (int i = 0; i < 8; i++) {
        uint64_t t = (uint64_t)a->v[i] - b->v[i] - borrow;
        r->v[i] = (uint32_t)t;
        borrow = (uint32_t)(t >> 63);
    }
    while (borrow) {
        uint64_t t = (uint64_t)r->v[0] - 38;
        r->v[0] = (uint32_t)t;
        borrow = (uint32_t)(t >> 63);
        for (int i = 1; i < 8 && borrow; i++) {
            t = (uint64_t)r->v[i] - 1;
            r->v[i] = (uint32_t)t;
            borrow = (uint32_t)(t >> 63);
        }
    }
}

/* Schoolbook product into 16 limbs (each step's sum stays below 2^64), then the high half
 * folded in times 38. */
static void fe_mul(fe *r, const fe *a, const fe *b)
{
    uint32_t w[16] = { 0 };
    for (int i = 0; i < 8; i++) {
        uint64_t c = 0;
        for (int j = 0; j < 8; j++) {
            c += (uint64_t)a->v[i] * b->v[j] + w[i + j];
            w[i + j] = (uint32_t)c;
            c >>= 32;
        }
        w[i + 8] = (uint32_t)c;
    }
    uint64_t c = 0;
    for (int i = 0; i < 8; i++) {
        c += (uint64_t)w[i] + (uint64_t)w[i + 8] * 38;
        r->v[i] = (uint32_t)c;
        c >>= 32;
    }
    fe_fold(r, c);
}

/* Squaring: each cross product a[i]a[j] (i < j) is computed once and the sum doubled, then the
 * squares a[i]^2 are added on the diagonal: 36 multiplications instead of 64. */
static void fe_sq(fe *r, const fe *a)
{
    uint32_t w[16] = { 0 };
    for (int i = 0; i < 7; i++) {
        uint64_t c = 0;
        for (int j = i + 1; j < 8; j++) {
            c += (uint64_t)a->v[i] * a->v[j] + w[i + j];
            w[i + j] = (uint32_t)c;
            c >>= 32;
        }
        w[i + 8] = (uint32_t)c;
    }
    /* the cross sum is below 2^511: doubling it fits in 16 limbs */
    for (int i = 15; i > 0; i--)
        w[i] = w[i] << 1 | w[i - 1] >> 31;
    w[0] <<= 1;
    uint64_t c = 0;
    for (int i = 0; i < 8; i++) {
        uint64_t sq = (uint64_t)a->v[i] * a->v[i];
        c += (uint64_t)w[2 * i] + (uint32_t)sq;
        w[2 * i] = (uint32_t)c;
        c >>= 32;
        c += (uint64_t)w[2 * i + 1] + (uint32_t)(sq >> 32);
        w[2 * i + 1] = (uint32_t)c;
        c >>= 32;
    }
    c = 0;
    for (int i = 0; i < 8; i++) {
        c += (uint64_t)w[i] + (uint64_t)w[i + 8] * 38;
        r->v[i] = (uint32_t)c;
        c >>= 32;
    }
    fe_fold(r, c);
}

/* a^(2^n) */
static void fe_sq_n(fe *r, const fe *a, int n)
{
    fe_sq(r, a);
    while (--n > 0)
        fe_sq(r, r);
}

/* The unique representative below p: a value below 2^256 is less than 3p. */
static void fe_reduce(fe *r, const fe *a)
{
    *r = *a;
    for (int round = 0; round < 2; round++) {
        fe t;
        uint32_t borrow = 0;
        for (int i = 0; i < 8; i++) {
            uint64_t d = (uint64_t)r->v[i] - fe_p.v[i] - borrow;
            t.v[i] = (uint32_t)d;
            borrow = (uint32_t)(d >> 63);
        }
        if (!borrow)
            *r = t;
    }
}

static int fe_equal(const fe *a, const fe *b)
{
    fe x, y;
    fe_reduce(&x, a);
    fe_reduce(&y, b);
    for (int i = 0; i < 8; i++)
        if (x.v[i] != y.v[i])
            return 0;
    return 1;
}

static int fe_is_zero(const fe *a)
{
    static const fe zero;
    return fe_equal(a, &zero);
}

static int fe_is_odd(const fe *a)
{
    fe x;
    fe_reduce(&x, a);
    return x.v[0] & 1;
}

/* z^(2^250 - 1) and z^11, from which both exponents the verifier needs follow: runs of ones
 * (2^k - 1) are doubled in length by squaring k times and multiplying by the run itself. */
static void fe_pow_2_250_1(fe *r, fe *z11, const fe *z)
{
    fe z2, z9, t, r5, r10, r20, r50, r100;
    fe_sq(&z2, z);                      /* z^2 */
    fe_sq_n(&t, &z2, 2);                /* z^8 */
    fe_mul(&z9, &t, z);                 /* z^9 */
    fe_mul(z11, &z9, &z2);              /* z^11 */
    fe_sq(&t, z11);                     /* z^22 */
    fe_mul(&r5, &t, &z9);               /* z^(2^5 - 1) */
    fe_sq_n(&t, &r5, 5);
    fe_mul(&r10, &t, &r5);              /* z^(2^10 - 1) */
    fe_sq_n(&t, &r10, 10);
    fe_mul(&r20, &t, &r10);             /* z^(2^20 - 1) */
    fe_sq_n(&t, &r20, 20);
    fe_mul(&t, &t, &r20);               /* z^(2^40 - 1) */
    fe_sq_n(&t, &t, 10);
    fe_mul(&r50, &t, &r10);             /* z^(2^50 - 1) */
    fe_sq_n(&t, &r50, 50);
    fe_mul(&r100, &t, &r50);            /* z^(2^100 - 1) */
    fe_sq_n(&t, &r100, 100);
    fe_mul(&t, &t, &r100);              /* z^(2^200 - 1) */
    fe_sq_n(&t, &t, 50);
    fe_mul(r, &t, &r50);                /* z^(2^250 - 1) */
}

/* z^(p - 2) = z^(2^255 - 21) = (z^(2^250 - 1))^(2^5) * z^11 */
static void fe_invert(fe *r, const fe *z)
{
    fe t, z11;
    fe_pow_2_250_1(&t, &z11, z);
    fe_sq_n(&t, &t, 5);
    fe_mul(r, &t, &z11);
}

/* z^((p - 5) / 8) = z^(2^252 - 3) = (z^(2^250 - 1))^4 * z */
static void fe_pow_p58(fe *r, const fe *z)
{
    fe t, z11;
    fe_pow_2_250_1(&t, &z11, z);
    fe_sq_n(&t, &t, 2);
    fe_mul(r, &t, z);
}

static void fe_from_bytes(fe *r, const uint8_t b[32])
{
    for (int i = 0; i < 8; i++)
        r->v[i] = (uint32_t)b[4 * i] | (uint32_t)b[4 * i + 1] << 8 |
                  (uint32_t)b[4 * i + 2] << 16 | (uint32_t)b[4 * i + 3] << 24;
}

static void fe_to_bytes(uint8_t b[32], const fe *a)
{
    fe x;
    fe_reduce(&x, a);
    for (int i = 0; i < 8; i++)
        for (int j = 0; j < 4; j++)
            b[4 * i + j] = (uint8_t)(x.v[i] >> (8 * j));
}

/* ---- points ---- */

static void point_identity(point *r)
{
    static const point id = { {{ 0 }}, {{ 1 }}, {{ 1 }}, {{ 0 }} };
    *r = id;
}

/* RFC 8032 section 5.1.4, a = -1; complete, so it also adds a point to itself or the identity. */
static void point_add(point *r, const point *p, const point *q)
{
    fe a, b, c, d, e, f, g, h, t;
    fe_sub(&a, &p->Y, &p->X);
    fe_sub(&t, &q->Y, &q->X);
    fe_mul(&a, &a, &t);
    fe_add(&b, &p->Y, &p->X);
    fe_add(&t, &q->Y, &q->X);
    fe_mul(&b, &b, &t);
    fe_mul(&c, &p->T, &fe_2d);
    fe_mul(&c, &c, &q->T);
    fe_mul(&d, &p->Z, &q->Z);
    fe_add(&d, &d, &d);
    fe_sub(&e, &b, &a);
    fe_sub(&f, &d, &c);
    fe_add(&g, &d, &c);
    fe_add(&h, &b, &a);
    fe_mul(&r->X, &e, &f);
    fe_mul(&r->Y, &g, &h);
    fe_mul(&r->T, &e, &h);
    fe_mul(&r->Z, &f, &g);
}

static void point_double(point *r, const point *p)
{
    fe a, b, c, e, f, g, h;
    fe_sq(&a, &p->X);
    fe_sq(&b, &p->Y);
    fe_sq(&c, &p->Z);
    fe_add(&c, &c, &c);
    fe_add(&h, &a, &b);
    fe_add(&e, &p->X, &p->Y);
    fe_sq(&e, &e);
    fe_sub(&e, &h, &e);
    fe_sub(&g, &a, &b);
    fe_add(&f, &c, &g);
    fe_mul(&r->X, &e, &f);
    fe_mul(&r->Y, &g, &h);
    fe_mul(&r->T, &e, &h);
    fe_mul(&r->Z, &f, &g);
}

static void point_negate(point *r, const point *p)
{
    static const fe zero;
    fe_sub(&r->X, &zero, &p->X);
    r->Y = p->Y;
    r->Z = p->Z;
    fe_sub(&r->T, &zero, &p->T);
}

static void point_encode(uint8_t out[32], const point *p)
{
    fe zinv, x, y;
    fe_invert(&zinv, &p->Z);
    fe_mul(&x, &p->X, &zinv);
    fe_mul(&y, &p->Y, &zinv);
    fe_to_bytes(out, &y);
    out[31] |= (uint8_t)(fe_is_odd(&x) << 7);
}

/* RFC 8032 section 5.1.3. Returns -1 for a y that is not below p, a y with no x on the curve,
 * and the non-canonical "x = 0 with the sign bit set". */
static int point_decode(point *r, const uint8_t in[32])
{
    uint8_t b[32];
    for (int i = 0; i < 32; i++)
        b[i] = in[i];
    int sign = b[31] >> 7;
    b[31] &= 0x7f;
    fe y;
    fe_from_bytes(&y, b);
    int below_p = 0;                      /* y < p, compared from the top limb down */
    for (int i = 7; i >= 0; i--) {
        if (y.v[i] != fe_p.v[i]) {
            below_p = y.v[i] < fe_p.v[i];
            break;
        }
    }
    if (!below_p)
        return -1;

    static const fe one = {{ 1 }};
    fe y2, u, v, v3, v7, x, t;
    fe_sq(&y2, &y);
    fe_sub(&u, &y2, &one);                /* u = y^2 - 1 */
    fe_mul(&v, &y2, &fe_d);
    fe_add(&v, &v, &one);                 /* v = d y^2 + 1 */
    fe_sq(&v3, &v);
    fe_mul(&v3, &v3, &v);                 /* v^3 */
    fe_sq(&v7, &v3);
    fe_mul(&v7, &v7, &v);                 /* v^7 */
    fe_mul(&t, &u, &v7);
    fe_pow_p58(&t, &t);
    fe_mul(&x, &u, &v3);
    fe_mul(&x, &x, &t);                   /* x = u v^3 (u v^7)^((p-5)/8) */

    fe vx2, neg_u;
    static const fe zero;
    fe_sq(&vx2, &x);
    fe_mul(&vx2, &vx2, &v);
    fe_sub(&neg_u, &zero, &u);
    if (fe_equal(&vx2, &u)) {
        /* x is a square root of u/v */
    } else if (fe_equal(&vx2, &neg_u)) {
        fe_mul(&x, &x, &fe_sqrtm1);
    } else {
        return -1;
    }
    if (fe_is_zero(&x) && sign)
        return -1;
    if (fe_is_odd(&x) != sign)
        fe_sub(&x, &zero, &x);
    fe_reduce(&r->X, &x);
    r->Y = y;
    r->Z = one;
    fe_mul(&r->T, &r->X, &r->Y);
    return 0;
}

/* A point of order dividing 8 (the curve's cofactor): [8]P is the identity, X = 0 and Y = Z. */
static int point_has_small_order(const point *p)
{
    point q;
    point_double(&q, p);
    point_double(&q, &q);
    point_double(&q, &q);
    return fe_is_zero(&q.X) && fe_equal(&q.Y, &q.Z);
}

/* ---- scalars mod L ---- */

static int scalar_below_l(const uint32_t s[8])
{
    for (int i = 7; i >= 0; i--)
        if (s[i] != order_l[i])
            return s[i] < order_l[i];
    return 0;
}

/* A 512-bit little-endian number mod L, one bit at a time from the top: r stays below L, so
 * 2r + 1 fits in eight limbs and one conditional subtraction keeps it below L. */
static void scalar_reduce512(uint32_t r[8], const uint8_t h[64])
{
    for (int i = 0; i < 8; i++)
        r[i] = 0;
    for (int bit = 511; bit >= 0; bit--) {
        uint32_t in = h[bit / 8] >> (bit % 8) & 1;
        for (int i = 7; i > 0; i--)
            r[i] = r[i] << 1 | r[i - 1] >> 31;
        r[0] = r[0] << 1 | in;
        if (!scalar_below_l(r)) {
            uint32_t borrow = 0;
            for (int i = 0; i < 8; i++) {
                uint64_t d = (uint64_t)r[i] - order_l[i] - borrow;
                r[i] = (uint32_t)d;
                borrow = (uint32_t)(d >> 63);
            }
        }
    }
}

/* ---- verification ---- */

int ed25519_verify(const uint8_t sig[ED25519_SIGNATURE_SIZE], const void *msg, size_t len,
                   const uint8_t pub[ED25519_PUBLIC_KEY_SIZE])
{
    uint32_t s[8];
    for (int i = 0; i < 8; i++)
        s[i] = (uint32_t)sig[32 + 4 * i] | (uint32_t)sig[33 + 4 * i] << 8 |
               (uint32_t)sig[34 + 4 * i] << 16 | (uint32_t)sig[35 + 4 * i] << 24;
    if (!scalar_below_l(s))
        return -1;                        /* S must be canonical: 0 <= S < L */

    point a;
    if (point_decode(&a, pub) != 0 || point_has_small_order(&a))
        return -1;

    /* k = SHA-512(R || A || M) mod L */
    struct sha512_ctx h;
    uint8_t digest[SHA512_DIGEST_SIZE];
    sha512_init(&h);
    sha512_update(&h, sig, 32);
    sha512_update(&h, pub, 32);
    sha512_update(&h, msg, len);
    sha512_final(&h, digest);
    uint32_t k[8];
    scalar_reduce512(k, digest);

    /* [S]B - [k]A, both scalars at once (Straus) in 4-bit windows: tables of 0..15 times B and
     * -A, then per window four doublings and at most one addition from each table. The result
     * equals R exactly when its encoding equals the signature's R bytes, since encodings are
     * unique; an R that does not decode can never match. */
    point tb[16], ta[16], q;
    point_identity(&tb[0]);
    tb[1] = base_point;
    fe_mul(&tb[1].T, &tb[1].X, &tb[1].Y);
    point_identity(&ta[0]);
    point_negate(&ta[1], &a);
    for (int i = 2; i < 16; i++) {
        point_add(&tb[i], &tb[i - 1], &tb[1]);
        point_add(&ta[i], &ta[i - 1], &ta[1]);
    }
    point_identity(&q);
    int started = 0;
    for (int w = 63; w >= 0; w--) {
        unsigned sw = s[w / 8] >> (4 * (w % 8)) & 15, kw = k[w / 8] >> (4 * (w % 8)) & 15;
        if (started)
            for (int d = 0; d < 4; d++)
                point_double(&q, &q);
        if (sw)
            point_add(&q, &q, &tb[sw]);
        if (kw)
            point_add(&q, &q, &ta[kw]);
        started |= sw | kw;
    }
    uint8_t check[32];
    point_encode(check, &q);
    uint8_t diff = 0;
    for (int i = 0; i < 32; i++)
        diff |= (uint8_t)(check[i] ^ sig[i]);
    return diff ? -1 : 0;
}
