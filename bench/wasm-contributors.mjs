// What makes the app's wasm (and the labs' worker's) big, measured with twiggy (`twiggy top -n <all> --format json`) on the wasm
// cargo builds, before wasm-bindgen and wasm-opt strip its names: every function's size summed
// by the crate its name starts with, the data segment, and twiggy's largest monomorphizations.
// Part of `make bench`, which installs twiggy.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

/** The wasm cargo wrote for `bin` (the app, or the labs' worker) in the newest build. */
function cargoWasm(bin) {
  const base = join(process.env.CARGO_TARGET_DIR ?? join(ROOT, "target"), "wasm32-unknown-unknown");
  if (!existsSync(base)) return undefined;
  return readdirSync(base)
    .map((profile) => join(base, profile, `${bin}.wasm`))
    .filter((path) => existsSync(path))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
}

/** The crate a demangled name belongs to: its first path segment, or an impl's first one. */
export function crateOf(name) {
  const path = /^<*(?:&(?:mut )?)?(?:dyn )?([A-Za-z_][A-Za-z0-9_]*)::/.exec(name);
  return path ? path[1] : null;
}

export function wasmContributors(top = 12) {
  contributors("the app's wasm", "pattern-playground", top);
  contributors("the labs' worker's wasm", "lab-worker", top);
}

function contributors(what, bin, top) {
  const wasm = cargoWasm(bin);
  if (!wasm) {
    console.log(`\nWhat ${what} is made of: no cargo-built wasm found (scripts/build.sh builds it)`);
    return;
  }
  const items = JSON.parse(execFileSync("twiggy", ["top", "-n", "1000000", "--format", "json", wasm], { encoding: "utf8", maxBuffer: 1 << 28 }));
  const byCrate = new Map();
  let functions = 0;
  let data = 0;
  for (const { name, shallow_size: size } of items) {
    if (name.startsWith("data segment")) data += size;
    const crate = crateOf(name);
    if (!crate) continue;
    functions += size;
    byCrate.set(crate, (byCrate.get(crate) ?? 0) + size);
  }
  const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
  console.log(`\nWhat ${what} is made of (twiggy, on ${wasm.replace(ROOT + "/", "")})`);
  console.log(`  Rust functions ${kb(functions)}, data segments ${kb(data)}; the largest crates by code:`);
  for (const [crate, bytes] of [...byCrate].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`  ${crate.padEnd(28)} ${kb(bytes).padStart(10)} ${((100 * bytes) / functions).toFixed(1).padStart(5)}%`);
  }
  const monos = execFileSync("twiggy", ["monos", "-n", "5", "--format", "json", wasm], { encoding: "utf8" });
  console.log("  the generic functions whose copies cost most (twiggy monos):");
  for (const { generic, approximate_monomorphization_bloat_bytes: bloat, monomorphizations: copies } of JSON.parse(monos)) {
    if (copies.length === 0) continue; // twiggy's summary rows
    console.log(`  ${kb(bloat).padStart(10)} over ${copies.length} copies of ${generic.slice(0, 100)}`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) wasmContributors();
