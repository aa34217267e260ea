// Stop ends a runaway loop within a second, and the next Run works, both on a
// cross-origin isolated page (interrupt buffer) and on a plain static host
// (the worker is replaced by the spare kept ready in the background, and a
// new spare is started for the next Stop). Python starts from the HTML: the
// app adopts that worker rather than starting a second one.
import { test } from "node:test";
import assert from "node:assert/strict";
import { setUp, open, output, waitForOutput, permalink, watchWorkerStarts } from "./app.mjs";

const RUNAWAY = 'print("spinning", flush=True)\nwhile True:\n    pass\n';

async function replaceCode(page, code) {
  const editor = page.getByRole("textbox", { name: "Python code" });
  await editor.click();
  await page.keyboard.press("Control+a");
  await page.keyboard.insertText(code);
}

async function runAndStop(page, isolated) {
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await waitForOutput(page, "spinning");
  // The UI thread stays responsive while Python spins.
  const responsive = await page.evaluate(() => new Promise((done) => setTimeout(() => done(true), 50)));
  assert.equal(responsive, true);
  const stop = page.getByRole("button", { name: "Stop", exact: true });
  const started = Date.now();
  await stop.click();
  await page.getByRole("button", { name: "Run", exact: true }).and(page.locator(":enabled")).waitFor({ timeout: 1000 });
  assert.ok(Date.now() - started <= 1000, `stopped after ${Date.now() - started} ms`);
  const text = await output(page).innerText();
  assert.match(text, isolated ? /KeyboardInterrupt/ : /Python was restarted/, `the Output said: ${text}`);
}

for (const isolated of [true, false]) {
  test(`Stop ends while True: pass (${isolated ? "isolated page: interrupt" : "static host: restart"})`, async () => {
    const env = await setUp({ isolated });
    try {
      const workerScripts = watchWorkerStarts(env.context);
      const { page, errors } = await open(env.context, permalink(env.url, "protocol", RUNAWAY));
      const crossOriginIsolated = await page.evaluate(() => self.crossOriginIsolated);
      assert.equal(crossOriginIsolated, isolated);
      const status = page.locator(".engine.ready");
      if (!isolated) {
        // The spare is ready before the first Stop, so Stop swaps it in.
        await status.and(page.locator('[data-standby="true"]')).waitFor({ timeout: 180_000 });
      }
      await runAndStop(page, isolated);

      await replaceCode(page, 'print("alive again")\n');
      await page.getByRole("button", { name: "Run", exact: true }).click();
      await waitForOutput(page, "alive again");

      if (isolated) {
        // One worker: the one the HTML started, adopted by the app.
        assert.equal(workerScripts.length, 1, `python-worker.js was loaded ${workerScripts.length} times`);
      } else {
        // A second Stop uses the spare started after the first one.
        await status.and(page.locator('[data-standby="true"]')).waitFor({ timeout: 180_000 });
        await replaceCode(page, RUNAWAY);
        await runAndStop(page, isolated);
        await replaceCode(page, 'print("alive once more")\n');
        await page.getByRole("button", { name: "Run", exact: true }).click();
        await waitForOutput(page, "alive once more");
        // The first worker, the spare started once it was ready, and one new spare after each Stop.
        assert.equal(workerScripts.length, 4, `python-worker.js was loaded ${workerScripts.length} times`);
      }
      assert.deepEqual(errors, []);
    } finally {
      await env.close();
    }
  });
}
