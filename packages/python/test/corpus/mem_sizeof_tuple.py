# sys.getsizeof of tuples by length.
import sys

print("empty", sys.getsizeof(()))
for n in range(1, 11):
    print(n, sys.getsizeof(tuple(range(n))))
print("display", sys.getsizeof((1, 2, 3)))
print("nested is shallow", sys.getsizeof(((1, 2, 3), (4, 5, 6))))
print("concatenation", sys.getsizeof((1, 2) + (3, 4, 5)))
print("repeat", sys.getsizeof((0,) * 100))
print("from list", sys.getsizeof(tuple([1] * 20)))
print("from generator", sys.getsizeof(tuple(i for i in range(20))))
a, *rest = range(8)
print("starred rest is a list", type(rest).__name__, sys.getsizeof(rest))
