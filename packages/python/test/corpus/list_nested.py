# Nested lists, aliasing versus copying, list of lists pitfalls, in-place operations.
grid = [[0] * 3] * 3
grid[0][0] = 1
print(grid)
grid = [[0] * 3 for _ in range(3)]
grid[0][0] = 1
print(grid)
a = [1, [2, 3]]
shallow = a[:]
shallow[1].append(4)
shallow[0] = 99
print(a, shallow)
deep = [x[:] if isinstance(x, list) else x for x in a]
deep[1].append(5)
print(a, deep)
stack = []
for i in range(4):
    stack.append(i)
print(stack.pop(), stack.pop(), stack)
queue = [1, 2, 3]
queue.append(4)
print(queue.pop(0), queue)
flat = [v for row in [[1, 2], [3], []] for v in row]
print(flat)
transposed = list(map(list, zip(*[[1, 2, 3], [4, 5, 6]])))
print(transposed)
lst = [5, 3, 8]
lst[1:1] = [10, 11]
print(lst)
lst[-1:] = []
print(lst, lst * 2, [lst] * 2)
