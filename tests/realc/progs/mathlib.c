/* mathlib.c — floating-point computation through libm: transcendental functions, rounding,
 * a numerical integration and a Newton iteration. */
#include <math.h>
#include <stdio.h>

static double integrate(double (*f)(double), double a, double b, int n)
{
    /* Simpson's rule */
    double h = (b - a) / n, sum = f(a) + f(b);
    for (int i = 1; i < n; i++) sum += f(a + i * h) * (i % 2 ? 4.0 : 2.0);
    return sum * h / 3.0;
}

static double gaussian(double x) { return exp(-x * x / 2.0) / sqrt(2.0 * M_PI); }

static double newton_cbrt(double v)
{
    double x = v > 1 ? v / 3 : 1.0;
    for (int i = 0; i < 60; i++) {
        double nx = x - (x * x * x - v) / (3 * x * x);
        if (fabs(nx - x) < 1e-15 * fabs(x)) break;
        x = nx;
    }
    return x;
}

int main(void)
{
    const double xs[] = { 0.5, 1.0, 2.0, 10.0, 123.456 };
    for (int i = 0; i < 5; i++) {
        double x = xs[i];
        printf("x=%-8g sqrt=%.12f log=%.12f exp=%.6e sin=%.12f cos=%.12f atan=%.12f\n", x, sqrt(x),
               log(x), exp(x), sin(x), cos(x), atan(x));
    }
    printf("pow(2,0.5)=%.15f hypot(3,4)=%g atan2(-1,-1)=%.12f fmod(10,3)=%g\n", pow(2, 0.5),
           hypot(3, 4), atan2(-1, -1), fmod(10, 3));
    printf("floor %g ceil %g round %g trunc %g rint %g\n", floor(-2.5), ceil(-2.5), round(-2.5),
           trunc(-2.5), rint(2.5));
    printf("lgamma(10)=%.10f tgamma(5)=%g erf(1)=%.12f\n", lgamma(10.0), tgamma(5.0), erf(1.0));
    printf("frexp: ");
    for (int i = 0; i < 4; i++) {
        int e;
        double m = frexp(xs[i + 1], &e);
        printf("%g*2^%d ", m, e);
    }
    printf("\nldexp %g scalbn %g\n", ldexp(0.75, 4), scalbn(1.0, -3));
    printf("normal CDF over [-1,1] = %.10f\n", integrate(gaussian, -1, 1, 1000));
    printf("integral sin 0..pi = %.10f\n", integrate(sin, 0, M_PI, 200));
    for (int v = 2; v < 100; v *= 3) printf("cbrt(%d) = %.12f (libm %.12f)\n", v, newton_cbrt(v), cbrt(v));
    printf("isnan %d isinf %d nan<->%d\n", isnan(NAN) != 0, isinf(-INFINITY) != 0, NAN == NAN);
    float f = 1.0f;
    for (int i = 0; i < 20; i++) f = f * 1.1f + sinf(f);
    printf("float chain %.6f\n", f);
    return 0;
}
