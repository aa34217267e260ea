// The Annotated and finalize labs predict on the default example before
// Python has loaded, and after Run show that CPython agreed, on code that
// raises too where the lab's probe runs the code again.
import { readFileSync } from "node:fs";
import { test } from "node:test";
import assert from "node:assert/strict";
import { appForThisFile, labRegion, open, output, permalink, waitForOutput } from "./app.mjs";

const env = appForThisFile({ isolated: true });

test("the Annotated lab predicts the validator's messages and the hints, then CPython agrees", async () => {
  const { page, errors } = await open(env.context, `${env.url}#/annotated`);
  const pipeline = labRegion(page, "Lab: metadata pipeline");
  const messages = pipeline.getByLabel("Predicted messages");
  await messages.waitFor();
  assert.equal(
    (await messages.innerText()).trim(),
    "name='al': shorter than 3\nage=-4: outside 0..150\npassword=***: shorter than 8",
  );
  const hints = await pipeline.getByRole("table", { name: /metadata is stripped/ }).innerText();
  assert.match(hints, /name\s+<class 'str'>\s+typing\.Annotated\[str, MinLen\(n=3\)\]/);
  assert.match(hints, /<__main__\.Secret object at 0x…>/);

  await page.getByRole("button", { name: "Run", exact: true }).click();
  const verdict = pipeline.getByRole("status").filter({ hasText: /CPython agreed on \d+ of \d+/ });
  await verdict.waitFor({ timeout: 90_000 });
  assert.match(await verdict.innerText(), /✓ CPython agreed on (\d+) of \1$/);

  // Other values: the lab follows, and the inputs go into the URL.
  await pipeline.getByLabel("Values of the call (JSON object)").fill('{"age": 3.5}');
  await messages.filter({ hasText: "age=3.5: expected int" }).waitFor();
  // The URL follows after its debounce.
  await page.waitForFunction(() => location.hash.includes("values="));
  assert.deepEqual(errors, []);
  await page.close();
});

test("the finalize lab predicts the timeline and every line, exit included, then CPython agrees", async () => {
  const { page, errors } = await open(env.context, `${env.url}#/finalize`);
  const lifetimes = labRegion(page, "Lab: object lifetimes");
  const predicted = lifetimes.getByLabel("Predicted output");
  await predicted.waitFor();
  const lines = (await predicted.innerText()).split("\n").filter(Boolean);
  assert.equal(lines.length, 13);
  assert.equal(lines.at(-1), "  finalizer: released d");
  // Its text, not its rendering: rows far from the screen skip their layout (content-visibility).
  const timeline = await lifetimes.getByRole("table", { name: /Each statement/ }).textContent();
  assert.match(timeline, /unreachable cycle: waits for gc\.collect\(\)/);
  assert.match(timeline, /the finalizer of TempResource\('d'\) runs \(at interpreter exit\)/);

  await page.getByRole("button", { name: "Run", exact: true }).click();
  const verdict = lifetimes.getByRole("status").filter({ hasText: /CPython agreed on \d+ of \d+/ });
  await verdict.waitFor({ timeout: 90_000 });
  // 13 lines and how the program ends.
  assert.match(await verdict.innerText(), /✓ CPython agreed on 14 of 14$/);
  assert.deepEqual(errors, []);
  await page.close();
});

test("a program that raises is still checked by the finalize lab, whose probe runs it again, and not by a lab that reads what the code left", async () => {
  const raising = [
    "import weakref",
    "",
    "class Conn:",
    "    def __init__(self, name):",
    "        self.name = name",
    "",
    "def handle(conn):",
    '    weakref.finalize(conn, print, "finalized", conn.name)',
    '    raise RuntimeError("lost " + conn.name)',
    "",
    "try:",
    '    handle(Conn("a"))',
    "except RuntimeError as e:",
    '    print("caught", e)',
    'handle(Conn("b"))',
    "",
  ].join("\n");
  const { page, errors } = await open(env.context, permalink(env.url, "finalize", raising));
  const lifetimes = labRegion(page, "Lab: object lifetimes");
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await waitForOutput(page, "RuntimeError: lost b");
  const verdict = lifetimes.getByRole("status").filter({ hasText: /CPython agreed on \d+ of \d+/ });
  await verdict.waitFor({ timeout: 90_000 });
  // Three lines, the last at exit from the traceback's frame, and how the program ends.
  assert.match(await verdict.innerText(), /✓ CPython agreed on 4 of 4$/);

  // A message given to sys.exit() goes to stderr, as the interpreter prints it, and is checked.
  await page.goto(permalink(env.url, "finalize", 'import sys\nprint("checking")\nsys.exit("no input file")\n'));
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await waitForOutput(page, "no input file");
  assert.match(await output(page).innerText(), /checking\nno input file/);
  const exited = lifetimes.getByRole("status").filter({ hasText: /CPython agreed on \d+ of \d+/ });
  await exited.waitFor({ timeout: 90_000 });
  assert.match(await exited.innerText(), /✓ CPython agreed on 2 of 2$/);

  const example = readFileSync(new URL("../../src/examples/annotated.py", import.meta.url), "utf8");
  await page.goto(permalink(env.url, "annotated", `${example}\nraise ValueError("boom")\n`));
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await labRegion(page, "Lab: metadata pipeline")
    .getByRole("status")
    .filter({ hasText: "The code did not finish (ValueError: boom), so CPython could not check the prediction." })
    .waitFor({ timeout: 90_000 });
  assert.deepEqual(errors, []);
  await page.close();
});

test("a repr kept as a string shows its address as 0x… after its object is gone, CPython agrees, and reading its characters is declined", async () => {
  const kept = [
    "import weakref",
    "",
    "class Conn:",
    "    pass",
    "",
    "conn = Conn()",
    'label = f"closing {conn}"',
    "ref = weakref.ref(conn)",
    'weakref.finalize(conn, print, "finalized")',
    "del conn",
    "print(label)",
    "print(repr(ref))",
    "raise RuntimeError(label)",
    "",
  ].join("\n");
  const { page, errors } = await open(env.context, permalink(env.url, "finalize", kept));
  const lifetimes = labRegion(page, "Lab: object lifetimes");
  const predicted = lifetimes.getByLabel("Predicted output");
  await predicted.waitFor();
  assert.deepEqual((await predicted.innerText()).split("\n").filter(Boolean), [
    "finalized",
    "closing <__main__.Conn object at 0x…>",
    "<weakref at 0x…; dead>",
  ]);
  assert.match(await lifetimes.innerText(), /ending at line 13 with RuntimeError: closing <__main__\.Conn object at 0x…>/);
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await waitForOutput(page, "RuntimeError: closing <__main__.Conn object at 0x");
  const verdict = lifetimes.getByRole("status").filter({ hasText: /CPython agreed on \d+ of \d+/ });
  await verdict.waitFor({ timeout: 90_000 });
  // Three lines, each address matched to CPython's, and the error line with its address.
  assert.match(await verdict.innerText(), /✓ CPython agreed on 4 of 4$/);

  await page.goto(permalink(env.url, "finalize", kept.replace("raise RuntimeError(label)", "print(len(label))")));
  await lifetimes
    .getByRole("status")
    .filter({ hasText: "Line 13 is not modelled (the length of a string that shows a memory address" })
    .waitFor();
  assert.deepEqual(errors, []);
  await page.close();
});
