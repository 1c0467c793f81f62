# if/elif/else chains and while loops with break, continue and else.
for n in range(-2, 4):
    if n < 0:
        print(n, "negative")
    elif n == 0:
        print(n, "zero")
    elif n == 1:
        print(n, "one")
    else:
        print(n, "many")
i = 0
while i < 10:
    i += 1
    if i % 2:
        continue
    if i > 6:
        break
    print("even", i)
else:
    print("not reached")
print("stopped at", i)
j = 0
while j < 3:
    j += 1
else:
    print("while else runs when the condition fails", j)
n = 27
steps = 0
while n != 1:
    n = n // 2 if n % 2 == 0 else 3 * n + 1
    steps += 1
print("collatz steps", steps)
while True:
    steps -= 50
    if steps < 0:
        break
print(steps)
