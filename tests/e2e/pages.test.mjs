// Every pattern page runs its own example in real Pyodide, and the Output
// shows what CPython printed.
import { test } from "node:test";
import assert from "node:assert/strict";
import { appForThisFile, open, output, waitForOutput, permalink } from "./app.mjs";

const env = appForThisFile({ isolated: true });

const EXPECTED = {
  protocol: [
    "ShoutingSink: isinstance(…, Sink) is True",
    "Notebook: isinstance(…, Sink) is False",
    "Closeable: Instance and class checks can only be used with @runtime_checkable protocols",
    "closed after 1 chunk(s)",
    "FileSink: isinstance(…, Sink) is True",
    "log.bin: 5 byte(s)",
  ],
  annotated: [
    "name='al': shorter than 3",
    "password=***: shorter than 8",
    "<class 'str'>",
    "3 validation errors for Account",
    "author='al'",
    "{'name': 'ada', 'age': 36, 'password': '***'}",
  ],
  freeze: ["frozen objects:", "full collection now:", "read every record"],
  dispatch: ["created user 7 (ada), admin=False", "smtp.local:25", "Invite(email='ada@example.com', role='viewer', sent=False)", "TypeError: record_event() missing 1 required positional argument: 'kind'"],
  finalize: ["finalizer: released a\n   after del a", "after del b: the cycle keeps it alive\n  finalizer: released b", "alive: False"],
};

for (const [slug, lines] of Object.entries(EXPECTED)) {
  test(`#/${slug} runs its example in CPython`, async () => {
    const { page, errors } = await open(env.context, `${env.url}#/${slug}`);
    await page.getByRole("textbox", { name: "Python code" }).waitFor();
    await page.getByRole("button", { name: "Run", exact: true }).click();
    for (const line of lines) await waitForOutput(page, line);
    assert.deepEqual(errors, []);
    await page.close();
  });
}

test("stdout and stderr arrive in order, and an exception shows its traceback", async () => {
  const code = 'import sys\nprint("one")\nprint("two", file=sys.stderr)\nprint("three")\n\ndef f():\n    return 1 / 0\n\nf()\n';
  const { page } = await open(env.context, permalink(env.url, "protocol", code));
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await waitForOutput(page, "ZeroDivisionError: division by zero");
  const text = await output(page).innerText();
  assert.match(text, /one\ntwo\nthree\n/);
  assert.match(text, /Traceback \(most recent call last\):\n  File "main\.py", line 9, in <module>\n/);
  assert.match(text, /line 7, in f\n    return 1 \/ 0/);
  assert.doesNotMatch(text, /_pp_run|pyodide/);
  await page.close();
});

test("an empty Output tells a Run that printed nothing from no Run yet", async () => {
  const { page } = await open(env.context, permalink(env.url, "protocol", "x = 1 + 1\n"));
  const log = output(page);
  assert.equal((await log.innerText()).trim(), "Press Run (or Ctrl+Enter) to run the example in CPython.");
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await waitForOutput(page, "The program printed nothing.");
  await page.getByRole("button", { name: "Run", exact: true }).and(page.locator(":enabled")).waitFor();
  assert.equal((await log.innerText()).trim(), "The program printed nothing.");
  await page.close();
});

test("each Run starts from a fresh namespace", async () => {
  const code = 'print("seen" if "counter" in globals() else "fresh")\ncounter = 1\n';
  const { page } = await open(env.context, permalink(env.url, "dispatch", code));
  const run = page.getByRole("button", { name: "Run", exact: true });
  await run.click();
  await waitForOutput(page, "fresh");
  await run.click();
  await waitForOutput(page, "fresh");
  assert.doesNotMatch(await output(page).innerText(), /seen/);
  await page.close();
});

test("a Run's garbage is collected before it ends, and its gc.disable() stays in that Run", async () => {
  const code = [
    "import gc",
    'print("collection on:", gc.isenabled())',
    "gc.disable()",
    "",
    "class Node:",
    "    def __del__(self):",
    '        print("the cycle is collected")',
    "",
    "node = Node()",
    "node.me = node",
    'print("end")',
    "",
  ].join("\n");
  const { page } = await open(env.context, permalink(env.url, "finalize", code));
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await waitForOutput(page, "the cycle is collected");
  assert.match(await output(page).innerText(), /collection on: True\nend\nthe cycle is collected/);
  const editor = page.getByRole("textbox", { name: "Python code" });
  await editor.click();
  await page.keyboard.press("Control+a");
  // Inserted, not typed: the editor would indent typed lines.
  await page.keyboard.insertText('import gc\nprint("next Run, collection on:", gc.isenabled())\n');
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await waitForOutput(page, "next Run, collection on:");
  assert.match(await output(page).innerText(), /next Run, collection on: True/);
  await page.close();
});

test("Ctrl+Enter in the editor runs the code", async () => {
  const { page } = await open(env.context, permalink(env.url, "annotated", 'print("via the keyboard")\n'));
  const editor = page.getByRole("textbox", { name: "Python code" });
  await editor.click();
  await page.keyboard.press("Control+Enter");
  await waitForOutput(page, "via the keyboard");
  await page.close();
});
