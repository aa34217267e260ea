// The benchmark (not a test): prints the size of the first load and what
// makes the app's wasm big (twiggy), how soon the next Run is ready after Stop
// on a page without cross-origin isolation, what the spare Python worker costs
// in memory, the time from navigation to an interactive page and to the first
// Run result (cold, and on a later visit that starts from a snapshot; cold
// beside a bare Pyodide page; a fourth embed on a later visit), and how
// long the labs take to update after a keystroke in a 200-line file (and, for
// the finalize lab, in a 60-statement program, timeline and graph included);
// on the annotated page, how soon after Python is ready the first Run has
// pydantic loaded and validating (budget 1.5 s), and that the other pages
// load no pydantic.
// Run it with `make bench`, which builds dist/ first.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { gzipSync, brotliCompressSync } from "node:zlib";
import { setUp, permalink, waitForOutput, waitForSnapshot, waitForServiceWorker, DIST } from "../tests/e2e/app.mjs";
import { launch } from "../tests/e2e/browser.mjs";
import { wasmContributors } from "./wasm-contributors.mjs";
import { againstBarePyodide, fourthEmbedLater, noteWhenShown, OUTPUT } from "./compared.mjs";

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)];

// The labs' worker (crates/lab-worker), which Trunk writes under fixed names: not part of the
// first load, since the app starts it only when a lab asks for its first prediction.
const LAB_WORKER = ["lab-worker_loader.js", "lab-worker.js", "lab-worker_bg.wasm"];
// The Python worker's own scripts, which load with Python, not with the page.
const PYTHON_WORKER = ["python-worker.js", "python-snapshot.js"];

function sizes() {
  const rows = [];
  const add = (label, file) => {
    const bytes = readFileSync(file);
    rows.push({ label, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length, brotli: brotliCompressSync(bytes).length });
  };
  for (const name of readdirSync(DIST).sort()) {
    const file = join(DIST, name);
    if (!statSync(file).isFile()) continue;
    if (/\.(wasm|js|css|html)$/.test(name) && !PYTHON_WORKER.includes(name) && !LAB_WORKER.includes(name)) add(name, file);
  }
  const firstLoad = rows.reduce((sum, r) => ({ raw: sum.raw + r.raw, gzip: sum.gzip + r.gzip, brotli: sum.brotli + r.brotli }), { raw: 0, gzip: 0, brotli: 0 });
  const labs = LAB_WORKER.map((name) => {
    const bytes = readFileSync(join(DIST, name));
    return { label: name, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length, brotli: brotliCompressSync(bytes).length };
  });
  const labsTotal = labs.reduce((sum, r) => ({ raw: sum.raw + r.raw, gzip: sum.gzip + r.gzip, brotli: sum.brotli + r.brotli }), { raw: 0, gzip: 0, brotli: 0 });
  const python = [];
  for (const name of [...PYTHON_WORKER, "pyodide/pyodide.mjs", "pyodide/pyodide.asm.mjs", "pyodide/pyodide.asm.wasm", "pyodide/python_stdlib.zip"]) {
    const bytes = readFileSync(join(DIST, name));
    python.push({ label: name, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length, brotli: brotliCompressSync(bytes).length });
  }
  const pythonTotal = python.reduce((sum, r) => ({ raw: sum.raw + r.raw, gzip: sum.gzip + r.gzip, brotli: sum.brotli + r.brotli }), { raw: 0, gzip: 0, brotli: 0 });
  console.log("\nFirst load (the app: wasm, JS, CSS, HTML)");
  console.log("  file".padEnd(50), "raw".padStart(10), "gzip".padStart(10), "brotli".padStart(10));
  for (const r of rows) console.log(`  ${r.label}`.padEnd(50), kb(r.raw).padStart(10), kb(r.gzip).padStart(10), kb(r.brotli).padStart(10));
  console.log("  total".padEnd(50), kb(firstLoad.raw).padStart(10), kb(firstLoad.gzip).padStart(10), kb(firstLoad.brotli).padStart(10));
  console.log("\nThe labs' worker (Ruff's parser and the models; the app starts it once Python is ready, or at the first edit)");
  for (const r of labs) console.log(`  ${r.label}`.padEnd(50), kb(r.raw).padStart(10), kb(r.gzip).padStart(10), kb(r.brotli).padStart(10));
  console.log("  total".padEnd(50), kb(labsTotal.raw).padStart(10), kb(labsTotal.gzip).padStart(10), kb(labsTotal.brotli).padStart(10));
  console.log("\nPython runtime (loaded in the worker when a pattern page opens)");
  for (const r of python) console.log(`  ${r.label}`.padEnd(50), kb(r.raw).padStart(10), kb(r.gzip).padStart(10), kb(r.brotli).padStart(10));
  console.log("  total".padEnd(50), kb(pythonTotal.raw).padStart(10), kb(pythonTotal.gzip).padStart(10), kb(pythonTotal.brotli).padStart(10));
}

