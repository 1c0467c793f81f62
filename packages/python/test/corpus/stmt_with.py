# with statements: __enter__/__exit__, exception suppression, nesting and `as` targets.
class Ctx:
    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress

    def __enter__(self):
        print("enter", self.name)
        return self.name.upper()

    def __exit__(self, exc_type, exc, tb):
        print("exit", self.name, exc_type.__name__ if exc_type else None, exc)
        return self.suppress


with Ctx("a") as value:
    print("body", value)
with Ctx("outer"), Ctx("inner") as inner:
    print("nested body", inner)
with Ctx("suppressing", suppress=True):
    raise ValueError("swallowed")
print("after suppression")
try:
    with Ctx("passing"):
        raise KeyError("k")
except KeyError as e:
    print("propagated", e)


def early():
    with Ctx("return"):
        return "returned"


print(early())
for i in range(3):
    with Ctx("loop" + str(i)):
        if i == 1:
            continue
        if i == 2:
            break
        print("loop body", i)
