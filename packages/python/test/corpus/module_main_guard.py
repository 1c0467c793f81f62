# The __name__ == "__main__" idiom and module-level names.
def main():
    print("main called from", __name__)
    return 0


CONSTANT = 10
if __name__ == "__main__":
    result = main()
    print("exit status would be", result, CONSTANT)
else:
    print("imported")
