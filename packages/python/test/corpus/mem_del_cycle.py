# __del__ of objects in a cycle runs once, from the collector, before the cycle is cleared.
import gc


class Finalized:
    def __init__(self, name):
        self.name = name
        self.peer = None

    def __del__(self):
        print("del", self.name, "peer", self.peer.name if self.peer else None)


gc.collect()
a = Finalized("a")
b = Finalized("b")
a.peer = b
b.peer = a
del a, b
print("collecting the pair")
print("collected", gc.collect())
print("ring of four")
ring = [Finalized("r" + str(i)) for i in range(4)]
for i in range(4):
    ring[i].peer = ring[(i + 1) % 4]
del ring
print("collected", gc.collect())
print("self cycle")
s = Finalized("self")
s.peer = s
del s
print("collected", gc.collect())
print("gc.garbage is empty", gc.garbage == [])
