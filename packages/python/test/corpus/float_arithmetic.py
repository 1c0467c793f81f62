# Float arithmetic: accumulation error, mixed int/float, comparisons, rounding to strings.
total = 0.0
for _ in range(10):
    total += 0.1
print(total, total == 1.0, round(total, 10) == 1.0)
print(1 / 7, 22 / 7, 355 / 113, 2 ** 0.5 * 2 ** 0.5, (1 + 1e-16) - 1, 1e16 + 2.0)
print(3 * 0.1, 0.1 * 3, 0.3 / 0.1, 1 - 0.9, 100 * 1.1)
print(7 / 2, 7 // 2.0, -7 / 2, -7 // 2.0, 7 % 2.5, 2 ** 0.5, 10 ** -2, 1e3 == 1000)
print(float(1 << 53) + 1, 0.1 + 0.7, 4.35 * 100, 1.15 * 100)
mean = sum([2.5, 3.5, 4.0]) / 3
var = sum((x - mean) ** 2 for x in [2.5, 3.5, 4.0]) / 3
print(mean, var, var ** 0.5)
print(min(0.1, 1 / 10), max(-0.0, 0.0), 0.0 == -0.0, str(-0.0), abs(-1.5), -(-0.0))
print(sorted([0.5, -1.25, 3.0, 1e-3, -1e3]))
