// Pyodide's standard library as the playground ships it: the npm package's
// python_stdlib.zip, with the modules that the playground's Python imports
// compiled to bytecode beside their sources.
//
// Pyodide ships its standard library as source only, and a zip cannot keep
// the bytecode CPython makes, so every start compiled each module it imported
// again: most of Python's start in a browser. Compiled, the first Run of a cold
// visit comes in about half the time (`make bench`). Only the modules that
// Python's start, runner.py, the pages' code and pydantic import, with those a
// workshop reaches for (the list below), and what they import in turn: all 559
// would add 4.5 MB to a first visit, for modules hardly anyone imports.
//
// zipimport takes `name.pyc` before `name.py`. The pycs are unchecked-hash
// ones, as the compiled wheels' are (scripts/pyodide-packages.mjs), and their
// code names the source's path in the zip, so a traceback reads as it does
// from source; a compiled module's __file__ is its .pyc.
//
// ensureStdlib() makes build/stdlib/python_stdlib.zip once per Pyodide, list
// and pinned packages, and returns its path: scripts/prepare-assets.mjs ships
// it, and tests/pyodide/ load it, so the suites run what the page runs.
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { ensurePackages, LOCK_FILE, pinnedPackages, replaceFile, sha256 } from "./pyodide-packages.mjs";

const root = new URL("../", import.meta.url);
const STDLIB_DIR = fileURLToPath(new URL("build/stdlib/", root));
const STDLIB = "python_stdlib.zip";
/** What the zip in STDLIB_DIR was made from. */
const RECORD = "compiled.json";
const SOURCE = fileURLToPath(new URL("node_modules/pyodide/python_stdlib.zip", root));
const RUNNER = fileURLToPath(new URL("www/runner.py", root));

// The standard-library modules a workshop reaches for, beside those the
// playground's own code imports (found by importing it, below).
const WORKSHOP_MODULES = `
  abc argparse ast asyncio atexit base64 bisect collections collections.abc contextlib copy csv
  dataclasses datetime decimal difflib enum fractions functools gc hashlib heapq html inspect io
  itertools json linecache logging numbers operator os pathlib pickle pprint queue random re reprlib
  shlex statistics string struct textwrap threading time timeit traceback types typing uuid warnings
  weakref zoneinfo
`.split(/\s+/).filter(Boolean);

// Runs inside Pyodide: imports what the playground imports, then writes the
// zip again with a pyc beside the source of every module of it now imported.
const COMPILE_STDLIB = `
import importlib, importlib.util, io, marshal, sys, zipfile

def compile_stdlib(source_zip, runner, modules, packages):
    exec(compile(runner, "runner.py", "exec"), {"__name__": "_pp_runner"})
    for name in modules:
        importlib.import_module(name)
    for name in packages:
        # A package's lazy exports (pydantic's BaseModel, say) import their modules when read.
        package = importlib.import_module(name)
        for export in getattr(package, "__all__", ()):
            getattr(package, export, None)
    prefix = next(p for p in sys.path if p.endswith(".zip")) + "/"
    imported = {
        m.__file__[len(prefix):]
        for m in list(sys.modules.values())
        if (getattr(m, "__file__", None) or "").startswith(prefix) and m.__file__.endswith(".py")
    }
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(bytes(source_zip))) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            body = source.read(info)
            target.writestr(info, body)
            if info.filename in imported:
                code = compile(body, prefix + info.filename, "exec", dont_inherit=True)
                # PEP 552: flags 0b01 is a hash-based pyc whose source is never checked.
                pyc = importlib.util.MAGIC_NUMBER + (0b01).to_bytes(4, "little")
                pyc += importlib.util.source_hash(body) + marshal.dumps(code)
                entry = zipfile.ZipInfo(info.filename[:-3] + ".pyc", info.date_time)
                entry.compress_type = zipfile.ZIP_DEFLATED
                target.writestr(entry, pyc)
    return out.getvalue(), len(imported)
`;

/** The imports of every shipped package, which pydantic's pages import. */
function packageImports() {
  return pinnedPackages().flatMap((pin) => pin.imports);
}

/** Makes build/stdlib/python_stdlib.zip if it is missing or was made from other inputs; returns its path. */
export async function ensureStdlib() {
  const source = readFileSync(SOURCE);
  const runner = readFileSync(RUNNER, "utf8");
  const made = {
    source_sha256: sha256(source),
    runner_sha256: sha256(runner),
    modules: WORKSHOP_MODULES,
    packages: packageImports(),
  };
  const path = STDLIB_DIR + STDLIB;
  const recordPath = STDLIB_DIR + RECORD;
  const kept = existsSync(recordPath) ? readFileSync(recordPath, "utf8") : "";
  const record = `${JSON.stringify(made, null, 1)}\n`;
  if (kept === record && existsSync(path)) return path;

  // On stderr: tests/pyodide/run-probes.mjs prints its results on stdout.
  console.error("Compiling the standard library modules the playground imports, with Pyodide's CPython");
  const dir = await ensurePackages();
  const { loadPyodide } = await import("pyodide");
  const pyodide = await loadPyodide({ lockFileURL: dir + LOCK_FILE, packageBaseUrl: dir, packageCacheDir: dir });
  await pyodide.loadPackage(
    pinnedPackages().map((pin) => pin.name),
    { messageCallback: () => {} },
  );
  pyodide.runPython(COMPILE_STDLIB);
  const compileStdlib = pyodide.globals.get("compile_stdlib");
  const result = compileStdlib(new Uint8Array(source), runner, made.modules, made.packages);
  const [bytes, count] = result.toJs();
  result.destroy();
  compileStdlib.destroy();
  mkdirSync(STDLIB_DIR, { recursive: true });
  replaceFile(path, Buffer.from(bytes));
  replaceFile(recordPath, record);
  console.error(`${count} standard library modules compiled into ${path}`);
  return path;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    await ensureStdlib();
  } catch (error) {
    console.error(`error: ${error.message}`);
    process.exit(1);
  }
}
