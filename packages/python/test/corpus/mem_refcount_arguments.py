# Reference counts of arguments passed positionally, by keyword, through *args and **kwargs.
import sys

o = object()
base = sys.getrefcount(o)


def positional(a):
    return sys.getrefcount(a) - base


def two(a, b):
    return sys.getrefcount(a) - base


def star(*args):
    return sys.getrefcount(args[0]) - base, len(args), sys.getrefcount(args)


def kw(**kwargs):
    return sys.getrefcount(kwargs["x"]) - base, sys.getrefcount(kwargs)


def mixed(a, *args, key=None, **kwargs):
    return sys.getrefcount(a) - base


print("positional", positional(o))
print("keyword", positional(a=o))
print("same object twice", two(o, o))
print("star args", star(o, o, o))
lst = [o, o]
print("star args from a list", star(*lst))
print("kwargs", kw(x=o))
print("kwargs from a dict", kw(**{"x": o}))
print("mixed", mixed(o, o, key=o, extra=o))
print("lambda", (lambda v: sys.getrefcount(v) - base)(o))
print("method", [0].__class__.__name__, sys.getrefcount(o) - base)
print("after all calls", sys.getrefcount(o) - base)
