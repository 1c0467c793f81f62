# Classic list algorithms: binary search, merge sort, quicksort, sieve, rotations, matrix product.
def binary_search(items, target):
    lo, hi = 0, len(items) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        if items[mid] == target:
            return mid
        if items[mid] < target:
            lo = mid + 1
        else:
            hi = mid - 1
    return -1


def merge_sort(items):
    if len(items) <= 1:
        return items
    mid = len(items) // 2
    left, right = merge_sort(items[:mid]), merge_sort(items[mid:])
    out = []
    i = j = 0
    while i < len(left) and j < len(right):
        if left[i] <= right[j]:
            out.append(left[i])
            i += 1
        else:
            out.append(right[j])
            j += 1
    return out + left[i:] + right[j:]


def quicksort(items):
    if len(items) <= 1:
        return items
    pivot, *rest = items
    return quicksort([x for x in rest if x < pivot]) + [pivot] + quicksort([x for x in rest if x >= pivot])


data = [(i * 7919) % 101 for i in range(30)]
print(data)
print(merge_sort(data) == sorted(data), quicksort(data) == sorted(data))
s = sorted(data)
print(binary_search(s, s[17]) >= 0, binary_search(s, 1000))
sieve = [True] * 100
sieve[0] = sieve[1] = False
for i in range(2, 10):
    if sieve[i]:
        sieve[i * i :: i] = [False] * len(sieve[i * i :: i])
print([i for i, p in enumerate(sieve) if p])
r = list(range(8))
print(r[3:] + r[:3], r[-3:] + r[:-3])
A = [[1, 2], [3, 4], [5, 6]]
B = [[7, 8, 9], [10, 11, 12]]
print([[sum(a * b for a, b in zip(row, col)) for col in zip(*B)] for row in A])
