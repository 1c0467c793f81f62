# Classes: __init__, instance and class attributes, methods, __repr__ and __str__.
class Point:
    dims = 2

    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __repr__(self):
        return "Point(" + repr(self.x) + ", " + repr(self.y) + ")"

    def __str__(self):
        return "(" + str(self.x) + ", " + str(self.y) + ")"

    def moved(self, dx, dy):
        return Point(self.x + dx, self.y + dy)


p = Point(1, 2)
print(p, repr(p), [p], str(p), p.moved(3, 4))
print(p.dims, Point.dims, p.x)
p.dims = 3
print(p.dims, Point.dims)
Point.dims = 5
print(Point(0, 0).dims, p.dims)
print(type(p).__name__, type(p) is Point, isinstance(p, Point), isinstance(p, object))
print(sorted(vars(p).items()))


class NoRepr:
    pass


print(str(NoRepr.__name__), NoRepr().__class__.__name__)


class OnlyRepr:
    def __repr__(self):
        return "<OnlyRepr>"


print(OnlyRepr(), str(OnlyRepr()), "%s" % OnlyRepr())
m = Point.moved
print(m(p, 1, 1), Point.__name__)
