# range, enumerate, zip, map, filter, sorted, reversed, iter, next, any, all.
print(list(range(5)), list(range(2, 10, 3)), list(range(10, 0, -4)), list(range(0)))
r = range(0, 20, 5)
print(r, len(r), r[1], r[-1], 15 in r, 16 in r, r.index(10), r.count(5))
print(list(enumerate("abc")), list(enumerate("ab", start=10)))
print(list(zip([1, 2, 3], "ab")), list(zip()), list(zip(range(2), range(2), range(2))))
print(list(map(str, [1, 2])), list(filter(None, [0, 1, "", "a", None])))
print(sorted([3, 1, 2], reverse=True), sorted("cba"), sorted({3: 0, 1: 0}))
print(list(reversed([1, 2, 3])), list(reversed(range(3))), "".join(reversed("abc")))
it = iter([1, 2])
print(next(it), next(it), next(it, "done"))
print(any([]), all([]), any([0, 0, 1]), all([1, 1, 0]), any(x > 2 for x in range(4)))
try:
    next(iter([]))
except StopIteration:
    print("StopIteration")
data = [("b", 2), ("a", 2), ("c", 1)]
print(sorted(data, key=lambda p: p[1]))
print(list(zip(*[(1, "a"), (2, "b")])))
print(range(3) == range(0, 3), list(range(-5, 5, 3)))
