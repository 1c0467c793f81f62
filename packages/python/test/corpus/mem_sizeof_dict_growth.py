# sys.getsizeof of a dict as it grows through its resizes, with int and str keys.
import sys

d = {}
last = sys.getsizeof(d)
print("empty", last)
for i in range(1000):
    d[i] = i
    size = sys.getsizeof(d)
    if size != last:
        print("int keys, len", len(d), "size", size)
        last = size
s = {}
last = sys.getsizeof(s)
for i in range(100):
    s["k" + str(i)] = i
    size = sys.getsizeof(s)
    if size != last:
        print("str keys, len", len(s), "size", size)
        last = size
for k in list(d)[:990]:
    del d[k]
print("after deleting 990", len(d), sys.getsizeof(d))
d.clear()
print("clear", sys.getsizeof(d))
print("literal sizes", [sys.getsizeof({i: i for i in range(n)}) for n in range(12)])
print("display", sys.getsizeof({"a": 1}), sys.getsizeof({"a": 1, "b": 2, "c": 3, "d": 4, "e": 5, "f": 6}))
print("dict(zip)", sys.getsizeof(dict(zip(range(20), range(20)))))
print("fromkeys", sys.getsizeof(dict.fromkeys(range(50))))
copied = dict(s)
print("copy", sys.getsizeof(copied), sys.getsizeof(s.copy()))
m = {1: 1, 2: 2}
m.update({3: 3, 4: 4, 5: 5, 6: 6})
print("update", sys.getsizeof(m))
print("mixed keys", sys.getsizeof({1: 1, "a": 2}))
