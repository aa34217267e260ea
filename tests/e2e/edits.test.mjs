// Edits are never lost: each page keeps its last edit across the site's
// navigation, Back and a reload; Reset can be undone; a permalink still opens
// exactly its own code.
import { test } from "node:test";
import assert from "node:assert/strict";
import { appForThisFile, open, permalink } from "./app.mjs";

const env = appForThisFile();

const editor = (page) => page.getByRole("textbox", { name: "Python code" });
const editorText = (page) => editor(page).innerText();
// The editor draws only the lines in view: the edit is on the last line.
async function lastLine(page) {
  await editor(page).focus();
  await page.keyboard.press("Control+End");
}
const nav = (page, name) => page.getByRole("navigation", { name: "Patterns" }).getByRole("link", { name, exact: true });

test("an edit survives the navigation, Back and a reload, and Reset can be undone", async () => {
  const { page, errors } = await open(env.context, `${env.url}#/dispatch`);
  await editor(page).click();
  await page.keyboard.press("Control+End");
  // Leave at once: the address may not have caught up with the edit yet.
  await page.keyboard.type("\n# kept across pages\n");
  await nav(page, "typing.Protocol").click();
  await page.waitForFunction(() => location.hash.startsWith("#/protocol"));
  assert.match(await editorText(page), /class Sink\(Protocol\)/);
  assert.doesNotMatch(await editorText(page), /kept across pages/);

  await nav(page, "inspect.signature").click();
  await lastLine(page);
  await page.getByText("kept across pages").waitFor();

  await nav(page, "weakref.finalize").click();
  await page.waitForFunction(() => location.hash.startsWith("#/finalize"));
  await page.goBack();
  await lastLine(page);
  await page.getByText("kept across pages").waitFor();
  assert.match(await page.evaluate(() => location.hash), /^#\/dispatch/);

  await page.reload();
  await editor(page).waitFor();
  await lastLine(page);
  assert.match(await editorText(page), /kept across pages/);

  await page.getByRole("button", { name: "Reset", exact: true }).click();
  await page.getByRole("button", { name: "Undo reset", exact: true }).waitFor();
  assert.doesNotMatch(await editorText(page), /kept across pages/);
  await page.getByRole("button", { name: "Undo reset", exact: true }).click();
  await lastLine(page);
  await page.getByText("kept across pages").waitFor();
  assert.equal(await page.getByRole("button", { name: "Undo reset" }).count(), 0);

  // A permalink opens exactly its own code, not the page's kept edit.
  await page.goto(permalink(env.url, "dispatch", "def only_this(a):\n    return a\n"));
  await page.getByText("def only_this(a):").waitFor();
  assert.doesNotMatch(await editorText(page), /kept across pages/);
  assert.deepEqual(errors, []);
  await page.close();
});

test("a permalink opened while the address is still catching up with typing opens its own code", async () => {
  const { page, errors } = await open(env.context, `${env.url}#/dispatch`);
  await editor(page).click();
  await page.keyboard.type("# typed just before leaving\n");
  // The browser already shows the permalink's address but has not announced it
  // yet when the app's delayed write of the typing comes due.
  const target = permalink("", "dispatch", "def only_this(a):\n    return a\n");
  await page.evaluate(async (hash) => {
    history.replaceState(null, "", hash);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    window.dispatchEvent(new HashChangeEvent("hashchange"));
  }, target);
  await page.getByText("def only_this(a):").waitFor();
  assert.equal(await page.evaluate(() => location.hash), target);
  assert.doesNotMatch(await editorText(page), /typed just before leaving/);
  assert.deepEqual(errors, []);
  await page.close();
});