async function loadTimes(env, rounds) {
  const interactive = [];
  const firstRun = [];
  for (let i = 0; i < rounds; i++) {
    // A fresh browser profile each round: a cold cache, like a first visit.
    const browser = await launch();
    const page = await browser.context.newPage();
    const started = Date.now();
    await page.goto(`${env.url}#/dispatch`);
    await page.getByRole("textbox", { name: "Python code" }).waitFor();
    await page.getByRole("button", { name: "Run", exact: true }).waitFor();
    interactive.push(Date.now() - started);
    await page.getByRole("button", { name: "Run", exact: true }).click();
    await waitForOutput(page, "created user 7");
    firstRun.push(Date.now() - started);
    await browser.close();
  }
  console.log(`\nLoad times over ${rounds} cold loads of #/dispatch (headless Chromium, localhost)`);
  console.log(`  navigation → interactive (editor and Run ready): median ${median(interactive)} ms, max ${Math.max(...interactive)} ms`);
  console.log(`  navigation → first Run result (Python loaded, example run): median ${median(firstRun)} ms, max ${Math.max(...firstRun)} ms`);
}

// A later visit: the same browser profile comes back after the first visit
// left a snapshot of a fresh interpreter in the origin private file system,
// and its service worker installed (a real later visit comes hours or days
// on; right after the first, the worker may still be copying the files).
async function laterVisit(env, rounds) {
  const cold = [];
  const warm = [];
  const starts = [];
  for (let i = 0; i < rounds; i++) {
    const browser = await launch();
    try {
      const firstResult = async () => {
        const page = await browser.context.newPage();
        const shown = await noteWhenShown(page, OUTPUT, "created user 7");
        await page.goto(`${env.url}#/dispatch`);
        await page.getByRole("button", { name: "Run", exact: true }).click();
        await waitForOutput(page, "created user 7");
        return { page, ms: await shown() };
      };
      const first = await firstResult();
      cold.push(first.ms);
      await waitForSnapshot(first.page);
      await waitForServiceWorker(first.page);
      await first.page.close();
      const later = await firstResult();
      warm.push(later.ms);
      starts.push(await later.page.locator(".engine.ready").getAttribute("data-start"));
      await later.page.close();
    } finally {
      await browser.close();
    }
  }
  console.log(`\nFirst Run result of a visit (#/dispatch), ${rounds} browser profiles`);
  console.log(`  first visit (cold start): median ${median(cold)} ms`);
  console.log(`  later visit: median ${median(warm)} ms, ${(median(warm) / median(cold)).toFixed(2)}× the cold start (Python's start: ${starts.join(", ")})`);
  console.log("  (the host sends an ETag, Last-Modified and a 10-minute max-age, as static hosts do)");
}

