# Augmented assignment: in place for lists, new objects for immutables.
a = [1, 2]
alias = a
a += [3]
print(a, alias, a is alias)
t = (1, 2)
talias = t
t += (3,)
print(t, talias, t is talias)
s = "ab"
s += "cd"
s *= 2
print(s)
n = 10
n -= 3
n *= 4
n //= 3
n %= 5
n **= 3
n /= 2
print(n)
d = {"k": 1}
d["k"] += 5
print(d)


class Box:
    def __init__(self):
        self.v = 1


b = Box()
b.v += 10
print(b.v)
lst = [[0], [1]]
lst[1] += [2]
print(lst)
st = {1}
st |= {2}
st &= {2, 3}
print(st)
bits = 0b1100
bits |= 1
bits &= ~4
bits ^= 2
bits <<= 1
bits >>= 2
print(bits)
