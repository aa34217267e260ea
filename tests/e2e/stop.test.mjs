// Stop ends a runaway loop within a second, and the next Run works, both on a
// cross-origin isolated page (interrupt buffer) and on a plain static host
// (the worker is replaced).
import { test } from "node:test";
import assert from "node:assert/strict";
import { setUp, open, output, waitForOutput, permalink } from "./app.mjs";

const RUNAWAY = 'print("spinning", flush=True)\nwhile True:\n    pass\n';

for (const isolated of [true, false]) {
  test(`Stop ends while True: pass (${isolated ? "isolated page: interrupt" : "static host: restart"})`, async () => {
    const env = await setUp({ isolated });
    try {
      const { page } = await open(env.context, permalink(env.url, "protocol", RUNAWAY));
      const crossOriginIsolated = await page.evaluate(() => self.crossOriginIsolated);
      assert.equal(crossOriginIsolated, isolated);
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

      const editor = page.getByRole("textbox", { name: "Python code" });
      await editor.click();
      await page.keyboard.press("Control+a");
      await page.keyboard.type('print("alive again")\n');
      await page.getByRole("button", { name: "Run", exact: true }).click();
      await waitForOutput(page, "alive again");
    } finally {
      await env.close();
    }
  });
}
