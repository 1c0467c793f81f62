# gc.collect() for larger graphs: long chains closed into a ring, complete graphs,
# doubly linked lists, and garbage mixed with live objects.
import gc


class Link:
    def __init__(self):
        self.prev = None
        self.next = None


gc.collect()
head = Link()
node = head
for _ in range(99):
    new = Link()
    node.next = new
    new.prev = node
    node = new
del head, node, new
print("doubly linked list of 100", gc.collect())
nodes = [[] for _ in range(6)]
for a in nodes:
    for b in nodes:
        a.append(b)
del nodes, a, b
print("complete graph of six lists", gc.collect())
live = []
for i in range(20):
    item = [i]
    if i % 2 == 0:
        item.append(item)
    else:
        live.append(item)
del item
print("ten self-cycles among live lists", gc.collect(), len(live))
chain = []
for i in range(50):
    chain = [chain]
first = chain
while first[0]:
    first = first[0]
first.append(chain)
del chain, first
print("nested list chain closed into a ring", gc.collect())
d = {}
for i in range(30):
    d = {"prev": d, "i": i}
last = d
while last["prev"]:
    last = last["prev"]
last["prev"] = d
del d, last
print("dict chain closed into a ring", gc.collect())
