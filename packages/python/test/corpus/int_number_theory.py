# Number theory with ints: gcd by hand, modular inverse, primes, digits, base conversion.
def gcd(a, b):
    while b:
        a, b = b, a % b
    return a


def egcd(a, b):
    if b == 0:
        return a, 1, 0
    g, x, y = egcd(b, a % b)
    return g, y, x - (a // b) * y


def to_base(n, base):
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    if n == 0:
        return "0"
    sign = "-" if n < 0 else ""
    n = abs(n)
    out = ""
    while n:
        n, r = divmod(n, base)
        out = digits[r] + out
    return sign + out


def is_prime(n):
    if n < 2:
        return False
    i = 2
    while i * i <= n:
        if n % i == 0:
            return False
        i += 1
    return True


print(gcd(1071, 462), egcd(240, 46), pow(17, -1, 3120), (17 * 2753) % 3120)
print([n for n in range(100, 200) if is_prime(n)])
print(to_base(255, 2), to_base(-255, 16), to_base(10**20, 36), int(to_base(10**20, 36), 36) == 10**20)
print(sum(int(d) for d in str(2**1000)), len(str(2**1000)))
collatz_max = max(range(1, 1000), key=lambda n: (lambda f: f(f, n, 0))(lambda f, m, s: s if m == 1 else f(f, m // 2 if m % 2 == 0 else 3 * m + 1, s + 1)))
print(collatz_max)
