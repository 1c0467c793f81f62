# Arithmetic operators on ints and floats, with Python's floor division and modulo of negatives.
for a in (7, -7):
    for b in (2, -2):
        print(a, b, a + b, a - b, a * b, a / b, a // b, a % b, divmod(a, b), a ** 2)
print(7.5 // 2, -7.5 // 2, 7.5 % 2, -7.5 % 2, 7 % -2.5)
print(2 ** 10, 2 ** -1, (-2) ** 3, -2 ** 2, 2 ** 0.5, 4 ** 0.5)
print(1 + 2 * 3 - 4 / 2, (1 + 2) * 3, 2 * 3 ** 2, -3 ** 2, 10 - 2 - 3)
print(1 + 2.0, 3 * 1.5, 10 / 4, 10 // 4, 10.0 // 4, True + True, False * 3)
print(+5, -(-5), +(-5.5), ~5, ~-1)
print(0.1 + 0.2, 0.1 * 3, 1 / 3, 2 / 3, 1e16 + 1, 1e-7 * 1.5)
print(17 // 5 * 5 + 17 % 5)
