// The lab contract in the browser: agreement is about the user's own code, a
// lab that cannot follow the user's function says so and does not judge, and
// a lab that fails on some code leaves the page working.
import { test } from "node:test";
import { readFileSync } from "node:fs";
import assert from "node:assert/strict";
import { appForThisFile, labRegion, open, output, permalink, waitForOutput } from "./app.mjs";

const env = appForThisFile({ isolated: true });

/** Replaces the editor's whole text, as a user pasting would. */
async function replaceCode(page, code) {
  await page.getByRole("textbox", { name: "Python code" }).click();
  await page.keyboard.press("Control+A");
  await page.keyboard.insertText(code);
}

const PASSES_EVERY_KEY = `import inspect


def dispatch(handler, payload: dict):
    """Passes every key, whatever the handler's signature says."""
    return handler(**payload)


def create_user(user_id: int, name: str, admin: bool = False, **extra):
    return f"created user {user_id} ({name}), admin={admin}, extra={extra}"


print(dispatch(create_user, {"user_id": 7, "name": "ada", "source": "web"}))
`;

// A dispatcher the lab does not follow: it drops the private keys by a comprehension.
const DROPS_PRIVATE_KEYS = PASSES_EVERY_KEY.replace(
  "    return handler(**payload)",
  '    return handler(**{k: v for k, v in payload.items() if not k.startswith("_")})',
);

test("a dispatcher edited to pass every key is predicted, and CPython agrees", async () => {
  const { page, errors } = await open(env.context, `${env.url}#/dispatch`);
  const wiring = labRegion(page, "Lab: wiring");
  await wiring.getByText("✓ The call goes through").waitFor();
  await replaceCode(page, PASSES_EVERY_KEY);
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await waitForOutput(page, "extra={'source': 'web'}");
  const verdict = wiring.getByRole("status").filter({ hasText: /Nothing was checked|CPython agreed|✗/ });
  await verdict.waitFor({ timeout: 90_000 });
  assert.match(await verdict.innerText(), /^✓ CPython agreed on (\d+) of \1$/);
  assert.deepEqual(errors, []);
  await page.close();
});

test("a dispatcher the lab cannot follow is run, and the lab does not judge it", async () => {
  assert.notEqual(DROPS_PRIVATE_KEYS, PASSES_EVERY_KEY);
  const { page, errors } = await open(env.context, `${env.url}#/dispatch`);
  const wiring = labRegion(page, "Lab: wiring");
  await wiring.getByText("✓ The call goes through").waitFor();
  await replaceCode(page, DROPS_PRIVATE_KEYS);
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await waitForOutput(page, "extra={'source': 'web'}");
  const verdict = wiring.getByRole("status").filter({ hasText: /Nothing was checked|CPython agreed|✗/ });
  await verdict.waitFor({ timeout: 90_000 });
  assert.match(await verdict.innerText(), /^– Nothing was checked; \d+ not predicted$/);
  // CPython's own result is shown, without a verdict: source reached **extra.
  assert.match(await wiring.locator(".checks").innerText(), /not predicted/);
  assert.deepEqual(errors, []);
  await page.close();
});

test("a validator edited on the annotated page is run, and the lab does not judge what it cannot predict", async () => {
  const example = readFileSync(new URL("../../src/examples/annotated.py", import.meta.url), "utf8");
  // The validator now reports every value, whatever its metadata says.
  const docstring = '"""Reads the metadata that Python itself ignores, and enforces it."""';
  const edited = example.replace(docstring, `${docstring}\n    print("checking", sorted(values))`);
  assert.notEqual(edited, example);
  const { page, errors } = await open(env.context, `${env.url}#/annotated`);
  const pipeline = labRegion(page, "Lab: metadata pipeline");
  await pipeline.getByLabel("Predicted messages").waitFor();
  await replaceCode(page, edited);
  await pipeline.getByText(/is not the one the lab models/).first().waitFor();
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await waitForOutput(page, "checking ['age', 'name', 'password']");
  const verdict = pipeline.getByRole("status").filter({ hasText: /Nothing was checked|CPython agreed/ });
  await verdict.waitFor({ timeout: 90_000 });
  const text = await verdict.innerText();
  assert.doesNotMatch(text, /✗/);
  // The hints do not depend on the validator and are still checked; what the edited
  // validator does is not predicted.
  assert.match(text, /^✓ CPython agreed on (\d+) of \1; \d+ not predicted$/);
  assert.deepEqual(errors, []);
  await page.close();
});

test("a lab that fails on some code says so, and the editor, Run and Stop keep working", async () => {
  const code = 'print("still running")\n';
  const { page, errors } = await open(env.context, `${permalink(env.url, "protocol", code)}&lab_fault=panic`);
  const matrix = labRegion(page, "Lab: conformance matrix");
  const failure = matrix.getByRole("alert");
  await failure.waitFor();
  assert.match(await failure.innerText(), /The lab failed on this code/);
  assert.match(await failure.getByRole("link", { name: "this permalink" }).getAttribute("href"), /lab_fault=panic/);
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await waitForOutput(page, "still running");
  // Editing goes on, and the lab tries again on each edit.
  await page.getByRole("textbox", { name: "Python code" }).click();
  await page.keyboard.press("Control+End");
  await page.keyboard.type('print("edited")\n');
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await waitForOutput(page, "edited");
  assert.ok(await page.getByRole("button", { name: "Stop", exact: true }).count() === 1);
  assert.match(await output(page).innerText(), /edited/);
  assert.ok(await failure.isVisible());
  assert.deepEqual(errors, []);
  await page.close();
});
