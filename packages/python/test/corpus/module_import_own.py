# Importing the program's own helper module from the same folder, in several forms.
import module_helper_shapes
from module_helper_shapes import Circle, square_area as sq
import module_helper_shapes as shapes

print(module_helper_shapes.describe())
print(module_helper_shapes.__name__, shapes is module_helper_shapes)
c = Circle(2)
print(c.area(), sq(4), shapes.UNIT, len(shapes.created))
shapes.UNIT = "mm"
print(module_helper_shapes.describe())
import module_helper_shapes as again

print("imported once", again is shapes, len(again.created))
print(__name__)
