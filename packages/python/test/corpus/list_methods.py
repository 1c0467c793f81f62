# list methods: append, extend, insert, remove, pop, index, count, sort, reverse, copy, clear.
a = [3, 1, 4, 1, 5]
a.append(9)
a.extend([2, 6])
a.insert(0, 0)
a.insert(100, 7)
a.insert(-1, 8)
print(a)
a.remove(1)
print(a, a.pop(), a.pop(0), a.pop(-2))
print(a, a.index(4), a.count(1), a.index(1, 2) if 1 in a[2:] else None)
b = a.copy()
b.sort()
print(a, b)
b.sort(reverse=True)
print(b)
b.reverse()
print(b)
words = ["pear", "Fig", "apple", "kiwi"]
words.sort(key=len)
print(words)
words.sort(key=str.lower, reverse=True)
print(words)
b.clear()
print(b, len(b))
for bad in (lambda: a.remove(99), lambda: a.index(99), lambda: [].pop(), lambda: a.pop(100)):
    try:
        bad()
    except (ValueError, IndexError) as e:
        print(type(e).__name__, e)
print([1, 2] + [3], [0] * 3, [[0] * 2] * 2, 3 in [1, 2, 3], len([[], []]))
print(list(range(3)) == [0, 1, 2], [1, 2] * 0, [1, [2, [3]]][1][1][0])
