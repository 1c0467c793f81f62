# An object whose __del__ stores itself somewhere survives; __del__ is not run a second time.
import gc
import sys

saved = []


class Phoenix:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name)
        saved.append(self)


p = Phoenix("first")
del p
print("resurrected", len(saved), saved[0].name, sys.getrefcount(saved[0]))
saved.clear()
print("cleared: __del__ did not run again")
gc.collect()
q = Phoenix("cyclic")
q.me = q
del q
print("collect", gc.collect())
print("resurrected from a cycle", len(saved), saved[0].name, saved[0].me is saved[0])
saved[0].me = None
saved.clear()
print("second release is silent", gc.collect())


class Once:
    count = 0

    def __del__(self):
        Once.count += 1
        if Once.count == 1:
            global survivor
            survivor = self


o = Once()
del o
print("finalizer runs", Once.count)
del survivor
print("finalizer ran once", Once.count)
