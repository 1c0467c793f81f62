# sys.getsizeof of ints by number of 30-bit digits, and of floats, bools and None.
import sys

for v in (0, 1, -1, 255, 2**30 - 1, 2**30, -(2**30), 2**60 - 1, 2**60, 2**90, 2**100, 10**100, -(10**100)):
    print(v.bit_length(), sys.getsizeof(v))
for k in range(0, 301, 30):
    print("2**" + str(k), sys.getsizeof(2**k))
print("float", sys.getsizeof(0.0), sys.getsizeof(1e300))
print("bool", sys.getsizeof(True), sys.getsizeof(False))
print("None", sys.getsizeof(None))
print("complex-free arithmetic", sys.getsizeof(12345 * 67890), sys.getsizeof(2**64 // 3))
big = 1
for i in range(5):
    big *= 1000000007
    print("product", i, sys.getsizeof(big))
print("factorial 50", sys.getsizeof(30414093201713378043612608166064768844377641568960512000000000000))
