# random with a seed gives CPython's exact sequence.
import random

random.seed(1)
print(random.random(), random.random())
random.seed(42)
print([random.randint(1, 100) for _ in range(10)])
print(random.randrange(0, 1000, 7), random.uniform(1.5, 2.5), random.getrandbits(64))
items = list(range(10))
random.shuffle(items)
print(items)
print(random.choice("abcdefg"), random.sample(range(100), 5))
random.seed("a string seed")
print(random.random())
random.seed(12345)
print(random.gauss(0, 1), random.triangular(0, 10, 3), random.expovariate(1.5))
state = random.getstate()
first = [random.random() for _ in range(3)]
random.setstate(state)
print(first == [random.random() for _ in range(3)])
random.seed(2**100 + 7)
print(random.random(), random.randint(-10**20, 10**20))
