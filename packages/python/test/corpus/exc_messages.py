# CPython's exception messages for common mistakes.
cases = [
    lambda: [1][5],
    lambda: {}["k"],
    lambda: None.attr,
    lambda: "a" + 1,
    lambda: 1 + "a",
    lambda: len(5),
    lambda: int("x"),
    lambda: [].pop(),
    lambda: (1, 2).append(3),
    lambda: undefined_thing,
    lambda: 1 / 0,
    lambda: 5 % 0,
    lambda: "abc"[10],
    lambda: iter(5),
    lambda: next(iter([])),
    lambda: "x" * "y",
    lambda: [1, 2] * 1.5,
    lambda: (lambda s: s[0])({1, 2}),
    lambda: float("abc"),
    lambda: "%d" % "x",
    lambda: (lambda a: a)(),
    lambda: list(1),
    lambda: -"x",
    lambda: {}.get(),
    lambda: "a".join([1]),
]
for case in cases:
    try:
        case()
    except Exception as e:
        print(type(e).__name__ + ":", e)
