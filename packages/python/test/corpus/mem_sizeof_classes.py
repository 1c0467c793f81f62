# sys.getsizeof of class objects and of instance __dict__ as attributes are added.
import sys


class A:
    pass


class B(A):
    x = 1

    def f(self):
        pass


class C(B, A):
    pass


print("class", sys.getsizeof(A), sys.getsizeof(B), sys.getsizeof(C))
print("type", sys.getsizeof(type))
a = A()
print("instance", sys.getsizeof(a))
for i in range(8):
    setattr(a, "attr" + str(i), i)
    print("attributes", i + 1, "instance", sys.getsizeof(a), "dict", sys.getsizeof(a.__dict__))
b = A()
b.__dict__["z"] = 1
print("dict materialised first", sys.getsizeof(b), sys.getsizeof(b.__dict__))
print("class dict", sys.getsizeof(A.__dict__) > 0)
print("module", sys.getsizeof(sys))
