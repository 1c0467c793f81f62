# try/except/else/finally, tuples of types, `as`, re-raise, and exception attributes.
def divide(a, b):
    try:
        result = a / b
    except ZeroDivisionError as e:
        print("caught", type(e).__name__, e)
        return None
    else:
        print("no exception")
        return result
    finally:
        print("finally for", a, b)


print(divide(1, 2))
print(divide(1, 0))
for value in ("12", "x", None, [1]):
    try:
        print(int(value))
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
try:
    try:
        {}["k"]
    except KeyError:
        print("handling, then re-raising")
        raise
except LookupError as e:
    print("outer caught", repr(e))
try:
    raise ValueError("a", 1)
except ValueError as e:
    print(e.args, str(e), repr(e))
try:
    raise TypeError
except TypeError as e:
    print(repr(e), str(e) == "")


def finally_return():
    try:
        return "try"
    finally:
        print("finally runs before return")


print(finally_return())


def finally_overrides():
    try:
        raise ValueError("lost")
    finally:
        return "finally wins"


print(finally_overrides())
