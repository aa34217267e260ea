// The embedding API, end to end: a docs page (the built embed-demo.html, three
// embeds made by embed.js) loads no Python until an embed is used or scrolled
// into view, sizes its iframes by the embeds' resize messages, and drives one
// embed with postMessage (set code, run, output, finished with the lab's
// verdict, stop on a runaway loop). A message from another window or another
// origin is ignored, and the embed keeps working. The app's
// Content-Security-Policy is never violated while code runs.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setUp, open, waitForOutput, watchWorkerStarts } from "./app.mjs";
import { startStaticHost } from "./static-host.mjs";

const PYTHON = "pyodide.asm.wasm";
const LABS = "lab-worker_bg.wasm";

/** Requests for `file` from pages, frames and workers (not the service worker's copies). */
function watchRequests(context, file) {
  const seen = [];
  context.on("request", (request) => {
    if (!request.serviceWorker() && request.url().endsWith(file)) seen.push(request.url());
  });
  return seen;
}

function watchPython(context) {
  return watchRequests(context, PYTHON);
}

/** Collects the events of the demo's embed `index` in the page, as the host sees them. */
async function tapEvents(page, index) {
  await page.evaluate(async (index) => {
    const embeds = await window.PatternPlayground.ready;
    window.testEvents = [];
    embeds[index].on("*", (event) => window.testEvents.push(event));
  }, index);
}

async function waitForEvent(page, predicate, timeout = 120_000) {
  const handle = await page.waitForFunction(
    (source) => window.testEvents.find(new Function(`return (${source})`)()),
    predicate.toString(),
    { timeout },
  );
  return handle.jsonValue();
}

function embedFrame(page, index) {
  return page.frameLocator("iframe.pattern-playground-embed").nth(index);
}

test("the demo loads no Python and no labs until an embed is scrolled into view, and each iframe follows its embed's height", async () => {
  const env = await setUp();
  try {
    const python = watchPython(env.context);
    const labs = watchRequests(env.context, LABS);
    const page = await env.context.newPage();
    await page.setViewportSize({ width: 1000, height: 700 });
    await page.goto(`${env.url}embed-demo.html`);
    // Every embed has rendered and told the host its height.
    for (let i = 0; i < 3; i++) {
      await embedFrame(page, i).getByRole("textbox", { name: "Python code" }).waitFor({ timeout: 60_000 });
    }
    await page.waitForFunction(() =>
      [...document.querySelectorAll("iframe.pattern-playground-embed")].every((f) => f.style.height !== "480px"),
    );
    for (const frame of page.frames().filter((f) => f !== page.mainFrame())) {
      const content = await frame.evaluate(() => document.querySelector(".app").offsetHeight);
      const iframe = await frame.frameElement();
      const height = await iframe.evaluate((f) => f.clientHeight);
      assert.ok(Math.abs(height - content) <= 2, `iframe ${height}px for content ${content}px`);
    }
    await page.waitForLoadState("networkidle");
    assert.deepEqual(python, [], "no embed was seen or used, yet Python loaded");
    assert.deepEqual(labs, [], "no embed was seen or used, yet the labs' worker loaded");
    await embedFrame(page, 0).getByText("The lab starts with Python, or when you edit.").waitFor();

    // Growing content grows the iframe: output makes the page taller.
    const third = page.locator("iframe.pattern-playground-embed").nth(2);
    await third.scrollIntoViewIfNeeded();
    await embedFrame(page, 2).locator(".engine.ready").waitFor({ timeout: 180_000 });
    assert.ok(python.length >= 1, "scrolling an embed into view starts its Python");
    // With its Python ready, the embed's lab predicts.
    await embedFrame(page, 2).locator('.lab:not([aria-busy="true"]) .lab-prediction').waitFor({ timeout: 60_000 });
    assert.ok(labs.length >= 1, "the embed's lab started the labs' worker");
    const before = await third.evaluate((f) => f.clientHeight);
    await embedFrame(page, 2).getByRole("button", { name: "Run", exact: true }).click();
    await waitForOutput(embedFrame(page, 2), "done");
    await page.waitForFunction((h) => document.querySelectorAll("iframe.pattern-playground-embed")[2].clientHeight !== h, before);
  } finally {
    await env.close();
  }
});

