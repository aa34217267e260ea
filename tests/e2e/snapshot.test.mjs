// Warm starts: after a cold start a throwaway worker keeps a memory snapshot
// of a fresh interpreter in the origin private file system; a later visit restores it (and
// reseeds random), a snapshot that fails to restore is deleted and Python
// starts cold, and the "Warm start" setting turns snapshots off.
import { test } from "node:test";
import assert from "node:assert/strict";
import { appForThisFile, keptSnapshot, open, output, waitForOutput, waitForSnapshot, permalink } from "./app.mjs";

const env = appForThisFile({ isolated: false });
const CODE = "import random\nprint('drew', random.random())\n";

/**
 * Replaces the snapshot kept under `key` with 4 KB of zeros, in python-snapshot.js's format.
 * The page's spare worker may be reading the file as it starts, and a reader's
 * handle refuses writers until it closes: the write waits for it (up to 10 s).
 */
async function breakSnapshot(page, key) {
  await page.evaluate(async (key) => {
    const root = await navigator.storage.getDirectory();
    const file = await root.getFileHandle("python-snapshot");
    let writable = null;
    for (let waited = 0; writable === null; waited += 50) {
      try {
        writable = await file.createWritable();
      } catch (error) {
        if (error.name !== "NoModificationAllowedError" || waited >= 10_000) throw error;
        await new Promise((wait) => setTimeout(wait, 50));
      }
    }
    const record = new TextEncoder().encode(JSON.stringify({ key, bytes: 4096 }));
    const header = new Uint8Array(4096);
    new DataView(header.buffer).setUint32(0, record.length, true);
    header.set(record, 4);
    await writable.write(header);
    await writable.write(new Uint8Array(4096));
    await writable.close();
  }, key);
}

/** Reloads and waits for Python; returns how it started, and what the example drew. */
async function reloadAndRun(page) {
  await page.reload();
  const ready = page.locator(".engine.ready");
  await ready.waitFor({ timeout: 180_000 });
  const start = await ready.getAttribute("data-start");
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await waitForOutput(page, "drew 0.");
  return { start, drew: (await output(page).innerText()).trim() };
}

test("a later visit starts Python from a snapshot, a broken snapshot falls back to a cold start, and the setting turns them off", async () => {
  const { page, errors } = await open(env.context, permalink(env.url, "protocol", CODE));
  await page.locator('.engine.ready[data-start="cold"]').waitFor({ timeout: 180_000 });
  const key = await waitForSnapshot(page);

  const first = await reloadAndRun(page);
  const second = await reloadAndRun(page);
  assert.equal(first.start, "snapshot");
  assert.equal(second.start, "snapshot");
  await page.getByRole("status").filter({ hasText: "warm start from a snapshot" }).waitFor();
  assert.notEqual(first.drew, second.drew, "random is reseeded after each restore");

  // A snapshot that cannot be restored is deleted, and Python starts cold.
  await breakSnapshot(page, key);
  const broken = await reloadAndRun(page);
  assert.equal(broken.start, "cold");
  assert.match(broken.drew, /drew 0\.\d+/);

  // The setting: off deletes the snapshot and starts cold, and it is kept across visits.
  const setting = page.getByRole("checkbox", { name: "Warm start" });
  assert.equal(await setting.isChecked(), true);
  await setting.uncheck();
  for (let waited = 0; (await keptSnapshot(page)) !== null; waited += 100) {
    assert.ok(waited < 5000, "turning warm starts off deletes the snapshot");
    await page.waitForTimeout(100);
  }
  const off = await reloadAndRun(page);
  assert.equal(off.start, "cold");
  assert.equal(await page.getByRole("checkbox", { name: "Warm start" }).isChecked(), false);
  await page.waitForTimeout(3000);
  assert.equal(await keptSnapshot(page), null, "no snapshot is made while the setting is off");
  await page.getByRole("checkbox", { name: "Warm start" }).check();
  assert.deepEqual(errors, []);
  await page.close();
});
