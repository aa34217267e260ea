// The finalize lab's step control and object graph: the `__del__` in a cycle trap, opened
// from the page, stepped through with the keyboard; its graph shows the cycle after the
// `del`s and nothing after gc.collect(); then CPython agrees with every line. And the trap
// whose order of two `__del__`s only automatic collection off makes certain. And a traceback
// that `__exit__` keeps, whose graph shows it holding the returned function's frame.
import { test } from "node:test";
import assert from "node:assert/strict";
import { appForThisFile, labRegion, open, output, permalink, waitForOutput } from "./app.mjs";

const env = appForThisFile({ isolated: true });

test("the cycle trap steps forward and back by keyboard, its graph shows the cycle until gc.collect(), and CPython agrees", async () => {
  const { page, errors } = await open(env.context, `${env.url}#/finalize`);
  const lab = labRegion(page, "Lab: object lifetimes");
  await lab.getByText("Traps to try").click();
  await lab.getByRole("link", { name: "__del__ in a cycle" }).click();
  await page.waitForFunction(() => location.hash.startsWith("#/finalize?code="));
  const editor = page.getByRole("textbox", { name: "Python code" });
  await editor.filter({ hasText: "a.partner = b" }).waitFor();

  const slider = lab.getByRole("slider", { name: "Step" });
  const now = lab.locator(".lifetime-step-now");
  const graph = lab.getByRole("region", { name: /^Objects after step/ });
  const objects = graph.getByRole("list", { name: "Objects" });
  const selectedRow = lab.locator("tr[aria-current=step]");
  // Read as text: a row far below the graph skips its layout (content-visibility), so it has no innerText.
  const rowText = async () => (await selectedRow.textContent()).replace(/\s+/g, " ");
  await slider.focus();
  await page.keyboard.press("Home");
  assert.match(await now.innerText(), /^Step 1 of \d+: line 14: a = Resource\("a"\)$/);
  assert.match(await graph.getByRole("list", { name: "Names" }).innerText(), /a → Resource\('a'\)/);

  // Forward to `b.partner = a`: the two objects form a cycle, still named.
  const stepTo = async (text) => {
    for (let i = 0; i < 20 && !(await now.innerText()).endsWith(text); i++) await page.keyboard.press("ArrowRight");
    assert.ok((await now.innerText()).endsWith(text), await now.innerText());
  };
  await stepTo("b.partner = a");
  let shown = await objects.innerText();
  assert.match(shown, /Resource\('a'\) \(Resource\): refcount 2, held by a, Node\('b'\)\.partner; refers to \.partner Node\('b'\) · in a reference cycle/);
  assert.doesNotMatch(shown, /waits for gc\.collect\(\)/);
  assert.match(await rowText(), /b\.partner = a/);

  // After both dels the cycle is unreachable and waits for the collector.
  await stepTo("del b");
  shown = await objects.innerText();
  assert.match(shown, /Resource\('a'\) \(Resource\): refcount 1, held by Node\('b'\)\.partner.* · in a reference cycle · unreachable: waits for gc\.collect\(\)/);
  assert.match(shown, /Node\('b'\) \(Node\): refcount 1, held by Resource\('a'\)\.partner.* · in a reference cycle · unreachable: waits for gc\.collect\(\)/);
  assert.match(await graph.innerText(), /No module names\./);
  assert.match(await rowText(), /del b/);

  // gc.collect() frees the cycle and runs its __del__.
  await stepTo("gc.collect()");
  assert.match(await rowText(), /Resource\('a'\)\.__del__\(\) runs \(collected by gc\.collect\(\)\)/);
  assert.match(await graph.innerText(), /everything the program made is gone/);

  // And back one step, with the button this time: the cycle is there again.
  await lab.getByRole("button", { name: "Previous step" }).click();
  assert.match(await now.innerText(), /: line \d+: print\("after del: the cycle keeps both alive"\)$/);
  assert.match(await objects.innerText(), /in a reference cycle/);

  // A row of the timeline selects its step too.
  await lab.getByRole("button", { name: "Show step 1, line 14" }).click();
  assert.match(await now.innerText(), /^Step 1 of \d+: line 14: a = Resource\("a"\)$/);
  assert.match(await rowText(), /a = Resource\("a"\)/);

  await page.getByRole("button", { name: "Run", exact: true }).click();
  const verdict = lab.getByRole("status").filter({ hasText: /CPython agreed on \d+ of \d+/ });
  await verdict.waitFor({ timeout: 90_000 });
  // Three lines and how the program ends.
  assert.match(await verdict.innerText(), /✓ CPython agreed on 4 of 4$/);

  // Back returns to the edit the trap replaced.
  await page.goBack();
  await page.waitForFunction(() => location.hash === "#/finalize" || !location.hash.includes("partner"));
  await editor.filter({ hasText: "TempResource" }).waitFor();
  assert.deepEqual(errors, []);
  await page.close();
});