test("the host page drives an embed: set code, run, output, finished with the verdict, stop", async () => {
  const env = await setUp();
  try {
    const page = await env.context.newPage();
    const warnings = [];
    page.on("console", (m) => m.type() === "warning" && warnings.push(m.text()));
    await page.goto(`${env.url}embed-demo.html`);
    await embedFrame(page, 0).getByRole("textbox", { name: "Python code" }).waitFor({ timeout: 60_000 });
    await tapEvents(page, 0);

    await page.getByRole("button", { name: "Send code" }).click();
    await embedFrame(page, 0).getByRole("textbox", { name: "Python code" }).filter({ hasText: "admin=True" }).waitFor();
    await page.getByRole("button", { name: "Run the embed" }).click();
    const ready = await waitForEvent(page, (e) => e.type === "ready");
    assert.match(ready.python_version, /^3\.\d+/);
    const finished = await waitForEvent(page, (e) => e.type === "finished");
    assert.equal(finished.version, 1);
    assert.equal(finished.status, "ok", JSON.stringify(finished));
    const printed = await page.evaluate(() =>
      window.testEvents.filter((e) => e.type === "output" && e.stream === "stdout").map((e) => e.text).join(""),
    );
    assert.match(printed, /\(user_id: int, name: str, admin: bool = False\)\ncreated user 7 \(docs\), admin=True\n/);
    // The verdict is the one the embed's lab shows.
    const { verdict } = finished;
    assert.ok(verdict && verdict.checked >= 1, JSON.stringify(finished));
    assert.equal(verdict.agreed + verdict.disagreed, verdict.checked);
    const badge = await embedFrame(page, 0).locator(".run-verdict .badge").innerText();
    assert.ok(badge.includes(verdict.summary), `badge ${badge}, summary ${verdict.summary}`);
    // The host's log shows the events as text.
    await page.getByRole("log", { name: "Embed events" }).filter({ hasText: '"type":"finished"' }).waitFor();

    // Stop ends a runaway loop, and the next run works.
    await page.evaluate(() => (window.testEvents.length = 0));
    await page.getByRole("button", { name: "Send a runaway loop" }).click();
    await page.getByRole("button", { name: "Run the embed" }).click();
    await waitForEvent(page, (e) => e.type === "output" && e.text.includes("looping"));
    await page.getByRole("button", { name: "Stop the embed" }).click();
    const stopped = await waitForEvent(page, (e) => e.type === "finished", 10_000);
    assert.equal(stopped.status, "interrupted");
    await page.evaluate(async () => {
      const [first] = await window.PatternPlayground.ready;
      window.testEvents.length = 0;
      first.setCode('print("after stop")\n');
      first.run();
    });
    await waitForEvent(page, (e) => e.type === "output" && e.text.includes("after stop"));
    assert.deepEqual(warnings.filter((w) => w.includes("ignored a message")), []);
  } finally {
    await env.close();
  }
});

test("messages from another window or another origin are ignored, and the embed keeps working", async () => {
  const env = await setUp();
  const fixtures = mkdtempSync(join(tmpdir(), "pp-embed-hosts-"));
  const hostDir = join(fixtures, "host");
  const strangerDir = join(fixtures, "stranger");
  mkdirSync(hostDir);
  mkdirSync(strangerDir);
  writeFileSync(join(strangerDir, "index.html"), "<!doctype html><title>stranger</title><p>another site</p>");
  const host = await startStaticHost(hostDir);
  const stranger = await startStaticHost(strangerDir);
  try {
    const hostOrigin = new URL(host.url).origin;
    const app = `${env.url}#/dispatch?embed=1&start=interaction`;
    writeFileSync(
      join(hostDir, "index.html"),
      `<!doctype html><title>host</title>
      <iframe id="mine" title="embed" src="${app}&origin=${encodeURIComponent(hostOrigin)}" style="width:100%;height:500px"></iframe>
      <iframe id="elsewhere" title="embed for another origin" src="${app}&origin=${encodeURIComponent("https://docs.example")}" style="width:100%;height:500px"></iframe>
      <iframe id="stranger" title="stranger" src="${stranger.url}"></iframe>`,
    );
    const page = await env.context.newPage();
    const warnings = [];
    page.on("console", (m) => m.type() === "warning" && warnings.push(m.text()));
    await page.goto(host.url);
    const mine = page.frameLocator("#mine");
    const elsewhere = page.frameLocator("#elsewhere");
    for (const frame of [mine, elsewhere]) await frame.getByRole("textbox", { name: "Python code" }).waitFor({ timeout: 60_000 });
    await page.evaluate(() => {
      window.testEvents = [];
      addEventListener("message", (e) => e.source === document.getElementById("mine").contentWindow && window.testEvents.push(e.data));
    });

    // A window that is not the embed's parent: the stranger's frame posts to it.
    const strangerFrame = page.frames().find((f) => f.url().startsWith(stranger.url));
    await strangerFrame.evaluate(() => {
      parent.frames[0].postMessage({ type: "set-code", version: 1, code: "print('from a stranger')\n" }, "*");
      parent.frames[0].postMessage({ type: "run", version: 1 }, "*");
    });
    // The parent, but not the origin the embed was given.
    await page.evaluate(() => {
      const target = document.getElementById("elsewhere").contentWindow;
      target.postMessage({ type: "set-code", version: 1, code: "print('wrong origin')\n" }, "*");
      target.postMessage({ type: "run", version: 1 }, "*");
    });
    // The right parent and origin, but not a message of the API.
    await page.evaluate(() => document.getElementById("mine").contentWindow.postMessage({ type: "eval", version: 1 }, "*"));
    const expectWarnings = async (count) => {
      const deadline = Date.now() + 10_000;
      while (warnings.filter((w) => w.includes("ignored a message")).length < count && Date.now() < deadline) {
        await new Promise((ok) => setTimeout(ok, 100));
      }
    };
    await expectWarnings(5);
    const ignored = warnings.filter((w) => w.includes("ignored a message"));
    assert.ok(ignored.some((w) => w.includes("did not come from the page around this embed")), ignored.join("\n"));
    assert.ok(ignored.some((w) => w.includes("not from the origin this embed was given")), ignored.join("\n"));
    assert.ok(ignored.some((w) => w.includes("unknown message type")), ignored.join("\n"));
    for (const frame of [mine, elsewhere]) {
      const code = await frame.getByRole("textbox", { name: "Python code" }).innerText();
      assert.ok(!code.includes("stranger") && !code.includes("wrong origin"), code);
      assert.equal(await frame.getByRole("button", { name: "Stop", exact: true }).isEnabled(), false);
    }

    // The embed still takes its own host's commands.
    await page.evaluate(() => {
      const target = document.getElementById("mine").contentWindow;
      target.postMessage({ type: "set-code", version: 1, code: "print('from my host')\n" }, "*");
      target.postMessage({ type: "run", version: 1 }, "*");
    });
    await waitForOutput(mine, "from my host", 180_000);
    const finished = await waitForEvent(page, (e) => e.type === "finished");
    assert.equal(finished.status, "ok");
  } finally {
    await env.close();
    await host.close();
    await stranger.close();
    rmSync(fixtures, { recursive: true, force: true });
  }
});

