# frozenset as dict keys and set members, and set methods returning new objects.
groups = {frozenset({1, 2}): "pair", frozenset({3}): "single", frozenset(): "empty"}
print(groups[frozenset([2, 1])], groups[frozenset()], len(groups))
family = {frozenset({1, 2}), frozenset({2, 1}), frozenset({3, 4})}
print(len(family), frozenset({1, 2}) in family)
a = frozenset(range(5))
b = a | {10}
c = a.difference({0, 1})
print(type(b).__name__, sorted(b), sorted(c), a.isdisjoint(frozenset({7})), a == set(range(5)))
s = {1, 2, 3}
print(s.union(), s.intersection({2, 3}, {3}), s.difference(), s.copy() is s)
u = set()
for part in ({1}, {2, 3}, {3, 4}):
    u |= part
print(u, frozenset(u) == u, {1, 2} == frozenset([1, 2]))
