# A second helper module: module-level state shared by everyone who imports it.
count = 0


def increment():
    global count
    count += 1
    return count


print("module_helper_counter initialised as", __name__)
