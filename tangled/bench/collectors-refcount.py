# tangled from chapters/83-collectors.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
# The CPython script of the chapter "Other languages' collectors": reference counts free at
# once, cycles wait for the cycle collector.  usage: python3 collectors-refcount.py
import gc
import sys
import weakref


class Obj:
    def __init__(self, name):
        self.name = name
        self.other = None


def onFreed(name):
    print("  callback: %s freed" % name)


print("CPython %d.%d.%d, gc.get_threshold() = %s" % (sys.version_info[:3] + (gc.get_threshold(),)))
gc.disable()
gc.collect()

print("1. an object in no cycle")
a = Obj("a")
weakref.finalize(a, onFreed, "a")
print("  del a")
del a
print("  (del returned)")

print("2. two objects in a cycle")
b, c = Obj("b"), Obj("c")
b.other, c.other = c, b
weakref.finalize(b, onFreed, "b")
weakref.finalize(c, onFreed, "c")
print("  del b, c")
del b, c
print("  (del returned: nothing freed)")
print("  gc.collect()")
gc.collect()
print("  (gc.collect returned)")

print("3. what gc.collect() finds")
d, e = Obj("d"), Obj("e")
d.other, e.other = e, d
del d, e
gc.set_debug(gc.DEBUG_SAVEALL)
found = gc.collect()
print("  gc.collect() = %d: %s" % (found, ", ".join(sorted(type(x).__name__ for x in gc.garbage))))
gc.set_debug(0)
gc.garbage.clear()
gc.collect()

print("4. collections of each generation while 100000 lists are made and kept")
runs = [0, 0, 0]


def countCollections(phase, info):
    if phase == "start":
        runs[info["generation"]] += 1


gc.callbacks.append(countCollections)
keep = []
address = id(keep)
gc.enable()
for i in range(100000):
    keep.append([i])
gc.disable()
gc.callbacks.remove(countCollections)
print("  generation 0: %d, generation 1: %d, generation 2: %d" % tuple(runs))
gc.collect()
print("  after gc.collect(), the list of lists at the same address: %s" % (id(keep) == address))
