"""Writes pydantic-core's error message templates, as the installed pydantic-core lists them,
and the one pydantic raises itself, to stdout as JSON: {type: {"python": template, "json": template or null}}, sorted by type.

crates/pydantic-model/data/error_messages.json is this script's output; the crate's test
`error_messages_are_pydantic_cores` runs it again and fails on any difference."""

import json
from typing import Annotated

import annotated_types
import pydantic
import pydantic_core
from pydantic import TypeAdapter, ValidationError
from pydantic_core._pydantic_core import list_all_errors

templates = {
    error["type"]: {
        "python": error["message_template_python"],
        "json": error.get("message_template_json"),
    }
    for error in list_all_errors()
}

# `predicate_failed` is raised by pydantic itself (for annotated_types.Predicate), not by
# pydantic-core: its template is read off the message pydantic gives for a known callable.
try:
    TypeAdapter(Annotated[str, annotated_types.Predicate(str.islower)]).validate_python("A")
except ValidationError as error:
    message = error.errors()[0]["msg"]
    templates["predicate_failed"] = {"python": message.replace(repr("str.islower"), "{predicate}"), "json": None}

print(json.dumps(
    {"pydantic": pydantic.VERSION, "pydantic_core": pydantic_core.__version__, "templates": dict(sorted(templates.items()))},
    indent=1,
    ensure_ascii=False,
))
