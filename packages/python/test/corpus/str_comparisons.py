# String comparison, membership, hashing-free dict use of str keys, sorting rules.
names = ["bob", "Alice", "carol", "alice", "Bob", "_x", "10", "9"]
print(sorted(names))
print(sorted(names, key=str.lower))
print(sorted(names, key=lambda s: (len(s), s)))
print("abc" == "abc", "abc" != "abd", "a" * 0 == "", "ab" < "abc", "abc" < "b")
d = {}
for word in "one two three two one one".split():
    d[word] = d.get(word, 0) + 1
print(d, sorted(d.items(), key=lambda kv: -kv[1]))
print(max(names), min(names), "Alice" in names, "alice" in "Alice".lower())
