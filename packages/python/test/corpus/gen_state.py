# Generators keep local state between resumptions: a tokenizer and a state machine.
def tokens(text):
    word = ""
    for ch in text:
        if ch.isalnum():
            word += ch
        else:
            if word:
                yield ("word", word)
                word = ""
            if not ch.isspace():
                yield ("punct", ch)
    if word:
        yield ("word", word)


print(list(tokens("Hello, world! x1 = (a+b);")))


def traffic_light():
    states = ["green", "yellow", "red"]
    i = 0
    while True:
        command = yield states[i]
        if command == "reset":
            i = 0
        else:
            i = (i + 1) % 3


t = traffic_light()
print(next(t), next(t), next(t), next(t), t.send("reset"), next(t))


def windowed(seq, n):
    window = []
    for x in seq:
        window.append(x)
        if len(window) > n:
            window.pop(0)
        if len(window) == n:
            yield tuple(window)


print(list(windowed(range(6), 3)))
