// The Python packages the playground ships beside Pyodide (pydantic and what
// it needs), pinned with their sha256 in pyodide-packages.json.
//
// ensurePackages() downloads each pinned file once from PyPI into
// build/wheels/pypi/ and refuses any file whose sha256 is not the pinned one.
// It then compiles each wheel's Python files to bytecode with Pyodide's own
// CPython (under node), since importing pydantic from source costs about
// twice as long as from .pyc. The compiled wheel keeps every file of PyPI's
// and adds `__pycache__/*.pyc` (unchecked-hash pycs, which CPython never
// compares with the source's mtime, which unpacking does not keep); its
// version gets a local label with a hash of its content
// (`pydantic-2.14.4+pyc.<hash>-...whl`), so a browser may cache it forever.
// Last it writes build/wheels/pyodide-lock.json: Pyodide's lock file listing
// exactly these compiled wheels (the runtime's own `info` from the npm
// package, and per package its file, sha256, dependencies and import names).
// The npm package's lock cannot be reused: its wheels are Pyodide's own
// builds, and none of them ship.
//
// scripts/setup.sh runs this file; scripts/prepare-assets.mjs (the build) and
// tests/pyodide/ call ensurePackages(), which downloads nothing when the files
// are there and intact.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = new URL("../", import.meta.url);
/** Where the compiled wheels and the lock file that lists them are kept. */
export const PACKAGES_DIR = fileURLToPath(new URL("build/wheels/", root));
export const LOCK_FILE = "pyodide-lock.json";
/** PyPI's files, as downloaded. */
const DOWNLOADS_DIR = `${PACKAGES_DIR}pypi/`;
/** Which compiled wheel was made from which download, by which Pyodide. */
const COMPILED_RECORD = "compiled.json";

/** The pins, as pyodide-packages.json gives them. */
export function pinnedPackages() {
  return JSON.parse(readFileSync(new URL("pyodide-packages.json", root), "utf8")).packages;
}

export function sha256(bytes) {
  return createHash("sha256").update(bytes).digest("hex");
}

function intact(path, expected) {
  return existsSync(path) && sha256(readFileSync(path)) === expected;
}

async function download(pin, path) {
  // On stderr: tests/pyodide/run-probes.mjs prints its results on stdout.
  console.error(`Downloading ${pin.file_name} from PyPI`);
  const response = await fetch(pin.url);
  if (!response.ok) throw new Error(`${pin.url}: HTTP ${response.status}`);
  const bytes = Buffer.from(await response.arrayBuffer());
  const actual = sha256(bytes);
  if (actual !== pin.sha256) {
    throw new Error(`${pin.file_name}: sha256 is ${actual}, but pyodide-packages.json pins ${pin.sha256}; refusing it`);
  }
  replaceFile(path, bytes);
}

/** Writes under another name first, so an interrupted write never looks whole to a reader. */
export function replaceFile(path, contents) {
  const partial = `${path}.${process.pid}.part`;
  writeFileSync(partial, contents);
  renameSync(partial, path);
}

function pyodideVersion() {
  return JSON.parse(readFileSync(new URL("node_modules/pyodide/package.json", root), "utf8")).version;
}

/** The wheel's file name with `+pyc.<hash>` added to its version (PEP 440's local label). */
function compiledName(fileName, bytes) {
  const tokens = fileName.split("-");
  const at = tokens.length - 4;
  tokens[at] = `${tokens[at]}+pyc.${sha256(bytes).slice(0, 12)}`;
  return tokens.join("-");
}

// Runs inside Pyodide: unpacks a wheel, compiles it, and zips it again with the
// pycs added (and listed in RECORD, without a hash, as wheels allow for .pyc),
// with fixed timestamps so that the same input gives the same wheel.
const COMPILE_WHEEL = `
import compileall, io, os, py_compile, shutil, zipfile

def compile_wheel(data):
    root = "/tmp/wheel"
    shutil.rmtree(root, ignore_errors=True)
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as source:
        names = source.namelist()
        source.extractall(root)
    if not compileall.compile_dir(root, quiet=2, invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH):
        raise RuntimeError("a file of the wheel does not compile")
    pycs = sorted(
        os.path.relpath(os.path.join(folder, name), root)
        for folder, _, files in os.walk(root) for name in files if name.endswith(".pyc")
    )
    record = next(name for name in names if name.endswith(".dist-info/RECORD"))
    with open(os.path.join(root, record), "a") as listing:
        listing.writelines(f"{pyc},,\\n" for pyc in pycs)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as wheel:
        for name in [n for n in names if n != record] + pycs + [record]:
            info = zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            with open(os.path.join(root, name), "rb") as f:
                wheel.writestr(info, f.read())
    return out.getvalue()
`;

