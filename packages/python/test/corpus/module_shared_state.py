# A module runs once; its state is shared by all importers; `from` imports copy the binding.
import module_helper_counter
from module_helper_counter import count, increment

increment()
increment()
print(module_helper_counter.count, count)
import module_helper_counter as mhc

mhc.increment()
print(mhc.count, module_helper_counter.count, mhc is module_helper_counter)


def use():
    import module_helper_counter

    return module_helper_counter.increment()


print(use(), module_helper_counter.count)
