# Reference counts of a context manager and of the value `as` binds, inside and after a with block.
import sys


class Manager:
    def __enter__(self):
        print("inside __enter__", sys.getrefcount(self))
        return self

    def __exit__(self, *exc):
        print("inside __exit__", sys.getrefcount(self))
        return False


m = Manager()
print("before", sys.getrefcount(m))
with m:
    print("in the block", sys.getrefcount(m))
print("after", sys.getrefcount(m))
with m as bound:
    print("in the block with as", sys.getrefcount(m))
print("after, name still bound", sys.getrefcount(m))
del bound
with Manager() as temp:
    print("temporary manager", sys.getrefcount(temp))
print("temporary still bound after", sys.getrefcount(temp))
