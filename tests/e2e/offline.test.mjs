// Offline: after one visit the playground loads and runs with the network off.
import { test } from "node:test";
import assert from "node:assert/strict";
import { appForThisFile, open, waitForOutput } from "./app.mjs";

const env = appForThisFile({ isolated: true });

test("after one visit the playground reloads and runs code on two pages with the network off", async () => {
  const { page, errors } = await open(env.context, `${env.url}#/protocol`);
  // The page says so once the service worker keeps the whole build.
  await page.getByText("Works offline").waitFor({ timeout: 120_000 });

  await env.context.setOffline(true);
  try {
    await page.reload();
    await page.getByRole("button", { name: "Run", exact: true }).click();
    await waitForOutput(page, "isinstance(…, Sink) is");
    await page.getByRole("navigation", { name: "Patterns" }).getByRole("link", { name: "weakref.finalize", exact: true }).click();
    await page.getByRole("textbox", { name: "Python code" }).waitFor();
    await page.getByRole("button", { name: "Run", exact: true }).click();
    await waitForOutput(page, "4. still alive at exit");
    const lab = page.getByRole("region", { name: "Lab: object lifetimes" });
    await lab.getByRole("status").filter({ hasText: /CPython agreed on (\d+) of \1/ }).waitFor({ timeout: 90_000 });
  } finally {
    await env.context.setOffline(false);
  }
  assert.deepEqual(errors, []);
  await page.close();
});
