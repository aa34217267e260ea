// Starts Pyodide under node the way the page's worker does: with the standard
// library the page ships and the lock file of the packages the playground
// ships (scripts/pyodide-packages.mjs), so code
// that imports pydantic gets the same wheels, loaded from disk. Pyodide under
// node downloads a package missing from its cache directory from a CDN; here
// the cache directory holds every file the lock lists, checked against its
// pinned sha256, so nothing is ever downloaded at run time.
import { loadPyodide } from "pyodide";
import { ensurePackages, LOCK_FILE } from "../../scripts/pyodide-packages.mjs";
import { ensureStdlib } from "../../scripts/pyodide-stdlib.mjs";

/**
 * Pyodide with the playground's packages available and its standard library (partly
 * compiled, scripts/pyodide-stdlib.mjs); `options` go to loadPyodide.
 */
export async function loadPlaygroundPyodide(options = {}) {
  const dir = await ensurePackages();
  const stdLibURL = await ensureStdlib();
  return loadPyodide({ ...options, stdLibURL, lockFileURL: dir + LOCK_FILE, packageBaseUrl: dir, packageCacheDir: dir });
}

/**
 * Loads the shipped packages that `code` imports, as the worker does before a
 * Run. Returns the names of those loaded; a package that fails to load throws.
 */
export async function loadImportedPackages(pyodide, code) {
  const errors = [];
  const loaded = await pyodide.loadPackagesFromImports(code, {
    messageCallback: () => {},
    errorCallback: (message) => errors.push(message),
  });
  if (errors.length) throw new Error(`loading the packages this code imports failed: ${errors.join("; ")}`);
  return loaded.map((pkg) => pkg.name);
}
