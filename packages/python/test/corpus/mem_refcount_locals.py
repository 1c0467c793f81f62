# Reference counts seen from function locals and arguments.
import sys


def count_param(obj):
    return sys.getrefcount(obj)


def count_local():
    local = []
    return sys.getrefcount(local)


def count_two_locals():
    first = {}
    second = first
    return sys.getrefcount(first)


def count_nested(obj):
    inner = obj
    return count_param(inner)


def returns_fresh():
    return [1, 2]


data = [1, 2, 3]
print("module name", sys.getrefcount(data))
print("as an argument", count_param(data))
print("local", count_local())
print("two locals", count_two_locals())
print("through two frames", count_nested(data))
print("fresh return value", sys.getrefcount(returns_fresh()))
print("literal argument", sys.getrefcount([4, 5, 6]))
print("after calls", sys.getrefcount(data))


def loop_var(items):
    counts = []
    for item in items:
        counts.append(sys.getrefcount(item))
    return counts


a = object()
b = object()
print("loop variable", loop_var([a, b]))
print("loop variable over tuple", loop_var((a, b, a)))


def default_arg(value=[]):
    return sys.getrefcount(value)


print("default value", default_arg())
shared = default_arg.__defaults__[0]
print("default value named", default_arg(), sys.getrefcount(shared))
