# set and frozenset operations on ints (their order is deterministic).
a = {1, 2, 3, 4}
b = {3, 4, 5}
print(a | b, a & b, a - b, b - a, a ^ b)
print(a.union(b, {9}), a.intersection(b), a.difference(b), a.symmetric_difference(b))
print({1, 2} <= a, a >= {1}, {1, 2} < {1, 2}, a.isdisjoint({7, 8}), a.issubset(range(10)), a.issuperset([1, 2]))
s = set()
s.add(3)
s.add(1)
s.add(3)
s.update([5, 4], (0,))
print(s, len(s))
s.discard(100)
s.remove(4)
print(s, s.pop(), s)
try:
    s.remove(100)
except KeyError as e:
    print("KeyError", e)
f = frozenset([3, 1, 2])
print(f, f | {4}, type(f | {4}).__name__, {f: "hashable"}[frozenset([1, 2, 3])])
c = a.copy()
c -= {1}
c |= {10}
c &= {2, 3, 10}
c ^= {3, 11}
print(c, a)
print(sorted({"pear", "apple", "fig"}), len({"a", "b", "a"}), "a" in {"a", "b"})
print(set("hello") == {"h", "e", "l", "o"}, {x % 5 for x in range(20)}, set(range(5)) - set(range(2, 7)))
try:
    {[1]}
except TypeError as e:
    print("TypeError", e)
print({-1, -2, 0, 7, 64, 100, 1000}, {8, 16, 1, 33})
