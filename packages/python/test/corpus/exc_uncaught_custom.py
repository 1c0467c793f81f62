# An uncaught user-defined exception raised from another: stderr's last line names the class.
class InventoryError(Exception):
    pass


def take(stock, item):
    try:
        return stock[item]
    except KeyError as e:
        raise InventoryError("no " + item + " in stock") from e


print(take({"apple": 3}, "apple"))
take({"apple": 3}, "pear")
