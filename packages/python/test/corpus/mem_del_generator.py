# A suspended generator freed by reference counting is closed: its finally blocks and the
# __del__ of its locals run at that moment.
class Resource:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("release", self.name)


def reader(name):
    res = Resource(name)
    try:
        yield 1
        yield 2
    finally:
        print("finally in", name)


g = reader("first")
print(next(g))
print("dropping the suspended generator")
del g
print("after del")
g = reader("second")
for v in g:
    print("got", v)
print("exhausted, then dropped")
del g
g = reader("third")
print("never started, dropped")
del g
print("end")
