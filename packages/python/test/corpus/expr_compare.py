# Comparisons: chained, mixed types, identity, membership, and the ordering of sequences.
x = 5
print(1 < x < 10, 1 < x > 10, 1 < 2 < 3 < 4, 3 > 2 > 2, x == 5 == 5.0)
print(1 == 1.0, 2 == 2.5, "a" < "b", "abc" < "abd", "Z" < "a")
print([1, 2] < [1, 3], [1, 2] < [1, 2, 0], (1, "a") < (1, "b"), [] == [], () == ())
print(None is None, [] is [], 1 != 2, "x" != "x")
print(3 in [1, 2, 3], 4 not in [1, 2, 3], "b" in "abc", "ac" in "abc", 1 in {1: 2}, 2 in {1: 2})
a = [1]
b = a
c = [1]
print(a is b, a is c, a == c, a is not c)
print({1, 2} < {1, 2, 3}, {1, 2} <= {1, 2}, {1: 2} == {1: 2})
try:
    print(1 < "a")
except TypeError as e:
    print("TypeError", e)
try:
    print([1] < (1,))
except TypeError as e:
    print("TypeError", e)


def noisy(v):
    print("evaluated", v)
    return v


print(noisy(1) < noisy(0) < noisy(5))
print(float("nan") == float("nan"), float("inf") > 10**300)
