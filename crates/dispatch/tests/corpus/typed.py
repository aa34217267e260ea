# Annotated handlers for the strict dispatcher's conversions.
def typed(count: int, ratio: float, name: str, on: bool = False):
    return count, ratio, name, on


def quoted(count: "int", label: 'str' = "x", extra: list = None):
    return count, label, extra


def ordered(a: int, b: int = 0, /, c: str = "", **rest: int):
    return a, b, c, rest


def untyped(value, other=None):
    return value, other


def café(naïve: int, größe="L"):
    return naïve, größe
