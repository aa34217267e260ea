// The freeze lab: the copy-on-write simulator steps and compares freeze with no
// freeze, the bundled reference report is drawn, and a broken report file is
// refused with a message while the rest keeps working.
import { test } from "node:test";
import assert from "node:assert/strict";
import { appForThisFile, open } from "./app.mjs";

const env = appForThisFile();

const lab = (page) => page.getByRole("region", { name: "Lab: copy-on-write after fork" });

/** The number (MB) a counter shows, by its name. */
async function counterMb(page, name) {
  const text = await lab(page).locator(".freeze-stat", { has: page.getByText(name, { exact: true }) }).locator("dd").innerText();
  return Number.parseFloat(text);
}

test("the simulator steps a pool and freeze removes the collection copies", async () => {
  const { page, errors } = await open(env.context, `${env.url}#/freeze?workload=requests`);
  await lab(page).waitFor();
  assert.equal(await page.getByLabel("Workload").inputValue(), "requests");
  assert.match(await lab(page).locator(".freeze-stat", { has: page.getByText("Shared pages", { exact: true }) }).innerText(), /16,384 of 16,384/);

  await page.getByRole("button", { name: "Step one request" }).click();
  await page.getByText("step 1 of 3").waitFor();
  await page.getByRole("button", { name: "Run to the end" }).click();
  await page.getByText("step 3 of 3").waitFor();
  const withoutFreeze = await counterMb(page, "Total Pss, without freeze");
  assert.ok(withoutFreeze > 150, `a pool that collects copies its tracked pages: ${withoutFreeze} MB`);

  await page.getByLabel("gc.freeze() before the fork").check();
  await page.waitForFunction(() => location.hash.includes("freeze=on"));
  const withFreeze = await counterMb(page, "Total Pss, with freeze");
  assert.ok(Math.abs(withFreeze - 64) < 0.5, `requests alone copy nothing once frozen: ${withFreeze} MB`);
  assert.equal(await counterMb(page, "Total Pss, without freeze"), withoutFreeze);
  assert.ok((await counterMb(page, "Freeze saves")) > 50);
  assert.deepEqual(errors, []);
  await page.close();
});

test("a bad link value falls back to the default", async () => {
  const { page, errors } = await open(env.context, `${env.url}#/freeze?heap=lots&workers=99&workload=everything`);
  await lab(page).waitFor();
  assert.equal(await page.getByLabel("Heap (MB)").inputValue(), "64");
  assert.equal(await page.getByLabel("Workers", { exact: true }).inputValue(), "8");
  assert.equal(await page.getByLabel("Workload").inputValue(), "requests");
  assert.deepEqual(errors, []);
  await page.close();
});

test("the reference report is drawn with the simulator's predictions", async () => {
  const { page, errors } = await open(env.context, `${env.url}#/freeze`);
  await lab(page).getByRole("table", { name: /Python 3\.11\.7: total Pss/ }).waitFor({ timeout: 30_000 });
  // Later Pythons are folded away until asked for.
  await lab(page).getByText("Python 3.12.1", { exact: true }).click();
  const table = lab(page).getByRole("table", { name: /Python 3\.12\.1: total Pss/ });
  await table.waitFor();
  assert.match(await lab(page).locator(".freeze-machine").innerText(), /3\.11\.7, 3\.12\.1, 3\.13\.0/);
  assert.match(await table.innerText(), /requests\+read-all/);
  assert.match(await table.innerText(), /simulator \d+/);
  // Served by a plain static host: no companion, so no form, only how to get one.
  assert.match(await lab(page).innerText(), /make run/);
  assert.equal(await page.getByRole("button", { name: "Run the experiment" }).count(), 0);
  assert.deepEqual(errors, []);
  await page.close();
});

test("a malformed report file is refused with the reason and the reference stays", async () => {
  const { page, errors } = await open(env.context, `${env.url}#/freeze`);
  await lab(page).getByRole("table", { name: /Python 3\.11\.7/ }).waitFor({ timeout: 30_000 });
  const picker = page.getByLabel(/Load a report written by/);
  await picker.setInputFiles({ name: "broken.json", mimeType: "application/json", buffer: Buffer.from('{"schema": ') });
  const alert = lab(page).getByRole("alert");
  await alert.waitFor();
  assert.match(await alert.innerText(), /Could not load broken\.json: not a freeze report: not JSON/);

  await picker.setInputFiles({ name: "old.json", mimeType: "application/json", buffer: Buffer.from('{"schema": "pattern-playground/freeze-report/v0"}') });
  await lab(page).getByText(/unsupported report schema/).waitFor();
  assert.equal(await lab(page).getByRole("table", { name: /Python 3\.11\.7/ }).count(), 1);
  assert.deepEqual(errors, []);
  await page.close();
});
