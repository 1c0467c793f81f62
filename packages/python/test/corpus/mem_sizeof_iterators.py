# sys.getsizeof of views, iterators and lazy builtins, and of ranges of several sizes.
import sys

d = {"a": 1, "b": 2}
lst = [1, 2, 3]
print("dict views", sys.getsizeof(d.keys()), sys.getsizeof(d.values()), sys.getsizeof(d.items()))
print("dict iterators", sys.getsizeof(iter(d)), sys.getsizeof(iter(d.values())), sys.getsizeof(iter(d.items())))
print("list iterators", sys.getsizeof(iter(lst)), sys.getsizeof(reversed(lst)))
print("str iterator", sys.getsizeof(iter("abc")), sys.getsizeof(iter("\u20ac")))
print("set iterator", sys.getsizeof(iter({1})))
print("map filter zip enumerate", sys.getsizeof(map(str, lst)), sys.getsizeof(filter(None, lst)), sys.getsizeof(zip(lst, lst)), sys.getsizeof(enumerate(lst)))
print("ranges", sys.getsizeof(range(0)), sys.getsizeof(range(10**6)), sys.getsizeof(range(-5, 5, 2)))
print("range iterators", sys.getsizeof(iter(range(10))), sys.getsizeof(iter(range(2**70))))
print("generator expression", sys.getsizeof(x for x in lst))


def gen():
    a = b = c = 0
    yield a + b + c


print("generator with locals", sys.getsizeof(gen()))
