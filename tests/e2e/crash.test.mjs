// A crashed interpreter is noticed: runaway recursion under a raised
// recursion limit never leaves the page "running". The unbounded recursion
// ends in a RecursionError; a RecursionError caught deep down, whose frames
// are then freed all at once, overflows the wasm stack and kills Pyodide, and
// the page says Python crashed, keeps the code and restarts Python; so does
// os._exit(), and a crash in a callback after the run has ended. None needs
// Stop. Both with and without cross-origin isolation.
import { test } from "node:test";
import assert from "node:assert/strict";
import { setUp, open, output, waitForOutput, permalink } from "./app.mjs";

const UNBOUNDED = "import sys\nsys.setrecursionlimit(10**6)\ndef f(n): return f(n+1)\nf(0)\n";
const EXITS = "import os\nprint('leaving')\nos._exit(3)\n";
const CRASHES_AFTER_THE_RUN = [
  "import sys",
  "from js import setTimeout",
  "from pyodide.ffi import create_once_callable",
  "sys.setrecursionlimit(10**6)",
  "def f(n): return f(n+1)",
  "def later():",
  "    try: f(0)",
  "    except RecursionError: pass",
  "setTimeout(create_once_callable(later), 50)",
  "print('scheduled')",
  "",
].join("\n");
const CAUGHT_DEEP_DOWN =
  'import sys\nsys.setrecursionlimit(10**6)\ndef f(n): return f(n+1)\ntry: f(0)\nexcept RecursionError: print("caught it")\n';

async function replaceCode(page, code) {
  const editor = page.getByRole("textbox", { name: "Python code" });
  await editor.click();
  await page.keyboard.press("Control+a");
  // Inserted, not typed: the editor would indent typed lines.
  await page.keyboard.insertText(code);
}

function runButton(page) {
  return page.getByRole("button", { name: "Run", exact: true });
}

/** Waits until Run is enabled again: the run is over, however it ended. */
async function runIsOver(page) {
  await runButton(page).and(page.locator(":enabled")).waitFor({ timeout: 180_000 });
}

for (const isolated of [true, false]) {
  test(`deep recursion under sys.setrecursionlimit(10**6) ends with a clear message and Python keeps working (${isolated ? "isolated page" : "static host"})`, async () => {
    const env = await setUp({ isolated });
    try {
      const { page, errors } = await open(env.context, permalink(env.url, "protocol", UNBOUNDED));
      assert.equal(await page.evaluate(() => self.crossOriginIsolated), isolated);

      await runButton(page).click();
      await waitForOutput(page, "RecursionError: maximum recursion depth exceeded", 180_000);
      await runIsOver(page);
      assert.match(await output(page).innerText(), /innermost 1,000 of \d[\d,]+ frames/);

      await replaceCode(page, CAUGHT_DEEP_DOWN);
      await runButton(page).click();
      await waitForOutput(page, "Python crashed", 180_000);
      await runIsOver(page);
      const crashed = await output(page).innerText();
      assert.match(crashed, /caught it/, `the Output said: ${crashed}`);
      assert.match(crashed, /stack overflowed/, `the Output said: ${crashed}`);
      assert.match(crashed, /your code is kept/, `the Output said: ${crashed}`);
      const editor = await page.getByRole("textbox", { name: "Python code" }).innerText();
      assert.match(editor, /except RecursionError: print\("caught it"\)/, "the code is still in the editor");

      await replaceCode(page, EXITS);
      await runButton(page).click();
      await waitForOutput(page, "Python crashed", 180_000);
      await runIsOver(page);
      assert.match(await output(page).innerText(), /leaving[\s\S]*the interpreter exited/);

      // A crash after the run has ended, in a callback it left behind, is noticed too.
      await replaceCode(page, CRASHES_AFTER_THE_RUN);
      await page.locator(".engine.ready").waitFor({ timeout: 180_000 });
      await runButton(page).click();
      await waitForOutput(page, "Python crashed after the run ended", 180_000);
      assert.match(await output(page).innerText(), /scheduled[\s\S]*stack overflowed/);

      await replaceCode(page, "print(sum(range(10)), 6 * 7)\n");
      await runButton(page).click();
      await waitForOutput(page, "45 42", 180_000);
      await runIsOver(page);
      assert.doesNotMatch(await output(page).innerText(), /crashed/);
      assert.deepEqual(errors, []);
    } finally {
      await env.close();
    }
  });
}
