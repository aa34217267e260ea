// The labs predict while you type, before Python has loaded, and after Run
// show whether CPython agreed.
import { test } from "node:test";
import assert from "node:assert/strict";
import { appForThisFile, labRegion, open, permalink } from "./app.mjs";

const env = appForThisFile({ isolated: true });

test("the Protocol lab predicts as you type, then CPython confirms the runtime column", async () => {
  const { page, errors } = await open(env.context, `${env.url}#/protocol`);
  const matrix = labRegion(page, "Lab: conformance matrix");
  const row = (cls) => matrix.getByRole("row").filter({ has: page.getByRole("rowheader", { name: cls }) });
  // Predictions are there before Python has finished loading.
  await row("ShoutingSink").getByText("✗ mypy rejects").waitFor();
  assert.match(await row("ShoutingSink").innerText(), /isinstance\(ShoutingSink\(\), Sink\) → True/);
  assert.match(await row("RenamedSink").innerText(), /mypy accepts, with a caveat/);
  assert.match(await row("Notebook").innerText(), /Notebook has no member close/);
  assert.match(await row("MemorySink").innerText(), /isinstance\(MemorySink\(\), Closeable\) → raises TypeError/);
  // A dataclass whose __init__ needs a path: the runtime check is made without calling it.
  assert.match(await row("FileSink").innerText(), /isinstance\(FileSink.__new__\(FileSink\), Sink\) → True/);

  await page.getByRole("button", { name: "Run", exact: true }).click();
  const verdict = matrix.getByRole("status").filter({ hasText: /CPython agreed on \d+ of \d+/ });
  await verdict.waitFor({ timeout: 90_000 });
  assert.match(await verdict.innerText(), /✓ CPython agreed on 10 of 10$/);
  assert.match(await row("ShoutingSink").innerText(), /CPython: True/);

  // Editing a class updates the matrix on the next keystroke.
  const editor = page.getByRole("textbox", { name: "Python code" });
  await editor.click();
  await page.keyboard.press("Control+End");
  await page.keyboard.type("\nclass Late:\n    def close(self) -> None: ...\n");
  // The labs' worker answers each edit in turn: wait for the answer to the whole class.
  await row("Late").getByText(/Late has no member write/).first().waitFor();

  // A syntax error is reported at its line and the lab keeps its last result, dimmed.
  await page.keyboard.type("def broken(:\n");
  const problem = matrix.getByText(/SyntaxError at line \d+, column \d+/);
  await problem.waitFor();
  // The editor marks the same spot.
  await page.locator(".cm-lintRange-error").first().waitFor();
  await page.locator(".cm-lint-marker-error").first().waitFor();
  assert.ok(await matrix.locator(".stale").count() > 0);
  assert.ok(await row("Late").count() > 0);
  assert.deepEqual(errors, []);
  await page.close();
});

test("the dispatch lab wires the payload, predicts CPython's error line, and CPython agrees", async () => {
  const { page, errors } = await open(env.context, `${env.url}#/dispatch`);
  const wiring = labRegion(page, "Lab: wiring");
  await wiring.getByText("✓ The call goes through").waitFor();
  assert.match(await wiring.getByRole("table", { name: "Payload keys" }).innerText(), /source\s+dropped/);

  await wiring.getByLabel("Handler").fill("record_event");
  await wiring.getByLabel("Payload (JSON object)").fill('{"kind": "login", "ip": "10.0.0.1"}');
  await wiring.getByText("TypeError: record_event() missing 1 required positional argument: 'kind'").waitFor();
  assert.match(await wiring.getByRole("table", { name: "Parameters" }).innerText(), /kind\s+positional-only\s+missing/);

  await page.getByRole("button", { name: "Run", exact: true }).click();
  const verdict = wiring.getByRole("status").filter({ hasText: /CPython agreed on \d+ of \d+/ });
  await verdict.waitFor({ timeout: 90_000 });
  assert.match(await verdict.innerText(), /✓ CPython agreed on (\d+) of \1$/);
  await wiring.getByText(/dispatches\/s calling inspect.signature every time/).waitFor();

  // The strict dispatcher passes positional-only parameters positionally,
  // and hands the other keys to **details instead of dropping them.
  await wiring.getByLabel("Dispatcher").selectOption("strict");
  await wiring.getByText("✓ The call goes through").waitFor();
  const keys = await wiring.getByRole("table", { name: "Payload keys" }).innerText();
  assert.match(keys, /kind\s+→ kind \(positionally\)/);
  assert.match(keys, /ip\s+→ into \*\*details/);
  // The inputs are in the URL.
  assert.match(await page.evaluate(() => location.hash), /handler=record_event/);
  assert.deepEqual(errors, []);
  await page.close();
});

test("a permalink restores the dispatch lab's inputs", async () => {
  const url = `${permalink(env.url, "dispatch", "def f(a: int, /):\n    return a\n")}&handler=f&payload=${encodeURIComponent('{"a": "7"}')}&dispatcher=strict`;
  const { page } = await open(env.context, url);
  const wiring = labRegion(page, "Lab: wiring");
  assert.equal(await wiring.getByLabel("Handler").inputValue(), "f");
  await wiring.getByText("✓ The call goes through").waitFor();
  assert.match(await wiring.getByRole("table", { name: "Parameters" }).innerText(), /a\s+positional-only\s+7/);
  await page.close();
});