// pydantic on the annotated page. Once Python is ready, the page has the
// worker load the packages its code imports and run those imports; measured
// from Python ready to that done (the status line's data-packages="loaded"),
// then from Run to pydantic's first ValidationError printed (the models built,
// the values validated). A fresh profile each round: nothing cached, as on a
// first visit.
const PYDANTIC_BUDGET_MS = 1500;
async function pydanticReady(env, rounds) {
  const ready = [];
  const validated = [];
  for (let i = 0; i < rounds; i++) {
    const browser = await launch();
    try {
      const page = await browser.context.newPage();
      await page.goto(`${env.url}#/annotated`);
      await page.locator(".engine.ready").waitFor({ timeout: 120_000 });
      const pythonReady = Date.now();
      await page.locator('.engine.ready[data-packages="loaded"]').waitFor({ timeout: 60_000 });
      ready.push(Date.now() - pythonReady);
      const run = Date.now();
      await page.getByRole("button", { name: "Run", exact: true }).click();
      await waitForOutput(page, "validation errors for Account");
      validated.push(Date.now() - run);
    } finally {
      await browser.close();
    }
  }
  const verdict = median(ready) <= PYDANTIC_BUDGET_MS ? "within" : "OVER";
  console.log(`\npydantic on #/annotated, ${rounds} first visits`);
  console.log(
    `  Python ready → pydantic loaded and imported: median ${median(ready)} ms, max ${Math.max(...ready)} ms (${verdict} the ${PYDANTIC_BUDGET_MS} ms budget)`,
  );
  console.log(`  then Run → pydantic's first ValidationError printed: median ${median(validated)} ms, max ${Math.max(...validated)} ms`);
}

// Every other page, opened and (where it has one) Run: none may fetch a wheel.
async function noPydanticElsewhere(env) {
  const browser = await launch();
  const wheels = [];
  browser.context.on("request", (request) => {
    if (new URL(request.url()).pathname.endsWith(".whl")) wheels.push(request.url());
  });
  const visited = [];
  try {
    for (const slug of ["", "protocol", "dispatch", "freeze", "finalize"]) {
      const page = await browser.context.newPage();
      await page.goto(`${env.url}#/${slug}`);
      const run = page.getByRole("button", { name: "Run", exact: true });
      if (slug) {
        await page.locator(".engine.ready").waitFor({ timeout: 120_000 });
        await run.click();
        await page.locator(".output .stdout, .output .stderr").first().waitFor({ timeout: 60_000 });
      }
      visited.push(slug ? `#/${slug}` : "home");
      await page.close();
    }
  } finally {
    await browser.close();
  }
  console.log(`
Other pages (${visited.join(", ")}; each example Run): ${wheels.length} wheel requests${wheels.length ? `: ${wheels.join(", ")}` : ", no pydantic loaded"}`);
}

/** A 200-line file: Protocols, classes and handlers, as a workshop file might grow. */
function twoHundredLines() {
  const lines = ["from typing import Protocol, runtime_checkable", ""];
  const block = (i) => [
    "@runtime_checkable",
    `class Port${i}(Protocol):`,
    `    def send(self, data: bytes, /, retries: int = 3) -> int: ...`,
    `    def close(self) -> None: ...`,
    "",
    `class Adapter${i}:`,
    `    def send(self, data: bytes, /, retries: int = 3) -> int:`,
    `        return len(data)`,
    `    def close(self) -> None:`,
    `        pass`,
    "",
    `def handler_${i}(user_id: int, name: str, admin: bool = False):`,
    `    return user_id`,
    "",
  ];
  for (let i = 0; lines.length + block(i).length <= 200; i++) lines.push(...block(i));
  while (lines.length < 200) lines.push(`# padding to 200 lines (${lines.length + 1})`);
  return lines.join("\n") + "\n";
}

/**
 * A 60-statement program for the finalize lab, which it follows to the end:
 * each object is named after `tag`, put in a cycle, let go and collected, so
 * the timeline has 58 steps, a cycle in the graph and a finalizer's line for
 * each object. (A cycle left waiting for the collector would be declined at
 * the next allocation, where CPython's automatic collection may start.) Line 8
 * is its first step, `tag = "run"`: the keystrokes type inside that string,
 * which changes every object's name, the output, and the graph.
 */
function sixtyStatements() {
  const lines = [
    "import gc",
    "import weakref",
    "",
    "class Resource:",
    "    def __init__(self, name):",
    "        self.name = name",
    '        weakref.finalize(self, print, "released", name)',
    'tag = "run"',
  ];
  for (let i = 0; i < 14; i++) {
    lines.push(`r${i} = Resource(tag + "${i}")`, `r${i}.me = r${i}`, `del r${i}`, "gc.collect()");
  }
  return lines.join("\n") + "\n";
}

