# Exception classes as handlers. With no __init__ or __new__ of the code's own, inspect.signature
# finds nothing to read on a built-in exception and raises ValueError before any dispatcher looks
# at the payload; with one, see below.


class NotFound(Exception):
    """A plain exception of the code."""


class Missing(NotFound, KeyError):
    status = 404

    def describe(self):
        return "missing"


class Refused(OSError):
    pass


class Stopped(BaseException):
    pass


class Warned(UserWarning):
    pass


def raise_not_found(key: str):
    raise NotFound(key)


# With an __init__ or __new__ of the code's own, inspect.signature reads the first one in the MRO
# (__new__ first within a class). The call runs __new__ then __init__ with the same arguments:
# BaseException.__new__ ignores keywords, BaseException.__init__ refuses them.


class Failure(Exception):
    def __init__(self, message, code=0):
        super().__init__(message, code)
        self.code = code


class Flexible(Exception):
    def __init__(self, *args, **kwargs):
        super().__init__(*args)
        self.details = kwargs


class KeywordOnly(ValueError):
    def __init__(self, reason, *, retry=False, delay: int = 1):
        super().__init__(reason)
        self.retry = retry


class Inherited(Failure):
    """Failure's __init__, through a class of the code."""


class Specific(Inherited, LookupError):
    def describe(self):
        return "specific"


class Made(Exception):
    def __new__(cls, code, detail="none"):
        return super().__new__(cls, code, detail)


class Positional(Exception):
    def __new__(cls, code, /, detail="none"):
        """Positional-only: the strict dispatcher passes code positionally."""
        return super().__new__(cls, code)


class Both(Exception):
    def __new__(cls, *args, **kwargs):
        return super().__new__(cls, *args)

    def __init__(self, code, detail="none"):
        super().__init__(code, detail)


class Reinit(Made):
    """Its __init__ is reported, and Made.__new__ binds the same arguments first."""

    def __init__(self, code, extra=1):
        super().__init__(code)


class Unreachable(OSError):
    def __init__(self, host, port=80):
        super().__init__(f"{host}:{port}")


class Denied(PermissionError):
    """OSError's __init__ leaves the arguments to this __new__: keywords pass."""

    def __new__(cls, path, *args, mode="r"):
        return super().__new__(cls, path, *args)


class NewChild(Failure):
    """Its __new__ is reported, and Failure.__init__ binds the same arguments after it."""

    def __new__(cls, message, code=0, *rest):
        return super().__new__(cls, message, *rest)


class Halted(StopIteration):
    def __new__(cls, value=None):
        return super().__new__(cls, value)


class Quiet(UserWarning):
    def __init__(self):
        super().__init__("quiet")


class Expired(TimeoutError):
    def __new__(cls, *args, **kwargs):
        return super().__new__(cls, *args)

    def __init__(self, code, detail="late"):
        super().__init__(code, detail)


class Forwarding(Exception):
    """BaseException.__init__ refuses keywords: with details, the body raises after binding."""

    def __init__(self, message, **details):
        super().__init__(message, **details)


class Detailed(Forwarding):
    """The refusal names the class called, not the one whose __init__ runs."""
