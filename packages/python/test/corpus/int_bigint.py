# Arbitrary-precision ints: factorials, powers, negative floor division, bit lengths, conversions.
f = 1
for i in range(1, 51):
    f *= i
print(f)
print(2**200, -(2**200), 3**100 % 1000007, (2**100 + 1) // 3, -(2**100) // 7, -(2**100) % 7)
print((10**50) // (10**25 + 7), (10**50) % (10**25 + 7), divmod(-(10**30), 12345))
print((2**64).bit_length(), (2**64 - 1).bit_length(), (-(2**64)).bit_length(), (0).bit_length())
print(int("9" * 60) + 1, str(2**150)[:20], len(str(7**500)))
print(2**100 == 2.0**100, 2**53 + 1 == float(2**53 + 1), 10**20 > 1e20 - 1, (10**30) / (10**10))
print(pow(7, 10**5, 1000000007), pow(12345678901234567890, 3), abs(-(3**80)))
print(hex(2**100), bin(2**70)[:12], oct(8**30))
print(-7 // 2, -7 % 2, 7 // -2, 7 % -2, -(10**25) // 3)
a = 123456789123456789
b = 987654321987654321
print(a * b, b - a, a & b, a | b, a ^ b, ~a, a << 65, b >> 40)
print(int(1e20), int(-2.5e18), round(10**20 + 0.0), sum(range(10**6)))