test("the Content-Security-Policy holds while code runs, the editor, presenter QR and freeze reports work", async () => {
  const env = await setUp();
  try {
    const violations = [];
    env.context.on("console", (m) => /Content.Security.Policy|Refused to/i.test(m.text()) && violations.push(m.text()));
    await env.context.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (e) => console.error(`Content-Security-Policy violation: ${e.violatedDirective} ${e.blockedURI}`));
    });
    const { page, errors } = await open(env.context, `${env.url}#/dispatch`);
    const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content");
    assert.match(policy, /script-src 'self' 'wasm-unsafe-eval' 'sha256-/);
    assert.match(policy, /worker-src 'self'/);
    assert.match(policy, /connect-src 'self'/);
    await page.locator(".cm-editor").waitFor();
    await page.getByRole("button", { name: "Run", exact: true }).click();
    await waitForOutput(page, "created user", 180_000);
    await page.waitForFunction(() => window.ppWorksOffline === true, null, { timeout: 60_000 });

    // Presenter mode's QR code, and the freeze page's reference report from static/.
    const presenter = (await open(env.context, `${env.url}#/freeze?present=1`)).page;
    await presenter.getByRole("button", { name: "QR code" }).click();
    await presenter.getByRole("dialog", { name: "Open this code on your phone" }).locator("svg, img, canvas").first().waitFor();
    const freeze = (await open(env.context, `${env.url}#/freeze`)).page;
    await freeze.getByRole("table", { name: /Python 3\.11\.7: total Pss/ }).waitFor({ timeout: 30_000 });

    // An embed, Python included.
    const demo = await env.context.newPage();
    await demo.goto(`${env.url}embed-demo.html`);
    await embedFrame(demo, 0).getByRole("textbox", { name: "Python code" }).waitFor({ timeout: 60_000 });
    await embedFrame(demo, 0).getByRole("button", { name: "Run", exact: true }).click();
    await waitForOutput(embedFrame(demo, 0), "user_id: int", 180_000);
    assert.deepEqual(violations, []);
    assert.deepEqual(errors, []);
    // The watch above does see a violation: an inline script the policy does not name.
    await page.evaluate(() => {
      const script = document.createElement("script");
      script.textContent = "window.inlineRan = true";
      document.head.append(script);
    });
    const deadline = Date.now() + 5_000;
    while (!violations.length && Date.now() < deadline) await new Promise((ok) => setTimeout(ok, 100));
    assert.equal(await page.evaluate(() => window.inlineRan), undefined);
    assert.ok(violations.length >= 1, "an inline script ran without a violation being seen");
  } finally {
    await env.close();
  }
});

test("an embed keeps no spare worker, where a full page on the same host keeps one", async () => {
  const env = await setUp();
  try {
    const workerScripts = watchWorkerStarts(env.context);
    const { page } = await open(env.context, `${env.url}#/dispatch?embed=1`);
    await page.getByRole("button", { name: "Run", exact: true }).click();
    await waitForOutput(page, "created user 7 (ada), admin=False");
    // A full page starts its spare as soon as Python is ready; give an embed the same chance.
    await page.waitForTimeout(5_000);
    assert.equal(workerScripts.length, 1, `python-worker.js was loaded ${workerScripts.length} times`);
    await page.close();
  } finally {
    await env.close();
  }
});
