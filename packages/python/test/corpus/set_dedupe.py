# Using sets for de-duplication and membership; preserving order with a seen-set.
items = [5, 3, 5, 1, 3, 9, 1, 5]
seen = set()
unique = []
for x in items:
    if x not in seen:
        seen.add(x)
        unique.append(x)
print(unique, sorted(seen), len(seen))
words = "the cat and the hat and the bat".split()
print(sorted(set(words)), len(words) - len(set(words)))
primes = set(range(2, 50))
for n in range(2, 8):
    primes -= set(range(n * n, 50, n))
print(sorted(primes))
pairs = {(a, b) for a in range(3) for b in range(3) if a < b}
print(sorted(pairs))
