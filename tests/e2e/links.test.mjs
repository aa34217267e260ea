// State in the URL: permalinks restore code, broken links explain themselves,
// embed mode drops the navigation.
import { test } from "node:test";
import assert from "node:assert/strict";
import { appForThisFile, open, permalink } from "./app.mjs";

const env = appForThisFile();

const editorText = (page) => page.getByRole("textbox", { name: "Python code" }).innerText();

test("edits are kept in the URL and survive a reload", async () => {
  const { page } = await open(env.context, `${env.url}#/finalize`);
  const editor = page.getByRole("textbox", { name: "Python code" });
  await editor.click();
  await page.keyboard.press("Control+a");
  await page.keyboard.type('print("kept in the link")\n');
  // The address catches up with the last keystroke after its debounce: wait for exactly the
  // permalink of what was typed, not the first write of a partial line.
  await page.waitForFunction(() => location.hash === new URL(document.querySelector("a.permalink").href).hash);
  await page.reload();
  await page.getByRole("textbox", { name: "Python code" }).waitFor();
  assert.match(await editorText(page), /print\("kept in the link"\)/);
  await page.close();
});

test("a permalink opens with its code", async () => {
  const { page } = await open(env.context, permalink(env.url, "dispatch", "def handler(a, /, b=2):\n    return a\n"));
  assert.match(await editorText(page), /def handler\(a, \/, b=2\):/);
  await page.close();
});

test("a broken link shows a clear message and the default example", async () => {
  const { page, errors } = await open(env.context, `${env.url}#/protocol?code=this-is-not-a-permalink!!`);
  const alert = page.getByRole("alert");
  await alert.waitFor();
  assert.match(await alert.innerText(), /could not be read/);
  assert.match(await alert.innerText(), /default example/);
  assert.match(await editorText(page), /class Sink\(Protocol\)/);
  assert.deepEqual(errors, []);
  await page.close();
});

test("an unknown page says so and links home", async () => {
  const { page } = await open(env.context, `${env.url}#/no-such-pattern`);
  await page.getByRole("heading", { name: "No such page" }).waitFor();
  await page.getByRole("link", { name: "See the five patterns" }).click();
  await page.getByRole("heading", { name: "Five Python patterns, run live" }).waitFor();
  await page.close();
});

test("embed mode hides the navigation and links to the full page", async () => {
  const { page } = await open(env.context, `${env.url}#/protocol?embed=1`);
  await page.getByRole("textbox", { name: "Python code" }).waitFor();
  assert.equal(await page.getByRole("navigation", { name: "Patterns" }).count(), 0);
  const full = page.getByRole("link", { name: /Open in Pattern Playground/ });
  assert.doesNotMatch(await full.getAttribute("href"), /embed/);
  await page.close();
});

test("the home page links every pattern page", async () => {
  const { page } = await open(env.context, env.url);
  for (const api of ["typing.Protocol", "typing.Annotated", "gc.freeze()", "inspect.signature", "weakref.finalize"]) {
    assert.equal(await page.getByRole("main").getByRole("link", { name: new RegExp(api.replace(/[.()]/g, "\\$&")) }).count(), 1, api);
  }
  await page.close();
});