test("the trap of two __del__s in a cycle is followed with automatic collection off, in the order made, and CPython agrees", async () => {
  const { page, errors } = await open(env.context, `${env.url}#/finalize`);
  const lab = labRegion(page, "Lab: object lifetimes");
  await lab.getByText("Traps to try").click();
  await lab.getByRole("link", { name: "The order of two __del__s in a cycle" }).click();
  await page.getByRole("textbox", { name: "Python code" }).filter({ hasText: "gc.disable()" }).waitFor();
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await waitForOutput(page, "the cycle went in the order it was made");
  assert.match(await output(page).innerText(), /__del__ a\n__del__ b\nthe cycle went in the order it was made/);
  const verdict = lab.getByRole("status").filter({ hasText: /CPython agreed on \d+ of \d+/ });
  await verdict.waitFor({ timeout: 90_000 });
  // Three lines and how the program ends: nothing declined.
  assert.match(await verdict.innerText(), /✓ CPython agreed on 4 of 4$/);
  assert.deepEqual(errors, []);
  await page.close();
});

test("a traceback __exit__ keeps holds the returned function's frame in the graph until it is let go, and CPython agrees", async () => {
  const code = [
    "class Res:",
    "    def __init__(self, name):",
    "        self.name = name",
    "",
    "    def __del__(self):",
    '        print("del", self.name)',
    "",
    "class Recorder:",
    "    def __enter__(self):",
    "        return self",
    "",
    "    def __exit__(self, kind, exc, tb):",
    "        self.tb = tb",
    "        return True",
    "",
    "def work(rec):",
    '    data = Res("data")',
    "    with rec:",
    '        raise ValueError("disk full")',
    '    print("work returns")',
    "",
    "rec = Recorder()",
    "work(rec)",
    'print("after work")',
    "rec.tb = None",
    'print("end")',
    "",
  ].join("\n");
  const { page, errors } = await open(env.context, permalink(env.url, "finalize", code));
  const lab = labRegion(page, "Lab: object lifetimes");
  const now = lab.locator(".lifetime-step-now");
  const objects = lab.getByRole("region", { name: /^Objects after step/ }).getByRole("list", { name: "Objects" });
  await lab.getByRole("slider", { name: "Step" }).focus();
  await page.keyboard.press("Home");
  for (let i = 0; i < 10 && !(await now.innerText()).endsWith('print("after work")'); i++) await page.keyboard.press("ArrowRight");
  assert.match(await now.innerText(), /line 24: print\("after work"\)$/);
  // `work` returned, but its frame (and `data` in it) lives on in the traceback `rec` keeps.
  const shown = await objects.innerText();
  assert.match(shown, /Res\('data'\) \(Res\): refcount 1, held by work's frame \(local data\)/);
  assert.match(shown, /work's frame \(frame\): refcount 1, held by the traceback of ValueError\('disk full'\)\.tb_frame/);
  assert.match(shown, /the traceback of ValueError\('disk full'\) \(traceback\): refcount 1, held by Recorder\(\)\.tb/);
  await page.keyboard.press("ArrowRight");
  assert.match(await now.innerText(), /line 25: rec\.tb = None$/);
  assert.doesNotMatch(await objects.innerText(), /Res\('data'\)|traceback/);

  await page.getByRole("button", { name: "Run", exact: true }).click();
  await waitForOutput(page, "end");
  assert.match(await output(page).innerText(), /work returns\nafter work\ndel data\nend/);
  const verdict = lab.getByRole("status").filter({ hasText: /CPython agreed on \d+ of \d+/ });
  await verdict.waitFor({ timeout: 90_000 });
  assert.match(await verdict.innerText(), /✓ CPython agreed on 5 of 5$/);
  assert.deepEqual(errors, []);
  await page.close();
});
