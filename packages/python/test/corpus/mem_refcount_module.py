# Reference counts of objects held by module-level names and containers.
import sys

x = object()
print("one name", sys.getrefcount(x))
y = x
z = x
print("three names", sys.getrefcount(x))
holder = [x, x, x]
print("in a list three times", sys.getrefcount(x))
pair = (x, holder)
print("in a tuple", sys.getrefcount(x), sys.getrefcount(holder))
d = {"a": x, "b": x}
print("dict values", sys.getrefcount(x))
del holder[0]
print("list item deleted", sys.getrefcount(x))
holder.clear()
print("list cleared", sys.getrefcount(x))
d.pop("a")
print("dict pop", sys.getrefcount(x))
del d
print("dict deleted", sys.getrefcount(x))
del pair
print("tuple deleted", sys.getrefcount(x), sys.getrefcount(holder))
y = None
z = None
print("names rebound", sys.getrefcount(x))
s = "a string built at run time".upper()
print("str", sys.getrefcount(s))
t = s
print("str twice", sys.getrefcount(s))
n = 10**20
print("big int", sys.getrefcount(n))
m = [n] * 5
print("big int in list of five", sys.getrefcount(n))
