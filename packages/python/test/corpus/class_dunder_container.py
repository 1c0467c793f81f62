# Container protocol: __len__, __getitem__, __setitem__, __delitem__, __contains__, __iter__, __next__.
class Grid:
    def __init__(self, w, h):
        self.w = w
        self.h = h
        self.cells = {}

    def __len__(self):
        return self.w * self.h

    def __getitem__(self, key):
        x, y = key
        if not (0 <= x < self.w and 0 <= y < self.h):
            raise IndexError("cell out of range")
        return self.cells.get(key, ".")

    def __setitem__(self, key, value):
        self.cells[key] = value

    def __delitem__(self, key):
        del self.cells[key]

    def __contains__(self, value):
        return value in self.cells.values()

    def __iter__(self):
        for y in range(self.h):
            for x in range(self.w):
                yield self[x, y]


g = Grid(3, 2)
g[1, 0] = "#"
g[2, 1] = "@"
print(len(g), g[1, 0], g[0, 0], "#" in g, "x" in g)
print("".join(g))
del g[1, 0]
print(list(g))
try:
    g[5, 5]
except IndexError as e:
    print("IndexError", e)


class Countdown:
    def __init__(self, n):
        self.n = n

    def __iter__(self):
        return self

    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n + 1


print(list(Countdown(5)), sum(Countdown(4)), max(Countdown(3)))
for v in Countdown(2):
    print("v", v)


class Seq:
    def __getitem__(self, i):
        if i >= 4:
            raise IndexError
        return i * i


print(list(Seq()), 9 in Seq(), 5 in Seq())
print(bool(Grid(0, 5)), bool(Grid(1, 1)))
