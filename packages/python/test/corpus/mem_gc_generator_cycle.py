# gc.collect() counts generators caught in cycles and exceptions whose traceback refers back to them.
import gc

gc.collect()


def gen():
    me = yield
    yield me


g = gen()
next(g)
g.send(g)
del g
print("generator holding itself", gc.collect())


def fails():
    raise KeyError("k")


def catch():
    try:
        fails()
    except KeyError as e:
        saved = e
    return saved


err = catch()
print(type(err).__name__, err)
del err
print("exception, traceback and frame", gc.collect())


def keep_frame():
    try:
        1 / 0
    except ZeroDivisionError as e:
        holder = [e]
    return holder


h = keep_frame()
del h
print("list holding an exception whose frame holds the list", gc.collect())
