// pydantic in the page: the annotated page's example imports it, and the
// worker loads it from the app's own origin on Run, with every other origin
// blocked, and again offline after a warm start from the snapshot; a page
// whose code does not import it never fetches it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { appForThisFile, labRegion, open, output, waitForOutput, waitForSnapshot } from "./app.mjs";

const env = appForThisFile({ isolated: true });

/** Blocks every request to another origin; returns the list of those blocked, which fills in. */
async function blockOtherOrigins(context, origin) {
  const blocked = [];
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (new URL(url).origin === origin || url.startsWith("data:") || url.startsWith("blob:")) return route.continue();
    blocked.push(url);
    return route.abort();
  });
  return blocked;
}

/** The wheels the context's pages and workers request, as a list that fills in. */
function watchWheels(context) {
  const wheels = [];
  context.on("request", (request) => {
    if (new URL(request.url()).pathname.endsWith(".whl")) wheels.push(request.url());
  });
  return wheels;
}

// Records, in the page, whether it ever said that pydantic was loading: on the
// status line (loaded in the background once Python is ready) or in the Output
// (loaded by a Run that came first).
const LOADING = "Loading annotated-types, pydantic, pydantic-core, typing-extensions, typing-inspection…";
function watchLoadingMessage(text) {
  const observer = new MutationObserver(() => {
    if (document.body?.textContent.includes(text)) {
      window.__ppSawLoading = true;
      observer.disconnect();
    }
  });
  observer.observe(document, { subtree: true, childList: true, characterData: true });
}

async function run(page) {
  await page.getByRole("button", { name: "Run", exact: true }).click();
}

test("a Protocol page visit and Run fetch no pydantic", async () => {
  const origin = new URL(env.url).origin;
  const blocked = await blockOtherOrigins(env.context, origin);
  const wheels = watchWheels(env.context);
  const { page, errors } = await open(env.context, `${env.url}#/protocol`);
  await run(page);
  await waitForOutput(page, "isinstance(…, Sink) is");
  await labRegion(page, "Lab: conformance matrix")
    .getByRole("status")
    .filter({ hasText: /CPython agreed/ })
    .waitFor({ timeout: 90_000 });
  assert.deepEqual(wheels, []);
  assert.doesNotMatch(await output(page).innerText(), /pydantic/);
  assert.deepEqual(blocked, []);
  assert.deepEqual(errors, []);
  await page.close();
  await env.context.unrouteAll();
});

test("the annotated page's Run loads pydantic from the app's origin, and again offline", async () => {
  const origin = new URL(env.url).origin;
  const blocked = await blockOtherOrigins(env.context, origin);
  const wheels = watchWheels(env.context);
  await env.context.addInitScript(watchLoadingMessage, LOADING);
  const { page, errors } = await open(env.context, `${env.url}#/annotated`);
  await page.getByText("Works offline").waitFor({ timeout: 120_000 });
  // The service worker keeps a wheel when it serves one, so only for a page (and its Python
  // worker) opened since it took over; it registers once this page's Python has started.
  await page.reload();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  const lab = labRegion(page, "Lab: metadata pipeline");

  const expectValidation = async () => {
    await waitForOutput(page, "3 validation errors for Account");
    assert.equal(await page.evaluate(() => window.__ppSawLoading), true, "the page never said pydantic was loading");
    const text = await output(page).innerText();
    assert.match(text, /String should have at least 3 characters \[type=string_too_short, input_value='al', input_type=str\]/);
    assert.match(text, /Input should be greater than or equal to 0 \[type=greater_than_equal, input_value=-4, input_type=int\]/);
    // The string tag alone stops nothing; the masking step reads it.
    assert.match(text, /author='al'/);
    assert.match(text, /\{'name': 'ada', 'age': 36, 'password': '\*\*\*'\}/);
    // The metadata pipeline lab still predicts the example's own check, and CPython agrees.
    const verdict = lab.getByRole("status").filter({ hasText: /CPython agreed|✗/ });
    await verdict.waitFor({ timeout: 90_000 });
    assert.match(await verdict.innerText(), /^✓ CPython agreed on (\d+) of \1$/);
  };

  await run(page);
  await expectValidation();
  // Each is seen twice: the worker asks, and the service worker fetches it to keep a copy.
  const names = [...new Set(wheels.map((url) => new URL(url).pathname.split("/").pop()))].sort();
  // The build's wheels: PyPI's pinned files, compiled, with a hash of their content in the name.
  assert.deepEqual(
    names.map((name) => name.replace(/\+pyc\.[0-9a-f]{12}-/, "-")),
    [
      "annotated_types-0.8.0-py3-none-any.whl",
      "pydantic-2.14.4-py3-none-any.whl",
      "pydantic_core-2.50.5-cp314-cp314-pyemscripten_2026_0_wasm32.whl",
      "typing_extensions-4.16.0-py3-none-any.whl",
      "typing_inspection-0.4.5-py3-none-any.whl",
    ],
  );
  assert.ok(wheels.every((url) => new URL(url).origin === origin), wheels.join("\n"));

  // Offline, a new page's worker starts from the snapshot of a fresh
  // interpreter that the first start left, then loads pydantic again, from the
  // service worker's copy.
  await waitForSnapshot(page);
  await env.context.setOffline(true);
  try {
    await page.reload();
    await page.locator('.engine.ready[data-start="snapshot"]').waitFor({ timeout: 90_000 });
    await run(page);
    await expectValidation();
  } finally {
    await env.context.setOffline(false);
  }
  assert.deepEqual(blocked, []);
  assert.deepEqual(errors, []);
  await page.close();
});
