# for loops over every iterable kind, with break/continue/else and nested loops.
for c in "hey":
    print(c, end=" ")
print()
for x in (1, 2):
    print(x, end=" ")
print()
for k in {"b": 1, "a": 2}:
    print(k, end=" ")
print()
for k, v in {"b": 1, "a": 2}.items():
    print(k, v, end=" ")
print()
for n in range(10, 0, -3):
    print(n, end=" ")
print()
for p in range(2, 30):
    for d in range(2, p):
        if p % d == 0:
            break
    else:
        print(p, end=" ")
print()
for i in range(5):
    if i == 1:
        continue
    if i == 4:
        break
    print("i", i)
else:
    print("not reached")
for i in []:
    print("never")
else:
    print("else after an empty loop")
total = 0
for i in range(4):
    for j in range(4):
        if j > i:
            break
        total += j
print(total)
items = [1, 2, 3]
for item in items:
    if item == 2:
        items.append(4)
print(items)
for i in range(3):
    pass
print("loop variable survives", i)
