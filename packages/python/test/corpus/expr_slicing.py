# Indexing and slicing with negative indices and steps, on lists, tuples, strings and ranges.
s = "abcdefghij"
l = list(range(10))
t = tuple(l)
r = range(10)
for seq in (s, l, t, r):
    print(seq[0], seq[-1], seq[2:5], seq[:3], seq[7:], seq[::2], seq[::-1], seq[-3:-1], seq[8:2:-2], seq[100:], seq[-100:2])
print(s[1:8:3], l[::-3], t[5:5], r[1::4])
l2 = list(range(10))
l2[2:4] = ["a", "b", "c"]
print(l2)
l2[::3] = [0, 0, 0, 0]
print(l2)
del l2[1::2]
print(l2)
l2[:] = []
print(l2)
try:
    l[1:5:2] = [1]
except ValueError as e:
    print("ValueError", e)
try:
    print(s[20])
except IndexError as e:
    print("IndexError", e)
try:
    l[0:1:0]
except ValueError as e:
    print("ValueError", e)
