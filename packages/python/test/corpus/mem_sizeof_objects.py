# sys.getsizeof of instances, functions, classes, methods, cells, generators and ranges.
import sys


class Plain:
    pass


class WithInit:
    def __init__(self):
        self.a = 1
        self.b = 2

    def method(self):
        return self.a


class Slots1:
    __slots__ = ("a",)


class Slots3:
    __slots__ = ("a", "b", "c")


class Empty:
    __slots__ = ()


def func():
    pass


def make_closure():
    x = 1

    def inner():
        return x

    return inner


def gen():
    yield 1


print("instance", sys.getsizeof(Plain()))
print("instance with attributes", sys.getsizeof(WithInit()))
print("slots 1", sys.getsizeof(Slots1()))
print("slots 3", sys.getsizeof(Slots3()))
print("empty slots", sys.getsizeof(Empty()))
print("object()", sys.getsizeof(object()))
print("function", sys.getsizeof(func))
print("lambda", sys.getsizeof(lambda: 0))
print("closure", sys.getsizeof(make_closure()))
print("cell", sys.getsizeof(make_closure().__closure__[0]))
print("bound method", sys.getsizeof(WithInit().method))
print("generator", sys.getsizeof(gen()))
print("range", sys.getsizeof(range(10)), sys.getsizeof(range(10**20)))
print("list iterator", sys.getsizeof(iter([])))
print("tuple iterator", sys.getsizeof(iter(())))
print("range iterator", sys.getsizeof(iter(range(3))))
print("enumerate", sys.getsizeof(enumerate([])))
print("zip", sys.getsizeof(zip()))
print("exception", sys.getsizeof(ValueError("x")))
print("type of sizes", type(sys.getsizeof(1)).__name__)
print("staticmethod", sys.getsizeof(staticmethod(func)))
print("property", sys.getsizeof(property(func)))
