# Classes are cycles: a class, its __dict__, its __mro__ and its descriptors refer to each other,
# so a class nobody uses any more is freed by the collector, not by reference counting.
import gc
gc.collect()
class A:
    pass
del A
print("empty class", gc.collect())
class B:
    x = [1, 2]
    def f(self):
        return 1
    def g(self):
        return 2
del B
print("class with two methods and a list", gc.collect())
class C:
    pass
class D(C):
    pass
del C, D
print("class and subclass", gc.collect())
class E:
    pass
e = E()
del E
print("class kept by an instance", gc.collect())
del e
print("instance released", gc.collect())
def outer():
    class Local:
        def method(self):
            return Local
    return Local()
obj = outer()
del obj
print("local class referring to itself from a method", gc.collect())
