# gc.is_tracked for atoms, containers and their untracking optimisations.
import gc


class C:
    pass


class S:
    __slots__ = ()


def f():
    pass


def g():
    yield


cases = [
    ("int", 1),
    ("big int", 10**30),
    ("float", 1.5),
    ("str", "abc"),
    ("bytes", b"abc"),
    ("None", None),
    ("True", True),
    ("empty tuple", ()),
    ("list", []),
    ("list of ints", [1, 2]),
    ("dict", {}),
    ("dict of atoms", {"a": 1, "b": "x"}),
    ("dict with a list", {"a": []}),
    ("dict with a tuple of atoms", {"a": (1, 2)}),
    ("set", set()),
    ("frozenset", frozenset([1])),
    ("instance", C()),
    ("empty-slots instance", S()),
    ("class", C),
    ("function", f),
    ("generator", g()),
    ("range", range(3)),
    ("list iterator", iter([])),
    ("bound method", C().__init__),
    ("exception", ValueError()),
    ("object()", object()),
    ("lambda", lambda: 0),
    ("module", gc),
]
for name, value in cases:
    print(name, gc.is_tracked(value))
t = (1, 2, 3)
print("tuple of ints from a constant", gc.is_tracked(t))
t2 = tuple([1, 2, 3])
print("tuple of ints built at run time", gc.is_tracked(t2))
gc.collect()
print("after a collection", gc.is_tracked(t2))
t3 = tuple([[], 1])
gc.collect()
print("tuple holding a list after a collection", gc.is_tracked(t3))
d = {}
print("empty dict", gc.is_tracked(d))
d["k"] = 1
print("dict gets an int", gc.is_tracked(d))
d["l"] = []
print("dict gets a list", gc.is_tracked(d))
del d["l"]
print("list removed again", gc.is_tracked(d))
