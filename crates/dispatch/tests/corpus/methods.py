# Methods and classes: receivers are bound, qualnames name the defining class.
class Service:
    def handle(self, user_id: int, verbose=False):
        return user_id, verbose

    @staticmethod
    def ping(host, /, port: int = 80):
        return host, port

    @classmethod
    def create(cls, name, **options):
        return name, options

    def only_self(self):
        return self

    def log(self, message="", **fields):
        return message, fields


class Base:
    def __init__(self, name, *, size: int = 1):
        self.name = name
        self.size = size

    def greet(self, who, /):
        return who


class Child(Base):
    pass


class Plain:
    pass


class Config:
    def __init__(self, host: str, port: int = 8080, /, **extra):
        self.host = host


class Point:
    def __init__(self, x: float, y: float):
        self.x = x
        self.y = y
