// pydantic in Pyodide under node, from the wheels the playground ships: what
// the differential suites need to run pydantic code in the page's CPython.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { pinnedPackages } from "../../scripts/pyodide-packages.mjs";
import { loadImportedPackages, loadPlaygroundPyodide } from "./load.mjs";

const runner = readFileSync(new URL("../../www/runner.py", import.meta.url), "utf8");

test("Pyodide under node imports the pinned pydantic and validates a model with it", async () => {
  const printed = [];
  const pyodide = await loadPlaygroundPyodide({ stdout: (line) => printed.push(line), stderr: (line) => printed.push(line) });
  pyodide.runPython(runner);

  const code = [
    "from typing import Annotated",
    "import annotated_types as at",
    "import pydantic, pydantic_core",
    "from pydantic import BaseModel, Field, ValidationError",
    "",
    "class SignUp(BaseModel):",
    "    name: Annotated[str, at.MinLen(3)]",
    "    age: Annotated[int, Field(ge=0)]",
    "",
    'print(pydantic.VERSION, pydantic_core.__version__)',
    'print(SignUp(name="ada", age="36").age + 1)',
    "try:",
    '    SignUp(name="al", age=-4)',
    "except ValidationError as error:",
    "    for problem in error.errors():",
    "        print(problem['loc'], problem['type'])",
  ].join("\n");
  const loaded = await loadImportedPackages(pyodide, code);
  assert.deepEqual(loaded.sort(), pinnedPackages().map((pin) => pin.name).sort());

  const run = pyodide.globals.get("_pp_run");
  const result = run(code, null).toJs({ dict_converter: Object.fromEntries });
  run.destroy();
  assert.equal(result.status, "ok", printed.join("\n"));
  const pins = Object.fromEntries(pinnedPackages().map((pin) => [pin.name, pin.version]));
  assert.deepEqual(printed, [
    `${pins.pydantic} ${pins["pydantic-core"]}`,
    "37",
    "('name',) string_too_short",
    "('age',) greater_than_equal",
  ]);
});

test("code that imports no shipped package loads none", async () => {
  const pyodide = await loadPlaygroundPyodide();
  assert.deepEqual(await loadImportedPackages(pyodide, "import json, typing\nprint(1)"), []);
  assert.throws(() => pyodide.runPython("import pydantic"), /ModuleNotFoundError/);
});
