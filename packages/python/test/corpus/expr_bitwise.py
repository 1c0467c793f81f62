# Bitwise operators and shifts, including negative and big ints.
print(12 & 10, 12 | 10, 12 ^ 10, ~12, 1 << 10, 1024 >> 3)
print(-12 & 10, -12 | 10, -12 ^ 10, -1 >> 5, -16 >> 2, -1 << 3)
print(1 << 100, (1 << 100) >> 99, (2**70 - 1) & 0xFFFF, (2**70) | 1)
print(bin(0b1010 ^ 0b0110), hex(0xF0 | 0x0F), oct(0o70 & 0o17))
x = 0
for i in range(8):
    x |= 1 << i
print(x)
x &= 0x0F
x ^= 0xFF
x <<= 2
x >>= 1
print(x)
print(True & False, True | False, True ^ True)
try:
    1 << -1
except ValueError as e:
    print("ValueError", e)
