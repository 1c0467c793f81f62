# gc.collect() counts cycles made through closures and their cells.
import gc

gc.collect()


def pair():
    a = None
    b = None

    def fa():
        return b

    def fb():
        return a

    a = fa
    b = fb
    return fa


x = pair()
del x
print("two closures sharing cells", gc.collect())


def counter():
    count = [0]

    def step():
        count[0] += 1
        return step

    count.append(step)
    return step


s = counter()
s()()()
del s
print("closure whose cell list holds it", gc.collect())


def lambdas():
    fs = []
    fs.append(lambda: fs)
    fs.append(lambda: fs)
    return fs


ls = lambdas()
print(len(ls[0]()))
del ls
print("lambdas in the list they close over", gc.collect())
