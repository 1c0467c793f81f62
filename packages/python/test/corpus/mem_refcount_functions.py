# Reference counts of functions, classes and methods held by modules, classes and instances.
import sys


def top():
    pass


print("module function", sys.getrefcount(top))
alias = top
print("aliased", sys.getrefcount(top))
del alias


class C:
    def method(self):
        pass

    @staticmethod
    def static():
        pass


f = C.__dict__["method"]
print("function in a class dict", sys.getrefcount(f))
m1 = C().method
m2 = C().method
print("bound methods share the function", sys.getrefcount(f), m1 is not m2)
del m1, m2
print("released", sys.getrefcount(f))
print("class object", sys.getrefcount(C) > 2)
instances = [C() for _ in range(4)]
before = sys.getrefcount(C)
instances.append(C())
print("one more instance", sys.getrefcount(C) - before)
handlers = {"a": top, "b": top}
print("in a dict twice", sys.getrefcount(top))
