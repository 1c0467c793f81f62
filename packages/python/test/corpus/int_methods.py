# int conversions and methods: int() with bases, to/from str, bit_count, bool arithmetic.
print(int("ff", 16), int("777", 8), int("1010", 2), int("  -42  "), int("1_000"), int("0x10", 0), int("Z", 36))
print((255).bit_length(), (255).bit_count(), (-5).__abs__())
print(str(-0), str(10**3), repr(7), format(1234567, ","), format(255, "x"), format(255, "08b"))
print(True + True, True * 10, False - 1, int(True), 1 == True, hash(True) == hash(1))
print(5 // 2, 5 % 2, -5 // 2, -5 % 2, 5 // -2, 5 % -2, 0 // 5, divmod(0, 3))
print(10 / 2, type(10 / 2).__name__, 2**-2, 7 / 7)
for text in ("12a", "", "0x10", "1__0"):
    try:
        int(text)
    except ValueError as e:
        print("ValueError", e)
try:
    1 // 0
except ZeroDivisionError as e:
    print("ZeroDivisionError", e)
try:
    1 % 0
except ZeroDivisionError as e:
    print("ZeroDivisionError", e)
try:
    int("5", 1)
except ValueError as e:
    print("ValueError", e)
print(max(2**70, 3), min(-(2**70), 0), sorted([2**65, -1, 2**64, 0]))
