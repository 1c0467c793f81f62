# Arithmetic and comparison dunders, reflected operators, __eq__/__hash__, __bool__.
class Vec:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __repr__(self):
        return "Vec(%r, %r)" % (self.x, self.y)

    def __add__(self, other):
        return Vec(self.x + other.x, self.y + other.y)

    def __sub__(self, other):
        return Vec(self.x - other.x, self.y - other.y)

    def __mul__(self, k):
        return Vec(self.x * k, self.y * k)

    def __rmul__(self, k):
        return self * k

    def __neg__(self):
        return Vec(-self.x, -self.y)

    def __abs__(self):
        return (self.x ** 2 + self.y ** 2) ** 0.5

    def __eq__(self, other):
        return isinstance(other, Vec) and (self.x, self.y) == (other.x, other.y)

    def __hash__(self):
        return hash((self.x, self.y))

    def __lt__(self, other):
        return abs(self) < abs(other)

    def __bool__(self):
        return bool(self.x or self.y)

    def __iadd__(self, other):
        self.x += other.x
        self.y += other.y
        return self


a = Vec(1, 2)
b = Vec(3, 4)
print(a + b, a - b, a * 3, 3 * a, -a, abs(b))
print(a == Vec(1, 2), a != b, a == 5, a < b, b > a, sorted([b, a]))
print(len({a, Vec(1, 2), b}), bool(Vec(0, 0)), bool(a))
c = a
c += b
print(a, c is a)
try:
    a + 1
except AttributeError as e:
    print("AttributeError", e)


class Money:
    def __init__(self, cents):
        self.cents = cents

    def __add__(self, other):
        if isinstance(other, int):
            return Money(self.cents + other)
        return NotImplemented

    __radd__ = __add__

    def __repr__(self):
        return "Money(" + str(self.cents) + ")"


print(Money(5) + 3, 3 + Money(5), sum([1, 2], Money(0)))
try:
    Money(1) + "x"
except TypeError as e:
    print("TypeError", e)


class NoHash:
    def __eq__(self, other):
        return True


try:
    hash(NoHash())
except TypeError as e:
    print("TypeError", e)
