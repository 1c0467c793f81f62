# Recursion: factorial, fibonacci, Ackermann, mutual recursion, permutations, Hanoi.
def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)


def ack(m, n):
    if m == 0:
        return n + 1
    if n == 0:
        return ack(m - 1, 1)
    return ack(m - 1, ack(m, n - 1))


def is_even(n):
    return True if n == 0 else is_odd(n - 1)


def is_odd(n):
    return False if n == 0 else is_even(n - 1)


def perms(items):
    if len(items) <= 1:
        return [items]
    out = []
    for i in range(len(items)):
        for rest in perms(items[:i] + items[i + 1 :]):
            out.append([items[i]] + rest)
    return out


moves = []


def hanoi(n, a, b, c):
    if n:
        hanoi(n - 1, a, c, b)
        moves.append(a + c)
        hanoi(n - 1, b, a, c)


print(fact(30))
print(ack(2, 3))
print(is_even(100), is_odd(7))
print(perms([1, 2, 3]))
hanoi(4, "A", "B", "C")
print(len(moves), moves[:5])


def depth(n):
    return 0 if n == 0 else 1 + depth(n - 1)


print(depth(900))
