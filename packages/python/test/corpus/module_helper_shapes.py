# A helper module imported by module_import_own.py; run directly, it describes itself.
import math

UNIT = "cm"
created = []


class Circle:
    def __init__(self, r):
        self.r = r
        created.append(self)

    def area(self):
        return round(math.pi * self.r * self.r, 3)


def square_area(side):
    return side * side


def describe():
    return "shapes module, unit " + UNIT + ", name " + __name__


if __name__ == "__main__":
    print("running as a script:", describe())
    print(Circle(1).area(), square_area(3))
