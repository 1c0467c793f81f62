# Tuple, list, nested and starred unpacking in assignments and for loops.
a, b = 1, 2
print(a, b)
a, b = b, a
print(a, b)
(c, d), e = (3, 4), 5
print(c, d, e)
[f, g] = "xy"
print(f, g)
first, *rest = [1, 2, 3, 4]
print(first, rest)
*init, last = range(5)
print(init, last)
head, *middle, tail = "abcdef"
print(head, middle, tail)
x, *y = (1,)
print(x, y)
for k, v in [("a", 1), ("b", 2)]:
    print(k, v)
for i, (p, q) in enumerate([(1, 2), (3, 4)]):
    print(i, p, q)
m = n = 7
print(m, n)
print([*range(3), *"ab"], (*[1, 2], 3), {**{"a": 1}, "b": 2})
print(*[1, 2, 3], sep="-")
lst = [0, 0, 0]
lst[0], lst[2] = 5, 6
print(lst)
try:
    a, b = 1, 2, 3
except ValueError as err:
    print("ValueError", err)
try:
    a, b, c = [1, 2]
except ValueError as err:
    print("ValueError", err)
try:
    a, *b, c = [1]
except ValueError as err:
    print("ValueError", err)
