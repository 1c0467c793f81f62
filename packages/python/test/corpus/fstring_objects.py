# f-strings with objects: __str__, __repr__, __format__, and !r/!s on user classes.
class Temp:
    def __init__(self, c):
        self.c = c

    def __str__(self):
        return str(self.c) + "C"

    def __repr__(self):
        return "Temp(" + repr(self.c) + ")"

    def __format__(self, spec):
        if spec == "f":
            return str(self.c * 9 / 5 + 32) + "F"
        return str(self)


t = Temp(100)
print(f"{t}", f"{t!r}", f"{t!s}", f"{t:f}", format(t, "f"), str(t), repr(t))
rows = [("apple", 1.5, 3), ("banana", 0.25, 12), ("cherry", 10.0, 1)]
print(f"{'name':<10}{'price':>8}{'qty':>5}")
for n, p, q in rows:
    print(f"{n:<10}{p:>8.2f}{q:>5d}")
total = sum(p * q for _, p, q in rows)
print(f"{'total':<10}{total:>8.2f}")
print(format(3.14159, ".2f"), format(42, "^7"), format("s", ">3"), format(10**6, ","), format(0.25, ".0%"))
try:
    f"{'x':d}"
except ValueError as e:
    print("ValueError", e)
try:
    format(1.5, "d")
except ValueError as e:
    print("ValueError", e)
