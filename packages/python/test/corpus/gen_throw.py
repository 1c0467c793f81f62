# generator.throw, exceptions inside generators, and generators in try/finally.
def resilient():
    while True:
        try:
            yield "ready"
        except ValueError as e:
            print("handled inside:", e)


r = resilient()
next(r)
print(r.throw(ValueError("first")))
print(r.throw(ValueError("second")))
try:
    r.throw(KeyError("not handled"))
except KeyError as e:
    print("propagated", e)
print(next(r, "finished"))


def failing():
    yield 1
    raise RuntimeError("inside generator")


f = failing()
print(next(f))
try:
    next(f)
except RuntimeError as e:
    print("RuntimeError", e)


def bad_stop():
    yield 1
    raise StopIteration("leaked")


try:
    list(bad_stop())
except RuntimeError as e:
    print("RuntimeError", e)
