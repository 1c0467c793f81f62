# Reference counts through closures and their cells.
import sys


def make_counter():
    state = []

    def add(x):
        state.append(x)
        return len(state)

    def peek():
        return sys.getrefcount(state)

    return add, peek


add, peek = make_counter()
print("cell content from inside", peek())
add(1)
add(2)
print("after appends", peek())
print("function", sys.getrefcount(add))
print("closure tuple length", len(add.__closure__))
cell = add.__closure__[0]
print("cell contents is the list", cell.cell_contents == [1, 2])
print("cell object", sys.getrefcount(cell))
del cell
print("cell object released", sys.getrefcount(add.__closure__[0]))


def outer():
    value = object()
    before = sys.getrefcount(value)

    def inner():
        return value

    after = sys.getrefcount(value)
    return before, after, inner


before, after, inner = outer()
print("captured object before and after inner is defined", before, after)
print("captured object after outer returned", sys.getrefcount(inner()))


def nested_levels():
    thing = object()

    def middle():
        def deepest():
            return sys.getrefcount(thing)

        return deepest

    return middle()


print("two levels of closure", nested_levels()())


def lam():
    xs = [0]
    fs = [lambda: xs for _ in range(3)]
    return sys.getrefcount(xs), len(fs)


print("lambdas share one cell", lam())