// Measured twice: while Pyodide loads, its worker compiles 8 MB of wasm on
// the same two cores, and once it is ready, which is the steady state.
async function labLatency(env, slug, rounds, { pythonReady, code = twoHundredLines(), what = "a 200-line file", fields = "" }) {
  const page = await env.context.newPage();
  await page.goto(permalink(env.url, slug, code) + fields);
  await page.getByRole("textbox", { name: "Python code" }).waitFor();
  // The lab has the labs' worker's first answer.
  await page.locator('.lab:not([aria-busy="true"])').first().waitFor();
  if (pythonReady) await page.locator(".engine.ready").waitFor({ timeout: 90_000 });
  // A lab that declines part of the program would be timed on less than the program.
  const declined = await page.locator(".lab .lab-problem").allTextContents();
  if (declined.length > 0) throw new Error(`the lab does not follow the whole program: ${declined.join(" ")}`);
  await watchLabUpdates(page);
  // Type and erase a letter at the end of line 8 (renaming `class Adapter0`
  // back and forth, or inside the finalize program's string), one keystroke at
  // a time, letting the page settle in between: each keystroke changes the lab.
  const editor = page.getByRole("textbox", { name: "Python code" });
  await editor.click();
  await page.keyboard.press("Control+Home");
  for (let i = 0; i < 7; i++) await page.keyboard.press("ArrowDown");
  await page.keyboard.press("End");
  await page.keyboard.press("ArrowLeft");
  for (let i = 0; i < rounds; i++) {
    await page.keyboard.press(i % 2 === 0 ? "x" : "Backspace");
    await page.waitForTimeout(250);
  }
  await reportLabUpdates(page, `#/${slug} (${what}), ${pythonReady ? "Python ready" : "while Python loads"}`);
}

// From the keydown to the moment the lab's DOM holds the new result, and to
// the next animation frame, when it is on screen; and how many frames that
// frame comes after the one that first shows the keystroke itself (the typed
// text): none means the lab never lags what was typed.
async function watchLabUpdates(page) {
  await page.evaluate(() => {
    // The mutation observers run right after each update, before paint; a
    // frame's animation callbacks all get that frame's time.
    window.__latencies = [];
    window.__frames = [];
    window.__framesLate = [];
    let keyAt = null;
    let echo = null;
    document.addEventListener("keydown", (e) => {
      keyAt = e.timeStamp;
      echo = null;
    }, true);
    // The keystroke itself shows in the frame after the typed text changed:
    // CodeMirror's content, or an input's value (its input event).
    const typed = () => {
      if (keyAt !== null && echo === null) echo = new Promise((shown) => requestAnimationFrame(shown));
    };
    document.addEventListener("input", typed, true);
    const editor = document.querySelector(".cm-content");
    if (editor) new MutationObserver(typed).observe(editor, { subtree: true, childList: true, characterData: true });
    new MutationObserver(() => {
      // The lab dims itself (aria-busy) at once; the keystroke's result is the update that
      // shows the labs' worker's answer.
      if (keyAt === null || document.querySelector(".lab").getAttribute("aria-busy") === "true") return;
      const start = keyAt;
      const echoed = echo;
      keyAt = null;
      window.__latencies.push(performance.now() - start);
      requestAnimationFrame(async (frameTime) => {
        window.__frames.push(performance.now() - start);
        // How many frames after the one that shows the keystroke (60 frames a second).
        if (echoed) window.__framesLate.push(Math.round((frameTime - (await echoed)) / (1000 / 60)));
      });
    }).observe(document.querySelector(".lab"), { subtree: true, childList: true, characterData: true, attributes: true });
  });
}

async function reportLabUpdates(page, what) {
  const { latencies, frames, framesLate } = await page.evaluate(() => ({
    latencies: window.__latencies,
    frames: window.__frames,
    framesLate: window.__framesLate,
  }));
  await page.close();
  const together = framesLate.filter((late) => late === 0).length;
  const nextFrame = framesLate.filter((late) => late === 1).length;
  console.log(
    `  ${what}: ${latencies.length} updates; lab updated after median ${median(latencies).toFixed(1)} ms (p95 ${p95(latencies).toFixed(1)} ms),` +
      ` on screen at the next frame after median ${median(frames).toFixed(1)} ms (p95 ${p95(frames).toFixed(1)} ms); one frame is 16.7 ms;` +
      ` in the frame that shows the keystroke itself: ${together} of ${framesLate.length}, in the frame after it: ${nextFrame},` +
      ` later: ${framesLate.length - together - nextFrame}`,
  );
}

