### Every Python object includes a reference count as part of its metadata. When you create a new object, its reference count is initialized to one.
# As you assign this object to different variables or data structures, the reference count increases.
#  Conversely, when you delete these references, the reference count decreases.


import sys

a = [1, 2, 3]
print(sys.getrefcount(a))  # Outputs 2 because the reference count includes the argument to getrefcount

b = a
print(sys.getrefcount(a))  # Outputs 3

c = a
print(sys.getrefcount(a))  # Outputs 4

del b
print(sys.getrefcount(a))  # Outputs 3

del c
print(sys.getrefcount(a))  # Outputs 2

del a
# The reference count drops to 1, but because sys.getrefcount was called, the object is still in scope within that call
