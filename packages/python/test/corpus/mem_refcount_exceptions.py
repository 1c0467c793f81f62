# Exceptions keep their traceback, tracebacks keep frames, and `except ... as e` unbinds e.
import sys

o = object()
base = sys.getrefcount(o)


def fail(obj):
    local = obj
    raise ValueError("boom")


try:
    fail(o)
except ValueError as e:
    print("inside except, frame still referenced by the traceback", sys.getrefcount(o) - base)
    print("exception refcount", sys.getrefcount(e))
print("after except", sys.getrefcount(o) - base)
try:
    e
except NameError as err:
    print("name unbound:", err)

saved = None
try:
    fail(o)
except ValueError as e:
    saved = e
print("saved exception keeps the frame", sys.getrefcount(o) - base)
saved = None
print("released", sys.getrefcount(o) - base)

err = ValueError(o)
print("exception args hold the object", sys.getrefcount(o) - base, err.args[0] is o)
del err
print("end", sys.getrefcount(o) - base)