// The annotated page's pydantic input: each keystroke turns the name "al" into
// "alx" and back, which pydantic accepts and refuses in turn; typed once in
// "Input (JSON)" and once in the input form's field for `name`.
async function pydanticInputLatency(env, rounds, where) {
  const page = await env.context.newPage();
  await page.goto(`${env.url}#/annotated`);
  await page.locator('.lab:not([aria-busy="true"])').first().waitFor();
  await page.locator(".engine.ready").waitFor({ timeout: 90_000 });
  const json = page.getByRole("textbox", { name: "Input (JSON)" });
  await json.fill('{"name": "al", "age": 36, "password": "correct horse"}');
  await page.locator('.lab:not([aria-busy="true"])').first().waitFor();
  await watchLabUpdates(page);
  if (where === "form") {
    const field = page.locator(".pydantic-form").getByRole("textbox", { name: /^name/ });
    await field.click();
    await page.keyboard.press("End");
  } else {
    await json.evaluate((el) => el.setSelectionRange(12, 12));
  }
  for (let i = 0; i < rounds; i++) {
    await page.keyboard.press(i % 2 === 0 ? "x" : "Backspace");
    await page.waitForTimeout(250);
  }
  const what = where === "form" ? "the input form's field for `name`" : "pydantic's Input (JSON)";
  await reportLabUpdates(page, `#/annotated, a keystroke in ${what}, Python ready`);
}

const RUNAWAY = 'print("spinning", flush=True)\nwhile True:\n    pass\n';

async function replaceCode(page, code) {
  await page.getByRole("textbox", { name: "Python code" }).click();
  await page.keyboard.press("Control+a");
  await page.keyboard.insertText(code);
}

