// Presenter mode: large type, one panel at a time or side by side, the
// explanation point by point, and a QR code that opens exactly this code.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import jsQR from "jsqr";
import { PNG } from "pngjs";
import { appForThisFile, open } from "./app.mjs";

const env = appForThisFile();

test("presenter mode shows one panel at a time, reveals points, and its QR code decodes to the permalink", async () => {
  const { page, errors } = await open(env.context, `${env.url}#/finalize?present=1`);
  await page.setViewportSize({ width: 1400, height: 900 });
  const bar = page.getByRole("toolbar", { name: "Presenter" });
  await bar.waitFor();
  // The names users and tools rely on are the same as in the full page.
  for (const name of ["Run", "Stop"]) await page.getByRole("button", { name, exact: true }).waitFor();
  await page.getByRole("log", { name: "Output" }).waitFor();
  await page.getByRole("link", { name: "weakref.finalize", exact: true }).waitFor();

  const explanation = page.getByRole("region", { name: "Explanation" });
  const points = async () => explanation.locator(":scope > p").count();
  assert.equal(await points(), 1);
  await bar.getByRole("button", { name: /Next point/ }).click();
  assert.equal(await points(), 2);

  const lab = page.getByRole("region", { name: "Lab: object lifetimes" });
  await bar.getByRole("button", { name: "One panel at a time" }).click();
  assert.equal(await lab.isVisible(), false);
  await bar.getByRole("button", { name: "Show the lab" }).click();
  assert.equal(await lab.isVisible(), true);
  assert.equal(await page.getByRole("textbox", { name: "Python code" }).isVisible(), false);
  assert.equal(await page.getByRole("button", { name: "Run", exact: true }).isVisible(), true);
  await bar.getByRole("button", { name: "Show the code" }).click();

  await page.getByRole("textbox", { name: "Python code" }).click();
  await page.keyboard.press("Control+End");
  await page.keyboard.type('\nprint("from the back row")\n');
  await bar.getByRole("button", { name: "QR code" }).click();
  const qr = page.getByRole("img", { name: /^QR code of / });
  await qr.waitFor();
  mkdirSync("tests/artifacts", { recursive: true });
  await page.screenshot({ path: "tests/artifacts/presenter.png" });
  const png = PNG.sync.read(await qr.screenshot());
  const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  assert.ok(decoded, "the QR code decodes");
  const permalink = await page.getByRole("link", { name: "Permalink" }).evaluate((a) => a.href);
  assert.equal(decoded.data, permalink);
  assert.match(decoded.data, /#\/finalize\?code=/);
  assert.doesNotMatch(decoded.data, /present=1/);

  // The shortcut leaves presenter mode and the code stays.
  await page.keyboard.press("Alt+Shift+KeyP");
  await bar.waitFor({ state: "detached" });
  await page.waitForFunction(() => !location.hash.includes("present=1"));
  await page.getByRole("textbox", { name: "Python code" }).getByText('print("from the back row")').waitFor();
  assert.deepEqual(errors, []);
  await page.close();
});
