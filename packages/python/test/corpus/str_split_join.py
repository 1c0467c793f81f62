# Parsing text with split, strip, partition and join: a small CSV and key=value parser.
csv = """name, qty, price
apple, 3, 1.25
banana, 12, 0.5
 cherry ,1, 10
"""
lines = csv.strip().splitlines()
header = [h.strip() for h in lines[0].split(",")]
rows = []
for line in lines[1:]:
    fields = [f.strip() for f in line.split(",")]
    rows.append(dict(zip(header, fields)))
print(header)
for row in rows:
    print(row["name"].ljust(8), int(row["qty"]) * float(row["price"]))
config = "host = example.org\nport=8080\n# comment\n\nmode = fast = yes\n"
settings = {}
for line in config.splitlines():
    line = line.strip()
    if not line or line.startswith("#"):
        continue
    key, _, value = line.partition("=")
    settings[key.strip()] = value.strip()
print(settings)
print("|".join(s.center(7) for s in ["a", "bb", "ccc"]))
print(" ".join(w.capitalize() for w in "the quick brown fox".split()), "a,b;c d".replace(";", ",").replace(" ", ",").split(","))
