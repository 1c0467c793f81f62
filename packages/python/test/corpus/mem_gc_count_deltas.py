# How much gc.get_count()[0] grows for each kind of allocation, measured as differences
# against an empty statement.
import gc


class Plain:
    pass


class WithSlots:
    __slots__ = ("a",)


keep = []


def growth(make):
    gc.collect()
    before = gc.get_count()[0]
    keep.append(make())
    return gc.get_count()[0] - before


baseline = growth(lambda: None)
cases = [
    ("int", lambda: 10**20),
    ("str", lambda: "s" * 10),
    ("empty tuple", lambda: ()),
    ("tuple", lambda: (1, [])),
    ("list", lambda: []),
    ("list of lists", lambda: [[], [], []]),
    ("dict", lambda: {}),
    ("dict with a list", lambda: {"a": []}),
    ("set", lambda: {1, 2}),
    ("instance", lambda: Plain()),
    ("slotted instance", lambda: WithSlots()),
    ("lambda", lambda: lambda: 0),
    ("bound method", lambda: Plain().__init__),
    ("generator", lambda: (x for x in ())),
    ("list comprehension", lambda: [i for i in range(3)]),
    ("iterator", lambda: iter([1])),
]
for name, make in cases:
    print(name, growth(make) - baseline)