// Without cross-origin isolation Stop replaces the worker with the spare kept
// ready in the background. Timed inside the page: from the Stop click to the
// engine's "ready" status, and to the next Run's output.
async function stopWithoutIsolation(rounds) {
  const env = await setUp({ isolated: false });
  const ready = [];
  const result = [];
  try {
    const page = await env.context.newPage();
    await page.goto(permalink(env.url, "protocol", RUNAWAY));
    await page.evaluate(() => {
      window.__stop = null;
      document.addEventListener("click", (e) => {
        if (e.target.closest("button")?.textContent === "Stop") window.__stop = { clicked: performance.now() };
      }, true);
      new MutationObserver(() => {
        const stop = window.__stop;
        if (!stop) return;
        if (stop.ready === undefined && document.querySelector(".engine.ready")) stop.ready = performance.now();
        if (stop.result === undefined && document.querySelector('[role="log"]')?.textContent.includes("next run")) stop.result = performance.now();
      }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    });
    for (let i = 0; i < rounds; i++) {
      await page.locator('.engine.ready[data-standby="true"]').waitFor({ timeout: 180_000 });
      if (i > 0) await replaceCode(page, RUNAWAY);
      await page.getByRole("button", { name: "Run", exact: true }).click();
      await waitForOutput(page, "spinning");
      await page.getByRole("button", { name: "Stop", exact: true }).click();
      await page.locator(".engine.ready").waitFor({ timeout: 180_000 });
      await replaceCode(page, 'print("next run")\n');
      await page.getByRole("button", { name: "Run", exact: true }).click();
      await waitForOutput(page, "next run");
      const stop = await page.evaluate(() => window.__stop);
      ready.push(stop.ready - stop.clicked);
      result.push(stop.result - stop.clicked);
    }
  } finally {
    await env.close();
  }
  console.log(`\nStop on a page without cross-origin isolation (the spare is swapped in), ${rounds} rounds`);
  console.log(`  Stop → next Run ready (Python ready again): median ${median(ready).toFixed(0)} ms, max ${Math.max(...ready).toFixed(0)} ms`);
  console.log(`  Stop → next Run's output (new code typed and run): median ${median(result).toFixed(0)} ms, max ${Math.max(...result).toFixed(0)} ms`);
}

// What the spare costs: one more Python worker, started and idle. Measured on
// a cross-origin isolated page, where performance.measureUserAgentSpecificMemory
// attributes the JavaScript heap to each worker; the interpreter's wasm memory
// (not in that figure) is reported by the worker itself.
async function spareMemory() {
  const env = await setUp({ isolated: true });
  try {
    const page = await env.context.newPage();
    await page.goto(env.url);
    await page.getByRole("heading", { level: 1 }).first().waitFor();
    const measured = await page.evaluate(async () => {
      const worker = new Worker("./python-worker.js", { type: "module" });
      const ready = await new Promise((ok, fail) => {
        worker.onmessage = ({ data }) => {
          if (data.type === "ready") ok(data);
          if (data.type === "load_failed") fail(new Error(data.message));
        };
        worker.postMessage({ type: "init" });
      });
      const memory = await performance.measureUserAgentSpecificMemory();
      const heap = memory.breakdown
        .filter((entry) => entry.attribution.some((a) => a.scope === "DedicatedWorkerGlobalScope" && a.url.endsWith("/python-worker.js")))
        .reduce((sum, entry) => sum + entry.bytes, 0);
      worker.terminate();
      return { wasm: ready.memory_bytes, heap };
    });
    const mb = (n) => `${(n / 1048576).toFixed(1)} MB`;
    console.log("\nThe spare Python worker (started, idle)");
    console.log(`  wasm memory (HEAP8.length): ${mb(measured.wasm)}`);
    console.log(`  JavaScript heap (measureUserAgentSpecificMemory, isolated page): ${mb(measured.heap)}`);
    console.log(`  total: ${mb(measured.wasm + measured.heap)}`);
  } finally {
    await env.close();
  }
}

// `node bench/bench.mjs [section ...]` measures only the sections named (all of them when
// none is), so that one number can be measured again on a quiet machine.
const SECTIONS = ["sizes", "stop", "memory", "load", "later", "bare", "embed", "pydantic", "latency"];
const chosen = process.argv.slice(2);
const unknown = chosen.filter((s) => !SECTIONS.includes(s));
if (unknown.length) {
  console.error(`bench: no section called ${unknown.join(", ")}; the sections are ${SECTIONS.join(", ")}`);
  process.exit(2);
}
const wanted = (section) => chosen.length === 0 || chosen.includes(section);

if (wanted("sizes")) {
  sizes();
  wasmContributors();
}
if (wanted("stop")) await stopWithoutIsolation(3);
if (wanted("memory")) await spareMemory();
// Served as static hosts serve (an ETag, Last-Modified, a short max-age), as the issue measured.
const env = await setUp({ isolated: true, validators: true });
try {
  if (wanted("load")) await loadTimes(env, 3);
  if (wanted("later")) await laterVisit(env, 3);
  if (wanted("bare")) await againstBarePyodide(env, 3);
  if (wanted("embed")) await fourthEmbedLater(env, 3);
  if (wanted("pydantic")) {
    await pydanticReady(env, 3);
    await noPydanticElsewhere(env);
  }
  if (wanted("latency")) {
    console.log("\nLab update after a keystroke in a 200-line file");
    // The dispatch lab wires the 200-line file's first handler.
    for (const [slug, fields] of [["protocol", ""], ["dispatch", "&handler=handler_0"]]) {
      await labLatency(env, slug, 20, { pythonReady: false, fields });
      await labLatency(env, slug, 40, { pythonReady: true, fields });
    }
    const finalize = { code: sixtyStatements(), what: "60 statements, timeline and object graph" };
    await labLatency(env, "finalize", 20, { pythonReady: false, ...finalize });
    await labLatency(env, "finalize", 40, { pythonReady: true, ...finalize });
    await pydanticInputLatency(env, 20, "json");
    await pydanticInputLatency(env, 20, "form");
  }
} finally {
  await env.close();
}
