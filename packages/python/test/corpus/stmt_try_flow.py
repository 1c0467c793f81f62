# Control flow through try/finally: break, continue and return inside try and finally.
def search(items, target):
    for i, item in enumerate(items):
        try:
            if item == target:
                return i
        finally:
            print("checked", item)
    return -1


print(search(["a", "b", "c"], "b"))
for i in range(4):
    try:
        if i == 1:
            continue
        if i == 3:
            break
        print("body", i)
    finally:
        print("finally", i)


def nested():
    try:
        try:
            raise ValueError("inner")
        finally:
            print("inner finally")
    except ValueError as e:
        print("outer caught", e)
    finally:
        print("outer finally")
    return "done"


print(nested())


def exception_in_else():
    try:
        pass
    except ValueError:
        print("not here")
    else:
        raise KeyError("from else")


try:
    exception_in_else()
except KeyError as e:
    print("KeyError", e)
