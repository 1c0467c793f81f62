# __del__ runs as soon as the last reference goes, in the order containers release their items.
class Noisy:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name)


a = Noisy("a")
b = a
print("rebinding one of two names")
a = None
print("rebinding the last name")
b = None
print("list of three deleted")
lst = [Noisy("l0"), Noisy("l1"), Noisy("l2")]
del lst
print("tuple of three deleted")
tup = (Noisy("t0"), Noisy("t1"), Noisy("t2"))
del tup
print("dict of three deleted")
d = {"k0": Noisy("d0"), "k1": Noisy("d1"), "k2": Noisy("d2")}
del d
print("list cleared")
lst = [Noisy("c0"), Noisy("c1")]
lst.clear()
print("slice assignment")
lst = [Noisy("s0"), Noisy("s1"), Noisy("s2")]
lst[0:2] = []
print("pop discarded")
lst.pop()
print("nested containers")
outer = [Noisy("o0"), [Noisy("i0"), Noisy("i1")], Noisy("o1")]
del outer


def scope():
    x = Noisy("local x")
    y = Noisy("local y")
    print("returning")


scope()
print("after the call")


def returned():
    return Noisy("temporary")


returned()
print("expression statement done")
n = Noisy("attribute owner")
n.child = Noisy("child")
del n
print("instance attributes")
c = Noisy("kept to the end")
print("end of module")
