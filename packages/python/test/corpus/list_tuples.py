# Tuples: packing, methods, immutability, tuples as keys, comparison and hashing of contents.
t = (3, 1, 4, 1, 5, 9, 2, 6)
print(t.count(1), t.index(4), t.index(1, 2), len(t), t[2:5], t + (0,), t * 2 == t + t)
single = (1,)
not_tuple = (1)
print(type(single).__name__, type(not_tuple).__name__, () == tuple())
try:
    t[0] = 9
except TypeError as e:
    print("TypeError", e)
try:
    t.index(100)
except ValueError as e:
    print("ValueError", e)
coords = {(0, 0): "origin", (1, 0): "east"}
print(coords[(1, 0)], (0, 0) in coords)
nested = ([1], 2)
nested[0].append(3)
print(nested)
try:
    hash(nested)
except TypeError as e:
    print("TypeError", e)
print(hash((1, 2)) == hash((1, 2)), sorted([(2, "b"), (1, "z"), (2, "a")]))
a, b = divmod(17, 5)
print(a, b, tuple(reversed(t)), max(t), min(t), sum(t), sorted(t))
print(tuple("abc"), tuple(range(3)), tuple({1: 2, 3: 4}), (1, 2) < (1, 2, 0), (2,) > (1, 9))
