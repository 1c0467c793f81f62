# sys.getsizeof of a list as append over-allocates, and of lists built other ways.
import sys

lst = []
last = sys.getsizeof(lst)
print("empty", last)
for i in range(200):
    lst.append(i)
    size = sys.getsizeof(lst)
    if size != last:
        print("len", len(lst), "size", size)
        last = size
while lst:
    lst.pop()
    size = sys.getsizeof(lst)
    if size != last:
        print("pop to len", len(lst), "size", size)
        last = size
for n in range(0, 12):
    print("literal of", n, sys.getsizeof(list(range(n))), sys.getsizeof([0] * n))
print("display", sys.getsizeof([1, 2, 3]), sys.getsizeof([1, 2, 3, 4, 5]))
print("comprehension", sys.getsizeof([i for i in range(10)]), sys.getsizeof([i for i in range(100)]))
a = [1, 2, 3]
a.extend(range(10))
print("extend", sys.getsizeof(a))
a.insert(0, 5)
print("insert", sys.getsizeof(a))
b = a[2:5]
print("slice", sys.getsizeof(b))
a += [0] * 40
print("iadd", sys.getsizeof(a), len(a))
a.clear()
print("clear", sys.getsizeof(a))
a *= 3
print("imul of empty", sys.getsizeof(a))
c = [0, 1]
c *= 50
print("imul", sys.getsizeof(c))
print("sorted", sys.getsizeof(sorted(range(17))))
