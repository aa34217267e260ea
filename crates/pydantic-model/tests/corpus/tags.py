from typing import Annotated

from annotated_types import MinLen
from pydantic import BaseModel, validate_call


class Secret:
    pass


class Account(BaseModel):
    username: Annotated[str, "min_len:3"]
    password: Annotated[str, "sensitive_data", MinLen(8)]
    pin: Annotated[int, Secret(), 4] = 0


@validate_call
def sign_up(name: Annotated[str, MinLen(3)], age: int, password: Annotated[str, "sensitive_data"]):
    return name
