# Set algebra on small ints: inclusion–exclusion, power sets, and graph neighbourhoods.
U = set(range(1, 31))
div2 = {n for n in U if n % 2 == 0}
div3 = {n for n in U if n % 3 == 0}
div5 = {n for n in U if n % 5 == 0}
print(len(div2 | div3 | div5), len(div2) + len(div3) + len(div5) - len(div2 & div3) - len(div2 & div5) - len(div3 & div5) + len(div2 & div3 & div5))
print(sorted(U - (div2 | div3 | div5)))
items = [1, 2, 3]
power = [set()]
for x in items:
    power += [s | {x} for s in power]
print(sorted(sorted(s) for s in power))
edges = [(1, 2), (2, 3), (3, 1), (3, 4), (5, 6)]
nbrs = {}
for a, b in edges:
    nbrs.setdefault(a, set()).add(b)
    nbrs.setdefault(b, set()).add(a)
print({k: sorted(v) for k, v in sorted(nbrs.items())})
seen = set()
components = []
for start in sorted(nbrs):
    if start in seen:
        continue
    comp = set()
    stack = [start]
    while stack:
        n = stack.pop()
        if n not in comp:
            comp.add(n)
            stack.extend(nbrs[n] - comp)
    seen |= comp
    components.append(sorted(comp))
print(components)
