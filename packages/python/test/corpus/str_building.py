# Building strings: concatenation in loops, join, repetition, formatting numbers into text.
out = ""
for i in range(10):
    out += str(i)
print(out)
parts = []
for word in "the quick brown fox".split():
    parts.append(word[::-1])
print(" ".join(parts))
table = []
for row in range(1, 4):
    table.append(" ".join(str(row * col).rjust(3) for col in range(1, 6)))
print("\n".join(table))
print("=" * 20)
s = "Mississippi"
counts = {}
for ch in s:
    counts[ch] = counts.get(ch, 0) + 1
print(counts)
print(s.lower().count("ss"), s.replace("ss", "SS"), s.split("s"))
caesar = "".join(chr((ord(c) - 97 + 3) % 26 + 97) if c.isalpha() else c for c in "hello world")
print(caesar)
print(str(3) + "3", int("3" * 3) + 1, "3" < "10", 3 < 10)
