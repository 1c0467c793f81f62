# Float repr: shortest round-trip text, exponents, specials, and arithmetic results.
for x in (0.1, 0.2, 0.1 + 0.2, 1 / 3, 2 / 3, 1e16, 1e15, 123456789012345678.0, 1e-4, 1e-5, 1.5e-07, 5e-324, 1.7976931348623157e308):
    print(repr(x), str(x))
print(1.0, 100.0, -0.0, 0.0, 3.0 * 1.1, 1.1 + 2.2, 2.675, 1e22, 1e23, 9007199254740993.0)
print(float("inf"), float("-inf"), float("nan"), -float("inf"), float("1e500"))
print(0.1 * 3 == 0.3, abs(0.1 * 3 - 0.3) < 1e-9, 1e308 * 10, -1e308 * 10)
print(round(0.125, 2), round(0.375, 2), round(2.5), round(-0.5), round(1e20), round(123.456, -1))
print(int(2.9), int(-2.9), float(10**20), float(2**63), 2.0**0.5, 10.0 // 3, 10.0 % 3, -10.0 % 3)
print(1.5.is_integer(), 2.0.is_integer(), (0.5).as_integer_ratio(), 7.5.as_integer_ratio())
for bad in (lambda: 1.0 / 0, lambda: 1.0 // 0.0, lambda: 5.0 % 0, lambda: int(float("inf")), lambda: int(float("nan")), lambda: 10.0**400):
    try:
        bad()
    except (ZeroDivisionError, OverflowError, ValueError) as e:
        print(type(e).__name__, e)