/** Compiles the downloads of `pins` in one Pyodide; returns the compiled wheels' bytes. */
async function compileWheels(pins) {
  console.error(`Compiling ${pins.map((pin) => pin.name).join(", ")} to bytecode with Pyodide's CPython`);
  const { loadPyodide } = await import("pyodide");
  const pyodide = await loadPyodide();
  pyodide.runPython(COMPILE_WHEEL);
  const compile = pyodide.globals.get("compile_wheel");
  try {
    return pins.map((pin) => {
      const compiled = compile(new Uint8Array(readFileSync(DOWNLOADS_DIR + pin.file_name)));
      try {
        return Buffer.from(compiled.toJs());
      } finally {
        compiled.destroy();
      }
    });
  } finally {
    compile.destroy();
  }
}

/**
 * Makes PACKAGES_DIR hold a compiled wheel of each download, made by this
 * Pyodide; returns, per pinned file name, the compiled one's name and sha256.
 */
async function ensureCompiled(pins) {
  const recordPath = PACKAGES_DIR + COMPILED_RECORD;
  const pyodide = pyodideVersion();
  const kept = existsSync(recordPath) ? JSON.parse(readFileSync(recordPath, "utf8")) : {};
  const wheels = kept.pyodide === pyodide ? { ...kept.wheels } : {};
  const stale = pins.filter((pin) => {
    const made = wheels[pin.file_name];
    return !made || made.source_sha256 !== pin.sha256 || !intact(PACKAGES_DIR + made.file_name, made.sha256);
  });
  if (stale.length) {
    const compiled = await compileWheels(stale);
    stale.forEach((pin, i) => {
      const fileName = compiledName(pin.file_name, compiled[i]);
      replaceFile(PACKAGES_DIR + fileName, compiled[i]);
      wheels[pin.file_name] = { file_name: fileName, sha256: sha256(compiled[i]), source_sha256: pin.sha256 };
    });
  }
  const current = Object.fromEntries(pins.map((pin) => [pin.file_name, wheels[pin.file_name]]));
  const record = `${JSON.stringify({ pyodide, wheels: current }, null, 1)}\n`;
  if (!existsSync(recordPath) || readFileSync(recordPath, "utf8") !== record) replaceFile(recordPath, record);
  // Wheels of older pins or another Pyodide are not served again.
  const names = new Set(Object.values(current).map((made) => made.file_name));
  for (const file of readdirSync(PACKAGES_DIR)) {
    if (file.endsWith(".whl") && !names.has(file)) rmSync(PACKAGES_DIR + file);
  }
  return current;
}

/** Pyodide's lock file for the compiled wheels, for the runtime in node_modules/pyodide. */
function lockFile(pins, compiled) {
  const npmLock = JSON.parse(readFileSync(new URL("node_modules/pyodide/pyodide-lock.json", root), "utf8"));
  const names = new Set(pins.map((pin) => pin.name));
  const packages = {};
  for (const pin of pins) {
    for (const dependency of pin.depends) {
      if (!names.has(dependency)) throw new Error(`pyodide-packages.json: ${pin.name} depends on ${dependency}, which is not pinned`);
    }
    packages[pin.name] = {
      name: pin.name,
      version: pin.version,
      file_name: compiled[pin.file_name].file_name,
      install_dir: "site",
      sha256: compiled[pin.file_name].sha256,
      package_type: "package",
      imports: pin.imports,
      depends: pin.depends,
      unvendored_tests: false,
    };
  }
  return { info: npmLock.info, packages };
}

/** The files of the lock file in `dir`: the lock itself and every wheel it lists. */
export function shippedFiles(dir = PACKAGES_DIR) {
  const lock = JSON.parse(readFileSync(dir + LOCK_FILE, "utf8"));
  return [LOCK_FILE, ...Object.values(lock.packages).map((pkg) => pkg.file_name)];
}

/**
 * Makes build/wheels/ hold a compiled wheel of every pinned file, and the lock
 * file that lists them; returns the directory.
 */
export async function ensurePackages() {
  const pins = pinnedPackages();
  mkdirSync(DOWNLOADS_DIR, { recursive: true });
  for (const pin of pins) {
    const path = DOWNLOADS_DIR + pin.file_name;
    if (!intact(path, pin.sha256)) await download(pin, path);
  }
  const compiled = await ensureCompiled(pins);
  const lock = `${JSON.stringify(lockFile(pins, compiled), null, 1)}\n`;
  const lockPath = PACKAGES_DIR + LOCK_FILE;
  if (!existsSync(lockPath) || readFileSync(lockPath, "utf8") !== lock) replaceFile(lockPath, lock);
  return PACKAGES_DIR;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    const dir = await ensurePackages();
    console.log(`Python packages for Pyodide: ${pinnedPackages().length} pinned files checked and compiled, in ${dir}`);
  } catch (error) {
    console.error(`error: ${error.message}`);
    process.exit(1);
  }
}
