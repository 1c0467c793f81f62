# gc.collect() counts instance cycles: two nodes, self references, rings and trees with parent links.
import gc


class Node:
    def __init__(self, name):
        self.name = name
        self.other = None


gc.collect()
a = Node("a")
b = Node("b")
a.other = b
b.other = a
del a, b
print("two instances", gc.collect())
s = Node("s")
s.other = s
del s
print("self reference", gc.collect())
nodes = [Node(str(i)) for i in range(5)]
for i in range(5):
    nodes[i].other = nodes[(i + 1) % 5]
del nodes
print("ring of five", gc.collect())


class Tree:
    def __init__(self, parent=None):
        self.parent = parent
        self.children = []
        if parent is not None:
            parent.children.append(self)


root = Tree()
for _ in range(3):
    child = Tree(root)
    for _ in range(2):
        Tree(child)
del root, child
print("tree with parent links", gc.collect())
x = Node("x")
x.__dict__["self"] = x
del x
print("instance with a materialised dict", gc.collect())


class Slotted:
    __slots__ = ("ref",)


p = Slotted()
q = Slotted()
p.ref = q
q.ref = p
del p, q
print("slotted pair", gc.collect())
