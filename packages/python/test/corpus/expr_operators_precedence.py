# Operator precedence and associativity across arithmetic, bitwise, comparison and boolean operators.
print(2 + 3 * 4 ** 2, (2 + 3) * 4 ** 2, 2 ** 3 ** 2, (2 ** 3) ** 2, -2 ** 2, (-2) ** 2)
print(1 + 2 << 3, 1 + (2 << 3), 6 & 3 | 8, 6 & (3 | 8), 1 | 2 ^ 3 & 4, 5 ^ 3 & 1)
print(not 1 == 2, not (1 == 2), 1 < 2 == 2, (1 < 2) == 2, 0 or 1 and 2, (0 or 1) and 0)
print(10 - 4 - 3, 100 / 10 / 5, 2 * 3 % 4, 7 // 2 * 2, -7 // 2 * 2, ~1 + 1, -~1)
print(3 if 0 else 4 if 1 else 5, [1, 2, 3][1:][0], "ab" * 2 + "c", 1 in [1] == [1])
x = 5
print(x > 3 and x < 10, not x, x == 5 or y_undefined, 1 if x else 2)
