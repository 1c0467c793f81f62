# __slots__ restrict attributes; __del__ runs when instances go.
class Slotted:
    __slots__ = ("x", "y")

    def __init__(self, x):
        self.x = x


s = Slotted(1)
print(s.x)
try:
    s.z = 2
except AttributeError as e:
    print("AttributeError", e)
try:
    print(s.y)
except AttributeError as e:
    print("AttributeError", e)
s.y = 5
print(s.y, hasattr(s, "__dict__"))


class Derived(Slotted):
    pass


d = Derived(3)
d.z = 4
print(d.x, d.z, hasattr(d, "__dict__"))


class Tracked:
    live = 0

    def __init__(self):
        Tracked.live += 1

    def __del__(self):
        Tracked.live -= 1


objs = [Tracked() for _ in range(5)]
print(Tracked.live)
objs = objs[:2]
print(Tracked.live)
objs = None
print(Tracked.live)
