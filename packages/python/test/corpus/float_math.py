# The math module: constants, roots, logs, trig, rounding functions and integer helpers.
import math

print(math.pi, math.e, math.tau, math.inf, math.nan)
print(math.sqrt(2), math.sqrt(16), math.isqrt(17), math.exp(1), math.log(100, 10), math.log(8, 2), math.log2(1024), math.log10(0.001), math.log1p(1e-10))
print(math.sin(math.pi / 6), math.cos(0), math.tan(math.pi / 4), math.atan2(1, 1), math.asin(1), math.degrees(math.pi), math.radians(180))
print(math.floor(-2.5), math.ceil(-2.5), math.trunc(-2.5), math.floor(3), type(math.floor(2.5)).__name__)
print(math.gcd(48, 18), math.lcm(4, 6), math.factorial(20), math.comb(10, 3), math.perm(5, 2), math.prod([1, 2, 3, 4]))
print(math.fsum([0.1] * 10), sum([0.1] * 10), math.hypot(3, 4), math.dist((0, 0), (3, 4)), math.copysign(3, -0.0), math.fabs(-2))
print(math.isclose(0.1 + 0.2, 0.3), math.isfinite(1e308), math.isinf(math.inf), math.isnan(math.nan), math.fmod(-7, 3), math.modf(3.25), math.frexp(8.0), math.ldexp(0.5, 4))
print(math.erf(1), math.gamma(5), math.lgamma(10), math.cosh(1), math.sinh(1), math.tanh(0.5))
for bad in (lambda: math.sqrt(-1), lambda: math.log(0), lambda: math.exp(1000), lambda: math.factorial(-1)):
    try:
        bad()
    except (ValueError, OverflowError) as e:
        print(type(e).__name__, e)
