# Instance dictionaries: key-sharing between instances of one class, and what breaks sharing.
import sys


class P:
    def __init__(self, x, y):
        self.x = x
        self.y = y


a = P(1, 2)
b = P(3, 4)
print("instances", sys.getsizeof(a), sys.getsizeof(b))
print("materialised __dict__", sys.getsizeof(a.__dict__), sys.getsizeof(b.__dict__))
c = P(5, 6)
c.z = 7
print("extra attribute", sys.getsizeof(c), sys.getsizeof(c.__dict__))
d = P(7, 8)
del d.x
print("deleted attribute", sys.getsizeof(d.__dict__), sorted(d.__dict__))


class Many:
    def __init__(self, n):
        for i in range(n):
            setattr(self, "a" + str(i), i)


for n in (0, 1, 5, 10, 20, 40):
    m = Many(n)
    print("attributes", n, sys.getsizeof(m), sys.getsizeof(m.__dict__))
print("plain dict of two", sys.getsizeof({"x": 1, "y": 2}))
