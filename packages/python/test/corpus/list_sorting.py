# Sorting stability, keys, reverse, sorting records, and sorting with mixed numbers.
records = [("alice", 30, 5.5), ("bob", 25, 7.0), ("carol", 30, 6.0), ("dave", 25, 5.5)]
print(sorted(records, key=lambda r: r[1]))
print(sorted(records, key=lambda r: (r[1], -r[2])))
print(sorted(records, key=lambda r: r[2], reverse=True))
nums = [3, 1.5, -2, 0, 2.5, True, False]
print(sorted(nums))
data = list(range(20))
data.sort(key=lambda x: x % 3)
print(data)
letters = list("pymemheap")
letters.sort()
print(letters, sorted(set(letters)))
matrix = [[3, 1], [1, 2], [3, 0], [1, 1]]
print(sorted(matrix), max(matrix), min(matrix))
try:
    sorted([1, "a"])
except TypeError as e:
    print("TypeError", e)
