# Class attributes shared across instances, counters, mutable class attributes, type().
class Counter:
    instances = 0
    shared = []

    def __init__(self, name):
        Counter.instances += 1
        self.id = Counter.instances
        self.shared.append(name)


a = Counter("a")
b = Counter("b")
print(Counter.instances, a.id, b.id, a.shared is b.shared, Counter.shared)
a.instances = 100
print(a.instances, b.instances, Counter.instances)
print(type(a) is Counter, type(Counter) is type, type(type))


class WithEq:
    def __init__(self, v):
        self.v = v

    def __eq__(self, other):
        return self.v == other.v

    __hash__ = None


print(WithEq(1) == WithEq(1), WithEq(1) != WithEq(2), WithEq(1) in [WithEq(1)])
try:
    {WithEq(1)}
except TypeError as e:
    print("TypeError", e)


class Default:
    pass


x = Default()
y = Default()
print(x == y, x == x, x != y, len({x, y, x}))
