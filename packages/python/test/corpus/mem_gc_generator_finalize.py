# A suspended generator caught in a cycle: the collector runs its finalizer (closing it) and frees it.
import gc
import weakref

gc.collect()


class Owner:
    pass


def produce(owner):
    try:
        yield 1
        yield 2
    finally:
        print("generator closed")


o = Owner()
alive = weakref.ref(o)
o.gen = produce(o)
print(next(o.gen))
del o
print("still alive before collect", alive() is not None)
print("collect returned", gc.collect())
print("alive after collect", alive() is not None)
