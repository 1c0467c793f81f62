# gc.collect() counts cycles through functions: recursive closures, functions stored in
# their own namespace dicts, and functions as attributes of themselves.
import gc

gc.collect()


def make_recursive():
    def fact(n):
        return 1 if n <= 1 else n * fact(n - 1)

    return fact


f = make_recursive()
print("works", f(10))
del f
print("recursive closure: function, cell, closure tuple", gc.collect())


def make_namespace():
    namespace = {}

    def lookup(name):
        return namespace[name]

    namespace["lookup"] = lookup
    return namespace


ns = make_namespace()
print("lookup finds itself", ns["lookup"]("lookup") is ns["lookup"])
del ns
print("function and its namespace dict", gc.collect())


def g():
    pass


g.me = g
del g
print("function attribute pointing to itself", gc.collect())


def h(x=[]):
    return x


h.__defaults__[0].append(h)
del h
print("function whose default list holds it", gc.collect())
