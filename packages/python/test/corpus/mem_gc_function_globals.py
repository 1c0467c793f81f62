# A module-level function and its module's globals refer to each other (function.__globals__ is
# the module dict, which holds the function), yet deleting the name frees the function at once:
# the dict entry was the function's only owner. Functions of an imported module share that
# module's dict as their globals.
import gc
import sys
import weakref

import module_helper_counter


def f():
    return f


print("the globals hold the function", f.__globals__["f"] is f)
print("f() finds itself through its globals", f() is f)
print("refcount", sys.getrefcount(f))
print("tracked", gc.is_tracked(f), gc.is_tracked(f.__globals__))
ref = weakref.ref(f, lambda r: print("function freed by reference counting"))
gc.collect()
del f
print("after del, the collector finds", gc.collect())
print("imported functions use their module's dict", module_helper_counter.increment.__globals__ is module_helper_counter.__dict__)


def outer():
    def inner():
        return inner

    return inner


g = outer()
r2 = weakref.ref(g, lambda r: print("closure freed by the collector"))
del g
print("a nested function that names itself is a cycle through its cell")
print("collected", gc.collect())
