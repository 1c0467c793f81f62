# Bit manipulation with ints: masks, popcount, two's complement views, gray code.
def popcount(n):
    c = 0
    while n:
        n &= n - 1
        c += 1
    return c


print([popcount(n) for n in range(16)], (2**100 - 1).bit_count())
print([n ^ (n >> 1) for n in range(8)])
print(-1 & 0xFF, -128 & 0xFF, (-1) % 2**32, ~0 & 0xFFFFFFFF, (1 << 64) - 1)
x = 0b1011_0110
print(bin(x), x & -x, (x >> 2) & 0b11, x | (1 << 10), bin(x ^ 0xFF))
flags = 0
for bit in (0, 3, 5):
    flags |= 1 << bit
print(flags, [b for b in range(8) if flags >> b & 1])
print(int.from_bytes(b"\x01\x00", "big"), int.from_bytes(b"\x01\x00", "little"), (1024).to_bytes(2, "big"))
