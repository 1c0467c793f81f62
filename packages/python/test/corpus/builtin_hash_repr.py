# hash of numbers and tuples of numbers (deterministic), repr of nested containers and recursion.
print(hash(0), hash(1), hash(-1), hash(-2), hash(2**61 - 1), hash(2**61), hash(10**20), hash(-(10**20)))
print(hash(0.5), hash(1.0), hash(-1.5), hash(1e100), hash(float("inf")), hash(True), hash(None) == hash(None))
print(hash((1, 2)), hash(()), hash((0,)), hash(((1, 2), 3)), hash(frozenset()) , hash(frozenset([1, 2])))
a = [1, 2]
a.append(a)
print(a, repr(a))
d = {"k": 1}
d["self"] = d
print(d)
print(repr([None, True, 1.0, "s", b"b", (1,), {}, set()]))
print(repr(((),)), repr([[[]]]), repr({1: {2: {3: {}}}}))
