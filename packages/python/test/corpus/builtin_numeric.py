# abs, round, divmod, pow, sum, min, max, int/float/bool conversions and hex/bin/oct.
print(abs(-5), abs(5.5), abs(-0.0), abs(True))
print(round(2.5), round(3.5), round(-2.5), round(2.675, 2), round(1234, -2), round(1.23456, 3), round(0.5))
print(type(round(2.5)).__name__, type(round(2.5, 1)).__name__, round(15, -1), round(25, -1))
print(divmod(17, 5), divmod(-17, 5), divmod(17.5, 5), divmod(-7, -2))
print(pow(2, 10), pow(2, 10, 1000), pow(3, -1, 7), pow(2.0, 3), pow(4, 0.5))
print(sum([1, 2, 3]), sum([1.5, 2.5]), sum([[1], [2]], []), sum(range(101), 10))
print(min(3, 1, 2), max([3, 1, 2]), min("hello"), max("a", "b", key=str.upper), min([], default="empty"))
print(int("42"), int("-0x1f", 16), int("0b101", 0), int("z", 36), int(3.99), int(-3.99), int(True))
print(float("1.5"), float("-inf"), float(" 2 "), float(7), bool(0), bool("x"))
print(hex(255), hex(-255), bin(10), bin(-10), oct(64), hex(2**64))
print(chr(65), chr(955), chr(128512), ord("A"), ord("λ"), ord("😀"))
for bad in (lambda: int("1.5"), lambda: chr(-1), lambda: ord("ab"), lambda: max([]), lambda: pow(0, -1)):
    try:
        bad()
    except (ValueError, TypeError, ZeroDivisionError) as e:
        print(type(e).__name__, e)
