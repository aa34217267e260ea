class Conn:
    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return f"Conn({self.name!r})"
