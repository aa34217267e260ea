# Enum members as default values: the handler receives the member, whose repr names its class,
# its canonical name (an alias gives the first member with its value) and its value.
import enum
from enum import Enum, Flag, IntEnum, IntFlag, StrEnum


class Color(Enum):
    """Shades a handler may be given."""

    RED = "red"
    CRIMSON = "red"
    BLUE = "blue"


class Level(enum.Enum):
    LOW = 1
    HIGH = 2


class Priority(IntEnum):
    NORMAL = 0


class Mode(StrEnum):
    FAST = "fast"


class Perm(Flag):
    READ = 1
    WRITE = 2


class Access(IntFlag):
    OWNER = 4
    GROUP = 2
    ALL = 6


def paint(shade: Color = Color.RED, times: int = 1):
    return (shade, times)


def alias(shade: Color = Color.CRIMSON):
    return shade


def level(level: Level = Level.HIGH, *, note: str = ""):
    return (level, note)


def urgent(priority: Priority = Priority.NORMAL, mode: Mode = Mode.FAST):
    return priority


def permitted(perm: Perm = Perm.READ, write: Perm = Perm.WRITE):
    return perm


def access(who: Access = Access.GROUP):
    return who


class Job:
    def __init__(self, name: str, level: Level = Level.LOW, shade: Color = Color.BLUE):
        self.name = name
