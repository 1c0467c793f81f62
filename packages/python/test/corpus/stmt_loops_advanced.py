# Loops in practice: nested break via flags, while with complex conditions, for-else searches.
grid = [[1, 2, 3], [4, 42, 6], [7, 8, 9]]
found = None
for r, row in enumerate(grid):
    for c, value in enumerate(row):
        if value == 42:
            found = (r, c)
            break
    if found:
        break
print(found)
for target in (5, 50):
    for row in grid:
        if target in row:
            print(target, "found")
            break
    else:
        print(target, "missing")
a, b = 0, 1
count = 0
while b < 1000 and count < 100:
    a, b = b, a + b
    count += 1
print(a, b, count)
n = 0
while True:
    n += 1
    if n % 7 == 0 and n % 5 == 0:
        break
print(n)
result = []
for i in range(3):
    for j in range(3):
        if j == i:
            continue
        result.append((i, j))
print(result)
