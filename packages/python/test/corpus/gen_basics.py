# Generators: yield, send, return values, StopIteration, close, and generator state.
def countdown(n):
    while n > 0:
        yield n
        n -= 1
    return "liftoff"


print(list(countdown(5)))
g = countdown(2)
print(next(g), next(g))
try:
    next(g)
except StopIteration as e:
    print("StopIteration", e.value)
print(next(g, "default after exhaustion"))


def echo():
    received = None
    while True:
        received = yield received
        if received == "stop":
            return


e = echo()
print(next(e), e.send("a"), e.send("b"))
try:
    e.send("stop")
except StopIteration:
    print("stopped")


def closing():
    try:
        yield 1
        yield 2
    finally:
        print("cleanup")


c = closing()
print(next(c))
c.close()
print("closed")


def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b


out = []
for v in fib():
    if v > 100:
        break
    out.append(v)
print(out)
squares = (x * x for x in range(5))
print(type(squares).__name__, sum(squares), sum(squares))
