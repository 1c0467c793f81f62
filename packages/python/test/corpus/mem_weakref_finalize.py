# weakref.finalize runs once, when the object dies or when called, and reports alive/detach.
import weakref


class Resource:
    pass


def cleanup(name, code):
    print("cleanup", name, code)


r = Resource()
f = weakref.finalize(r, cleanup, "r", 1)
print("alive", f.alive)
del r
print("alive after del", f.alive)
s = Resource()
g = weakref.finalize(s, cleanup, "s", 2)
print("called early returns", g())
print("second call returns", g())
del s
print("no second cleanup")
t = Resource()
h = weakref.finalize(t, cleanup, "t", 3)
print("detach gives the arguments back", h.detach()[2])
del t
print("detached, nothing ran")
u = Resource()
k = weakref.finalize(u, cleanup, "at exit", 4)
print("end of program")
