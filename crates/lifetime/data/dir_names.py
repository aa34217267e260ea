"""The names `dir()` lists for an instance of a program's class beyond the names the program
binds: `object`'s own (its `__dict__`'s keys, `__getstate__` from 3.11), and those every class
statement puts in the dict of a class deriving from `object` alone (`__module__`, `__doc__`,
`__dict__`, `__weakref__`; `__firstlineno__` and `__static_attributes__` from 3.13). An
AttributeError's "Did you mean" picks among `dir()` of the instance, which the finalize lab
predicts from these (`data/dir_names.json`).

The lab's data test (`tests/dir_names.rs`) runs `dir_names` on every CPython on the machine
and on Pyodide, compares it with `dir_names.json`, and rewrites the file with
LIFETIME_WRITE_DIR_NAMES=1. Run directly, the script prints its Python's entry:

    python3 crates/lifetime/data/dir_names.py
"""

import json


class Plain:
    pass


def dir_names():
    return {"object": sorted(object.__dict__), "class": sorted(Plain.__dict__)}


if __name__ == "__main__":
    print(json.dumps(dir_names()))
