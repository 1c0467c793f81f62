# sys.getsizeof of sets and frozensets as they grow.
import sys

s = set()
last = sys.getsizeof(s)
print("empty", last)
for i in range(2000):
    s.add(i)
    size = sys.getsizeof(s)
    if size != last:
        print("len", len(s), "size", size)
        last = size
for i in range(1990):
    s.discard(i)
print("after discards", len(s), sys.getsizeof(s))
s.clear()
print("clear", sys.getsizeof(s))
print("set(range)", [sys.getsizeof(set(range(n))) for n in (0, 1, 4, 5, 8, 16, 19, 20, 50, 100)])
print("frozenset", sys.getsizeof(frozenset()), sys.getsizeof(frozenset(range(10))))
print("display", sys.getsizeof({1, 2, 3}), sys.getsizeof({1, 2, 3, 4, 5, 6}))
print("comprehension", sys.getsizeof({i for i in range(30)}))
u = {1, 2} | {3, 4, 5}
print("union", sys.getsizeof(u))
print("str members", sys.getsizeof({"a", "b", "c"}))
