# In a garbage cycle, weakref callbacks run before __del__ methods, and both before the
# cycle is cleared.
import gc
import weakref


class Part:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("__del__", self.name)


gc.collect()
x = Part("x")
y = Part("y")
x.y = y
y.x = x
keep = [weakref.ref(x, lambda r: print("callback x")), weakref.ref(y, lambda r: print("callback y"))]
del x, y
print("collect")
print("collected", gc.collect())
print("refs dead", [r() for r in keep])
