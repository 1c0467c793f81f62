# sys.intern returns one shared object for equal strings; refcounts show the sharing.
import sys

a = "".join(["inter", "ned"])
b = "".join(["inter", "ned"])
print("equal", a == b, "same object", a is b)
ia = sys.intern(a)
ib = sys.intern(b)
print("interned are the same object", ia is ib, ia is a)
print(sys.getrefcount(b) , sys.getrefcount(ia) > 2)
print(sys.getrecursionlimit())
sys.setrecursionlimit(2000)
print(sys.getrecursionlimit())
print(sys.version_info[:2], sys.version_info.major, sys.version_info >= (3, 8))
print(type(sys.argv).__name__, len(sys.argv))
try:
    sys.intern(5)
except TypeError as e:
    print("TypeError", e)
