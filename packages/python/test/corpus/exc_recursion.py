# Unbounded recursion raises RecursionError; caught once, then uncaught.
import sys


def down(n):
    return down(n + 1)


try:
    down(0)
except RecursionError as e:
    print("caught", e)
print("limit", sys.getrecursionlimit())


def count(n):
    return 1 if n == 0 else 1 + count(n - 1)


print(count(500))
sys.setrecursionlimit(100)
try:
    count(200)
except RecursionError:
    print("lower limit applies")
sys.setrecursionlimit(1000)
down(0)
