# A class-based context manager that records, and one that converts exceptions.
class Recorder:
    def __init__(self):
        self.log = []

    def __enter__(self):
        self.log.append("enter")
        return self

    def __exit__(self, t, v, tb):
        self.log.append("exit:" + (t.__name__ if t else "ok"))
        return False


with Recorder() as r:
    r.log.append("work")
print(r.log)


class Convert:
    def __enter__(self):
        return None

    def __exit__(self, t, v, tb):
        if t is KeyError:
            raise LookupError("converted from " + repr(v))
        return False


try:
    with Convert():
        {}["missing"]
except LookupError as e:
    print(type(e).__name__, e, type(e.__context__).__name__)
