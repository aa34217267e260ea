// The Python packages the playground ships beside Pyodide (pydantic and what
// it needs), pinned with their sha256 in pyodide-packages.json.
//
// ensurePackages() downloads each pinned file once from PyPI into
// build/wheels/, refuses any file whose sha256 is not the pinned one, and
// writes build/wheels/pyodide-lock.json: Pyodide's lock file listing exactly
// these packages (the runtime's own `info` from the npm package, and per
// package its file, sha256, dependencies and import names). The npm package's
// lock cannot be reused: its wheels are Pyodide's own builds, whose sha256
// differ from PyPI's, and none of them ship.
//
// scripts/setup.sh runs this file; scripts/prepare-assets.mjs (the build) and
// tests/pyodide/ call ensurePackages(), which downloads nothing when the files
// are there and intact.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = new URL("../", import.meta.url);
/** Where the downloaded wheels and the lock file that lists them are kept. */
export const PACKAGES_DIR = fileURLToPath(new URL("build/wheels/", root));
export const LOCK_FILE = "pyodide-lock.json";

/** The pins, as pyodide-packages.json gives them. */
export function pinnedPackages() {
  return JSON.parse(readFileSync(new URL("pyodide-packages.json", root), "utf8")).packages;
}

function sha256(bytes) {
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
function replaceFile(path, contents) {
  const partial = `${path}.${process.pid}.part`;
  writeFileSync(partial, contents);
  renameSync(partial, path);
}

/** Pyodide's lock file for the pinned packages, for the runtime in node_modules/pyodide. */
function lockFile(pins) {
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
      file_name: pin.file_name,
      install_dir: "site",
      sha256: pin.sha256,
      package_type: "package",
      imports: pin.imports,
      depends: pin.depends,
      unvendored_tests: false,
    };
  }
  return { info: npmLock.info, packages };
}

/**
 * Makes build/wheels/ hold every pinned file, intact, and the lock file that
 * lists them; returns the directory.
 */
export async function ensurePackages() {
  const pins = pinnedPackages();
  mkdirSync(PACKAGES_DIR, { recursive: true });
  for (const pin of pins) {
    const path = PACKAGES_DIR + pin.file_name;
    if (!intact(path, pin.sha256)) await download(pin, path);
  }
  const lock = `${JSON.stringify(lockFile(pins), null, 1)}\n`;
  const lockPath = PACKAGES_DIR + LOCK_FILE;
  if (!existsSync(lockPath) || readFileSync(lockPath, "utf8") !== lock) replaceFile(lockPath, lock);
  return PACKAGES_DIR;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    const dir = await ensurePackages();
    console.log(`Python packages for Pyodide: ${pinnedPackages().length} pinned files in ${dir}, checked`);
  } catch (error) {
    console.error(`error: ${error.message}`);
    process.exit(1);
  }
}
