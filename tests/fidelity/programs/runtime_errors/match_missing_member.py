# A dotted name in a pattern is read when its case is tried: a missing member fails there.
from enum import Enum


class Color(Enum):
    RED = 1


match Color.RED:
    case Color.RED if False:
        print("never")
    case Color.PURPLE:
        print("never either")
