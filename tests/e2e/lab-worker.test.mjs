// The labs' worker (crates/lab-worker): the second wasm that parses the code and runs the
// models. The page must not need it to be usable, must not load it from its HTML (the app
// starts it), and must replace it when a model panics.
import { test } from "node:test";
import assert from "node:assert/strict";
import { appForThisFile, labRegion, output, permalink, waitForOutput } from "./app.mjs";
import { launch } from "./browser.mjs";

const env = appForThisFile({ isolated: true });

const LAB_WORKER = /\/lab-worker(_loader\.js|\.js|_bg\.wasm)$/;

const PROTOCOL_CODE = `from typing import Protocol, runtime_checkable


@runtime_checkable
class Closer(Protocol):
    def close(self) -> None: ...


class File:
    def close(self) -> None:
        print("closed")


print("ran", isinstance(File(), Closer))
`;

test("the editor, Run and Output work without the labs' worker, and the lab says it could not load", async () => {
  const page = await env.context.newPage();
  const errors = [];
  page.on("pageerror", (error) => errors.push(error));
  const blocked = [];
  // On the context, not the page: the labs start with Python, by when the service worker
  // fetches for the page, and a page's routes do not see its requests.
  const block = (route) => {
    blocked.push(route.request().url());
    return route.abort();
  };
  await env.context.route(LAB_WORKER, block);
  await page.goto(permalink(env.url, "protocol", PROTOCOL_CODE));
  const matrix = labRegion(page, "Lab: conformance matrix");
  const failure = matrix.getByRole("alert");
  await failure.waitFor();
  assert.match(await failure.innerText(), /The lab failed on this code/);
  assert.ok(blocked.length > 0, "the page asked for the labs' worker");

  await page.getByRole("button", { name: "Run", exact: true }).click();
  await waitForOutput(page, "ran True");
  // Without a prediction the Run had nothing to check, and says so.
  await matrix.getByText("This Run had no prediction to check").waitFor();
  assert.match(await output(page).innerText(), /ran True/);
  assert.deepEqual(errors, []);
  await env.context.unroute(LAB_WORKER, block);
  await page.close();
});

/**
 * Opens the Protocol page in a browser of its own (nothing cached: the service worker keeps
 * what it fetched) with the labs' worker's wasm held back until `release()`, presses Run, and
 * waits for the output: the Run went ahead of the lab's first prediction. The route is the
 * context's, so it holds the service worker's fetches too.
 */
async function runAheadOfLab() {
  const browser = await launch();
  let release;
  const released = new Promise((resolve) => {
    release = resolve;
  });
  await browser.context.route(/\/lab-worker_bg\.wasm$/, async (route) => {
    await released;
    await route.continue().catch(() => {});
  });
  const close = async () => {
    release();
    await browser.close();
  };
  try {
    const page = await browser.context.newPage();
    await page.goto(permalink(env.url, "protocol", PROTOCOL_CODE));
    await page.getByRole("button", { name: "Run", exact: true }).click();
    await waitForOutput(page, "ran True");
    return { page, matrix: labRegion(page, "Lab: conformance matrix"), release, close };
  } catch (error) {
    await close();
    throw error;
  }
}

test("a Run pressed before the lab predicted runs at once, and CPython checks the prediction when it comes", async () => {
  const held = await runAheadOfLab();
  try {
    const { page, matrix } = held;
    // The code ran while the lab could not have predicted: its wasm was still held back.
    assert.equal(await matrix.locator(".lab-prediction").count(), 0);
    held.release();
    const verdict = matrix.getByRole("status").filter({ hasText: /CPython agreed on \d+ of \d+/ });
    await verdict.waitFor();
    assert.match(await verdict.innerText(), /✓ CPython agreed on \d+ of \d+$/);
    assert.match(await output(page).innerText(), /^ran True$/m);
  } finally {
    await held.close();
  }
});

test("a Run whose prediction never comes ends unchecked, and says why", async () => {
  const held = await runAheadOfLab();
  try {
    const { matrix } = held;
    await matrix
      .getByText(/^CPython could not check the prediction: the lab's prediction for this code did not come within \d+\.\d s$/)
      .waitFor();
    assert.equal(await matrix.getByText(/CPython agreed/).count(), 0);
    assert.equal(await matrix.locator(".lab-prediction").count(), 0);
  } finally {
    await held.close();
  }
});

test("index.html loads only the app; the app starts the labs' worker for its lab", async () => {
  const page = await env.context.newPage();
  const requests = [];
  page.on("request", (request) => {
    if (LAB_WORKER.test(request.url())) requests.push(request.url());
  });
  await page.goto(`${env.url}#/protocol`);
  // index.html preloads only the app: the labs' worker is not in it.
  const html = await (await page.request.get(`${env.url}index.html`)).text();
  assert.doesNotMatch(html, /lab-worker/);
  const matrix = labRegion(page, "Lab: conformance matrix");
  await matrix.locator(".lab-prediction").waitFor();
  assert.ok(requests.some((url) => url.endsWith("/lab-worker_loader.js")), requests.join(", "));
  assert.ok(requests.some((url) => url.endsWith("/lab-worker_bg.wasm")), requests.join(", "));
  await page.close();
});

/**
 * Opens the Protocol page with `lab_fault` set, counting the labs' worker's starts and the
 * page's errors; `recovers()` then opens the same code without the fault and checks that a
 * fresh worker predicts it.
 */
async function openWithLabFault(fault) {
  const starts = [];
  const errors = [];
  const page = await env.context.newPage();
  page.on("pageerror", (error) => errors.push(error));
  page.on("request", (request) => {
    if (request.url().endsWith("/lab-worker_loader.js")) starts.push(request.url());
  });
  const link = permalink(env.url, "protocol", PROTOCOL_CODE);
  await page.goto(`${link}&lab_fault=${fault}`);
  const matrix = labRegion(page, "Lab: conformance matrix");
  async function recovers() {
    await page.evaluate((hash) => { location.hash = hash; }, new URL(link).hash);
    await matrix.getByRole("table").waitFor();
    assert.equal(await matrix.getByRole("alert").count(), 0);
    assert.match(await matrix.getByRole("table").innerText(), /File/);
    assert.ok(starts.length >= 2, `the labs' worker started ${starts.length} time(s)`);
    assert.deepEqual(errors, []);
    await page.close();
  }
  return { page, matrix, recovers };
}

test("a model that panics takes its worker along, and a fresh one serves the next edit", async () => {
  const { matrix, recovers } = await openWithLabFault("panic");
  await matrix.getByRole("alert").waitFor();
  // "What failed" holds the panic's own message, from inside the worker.
  assert.match(await matrix.getByRole("alert").textContent(), /lab_fault=panic: the lab was asked to fail/);
  await recovers();
});

test("a model that never returns is stopped after 5 s, and a fresh worker serves the next edit", async () => {
  const { page, matrix, recovers } = await openWithLabFault("hang");
  // The page stays usable while the labs' worker spins.
  await page.getByRole("textbox", { name: "Python code" }).click();
  await page.keyboard.press("Control+End");
  await page.keyboard.type("# typed while the lab spins\n");
  await matrix.getByRole("alert").waitFor({ timeout: 30_000 });
  assert.match(await matrix.getByRole("alert").textContent(), /still working on this code after 5 s, so it was stopped/);
  await recovers();
});
