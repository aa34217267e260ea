// The benchmark's side-by-side measurements (not tests): the playground's
// first Run result against a bare Pyodide page running the same example, and
// how soon an embed added to a docs page is ready on a later visit, when a
// snapshot of a fresh interpreter is kept.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { launch } from "../tests/e2e/browser.mjs";
import { waitForOutput, waitForServiceWorker, waitForSnapshot } from "../tests/e2e/app.mjs";

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const DISPATCH_EXAMPLE = readFileSync(fileURLToPath(new URL("../src/examples/dispatch.py", import.meta.url)), "utf8");
const EXPECTED_LINE = "created user 7";
// The playground's Output, the log the browser tests find by its role and name.
export const OUTPUT = '[role="log"][aria-label="Output"]';

// What someone would write to run Python in a page: Pyodide as npm (or a
// CDN) publishes it, on the page's own thread, printing into the body. The
// same page is also timed on the playground's own runtime files (its folder
// pyodide/), whose standard library has the modules the playground imports
// compiled (scripts/pyodide-stdlib.mjs), to show what that alone is worth.
const barePage = (folder) => `<!doctype html>
<html><head><meta charset="utf-8"><title>Bare Pyodide</title></head>
<body><pre id="out"></pre>
<script type="module">
import { loadPyodide } from "./${folder}/pyodide.mjs";
const out = document.getElementById("out");
const pyodide = await loadPyodide({ indexURL: new URL("./${folder}/", location.href).href });
pyodide.setStdout({ batched: (line) => out.append(line + "\\n") });
pyodide.setStderr({ batched: (line) => out.append(line + "\\n") });
await pyodide.runPythonAsync(${JSON.stringify(DISPATCH_EXAMPLE)});
</script></body></html>`;
// npm's files, served beside the app under this folder.
const NPM_FOLDER = "npm-pyodide";
const NPM_PYODIDE = fileURLToPath(new URL("../node_modules/pyodide/", import.meta.url));

/**
 * Has `page` note when `text` first appears in the element `selector`, in its own clock (milliseconds since its
 * navigation started). Playwright's waits poll, every 500 ms once they have waited a while,
 * which blurs a 3 s measurement by up to a sixth; a MutationObserver does not.
 */
export async function noteWhenShown(page, selector, text) {
  await page.addInitScript(({ selector, text }) => {
    const observer = new MutationObserver(() => {
      if (document.querySelector(selector)?.textContent.includes(text)) {
        window.__ppShownAt = performance.now();
        observer.disconnect();
      }
    });
    observer.observe(document, { childList: true, subtree: true, characterData: true });
  }, { selector, text });
  return async () => {
    await page.waitForFunction(() => window.__ppShownAt !== undefined, null, { timeout: 120_000 });
    return Math.round(await page.evaluate(() => window.__ppShownAt));
  };
}

/**
 * First Run result, cold, of the playground's #/dispatch, of a bare page on npm's Pyodide, and
 * of the same bare page on the playground's runtime files, in turn.
 */
export async function againstBarePyodide(env, rounds) {
  const times = { playground: [], bare: [], "bare, the playground's runtime": [] };
  for (let i = 0; i < rounds; i++) {
    for (const which of Object.keys(times)) {
      // A fresh browser profile each time: a cold cache, like a first visit.
      const browser = await launch();
      try {
        const folder = which === "bare" ? NPM_FOLDER : "pyodide";
        await browser.context.route(`${env.url}bench-bare-pyodide.html`, (route) =>
          route.fulfill({ contentType: "text/html", body: barePage(folder) }),
        );
        await browser.context.route(`${env.url}${NPM_FOLDER}/**`, (route) =>
          route.fulfill({ path: NPM_PYODIDE + new URL(route.request().url()).pathname.split("/").pop() }),
        );
        const page = await browser.context.newPage();
        const shown = await noteWhenShown(page, which === "playground" ? OUTPUT : "#out", EXPECTED_LINE);
        if (which === "playground") {
          await page.goto(`${env.url}#/dispatch`);
          await page.getByRole("button", { name: "Run", exact: true }).click();
          await waitForOutput(page, EXPECTED_LINE);
        } else {
          await page.goto(`${env.url}bench-bare-pyodide.html`);
        }
        times[which].push(await shown());
      } finally {
        await browser.close();
      }
    }
  }
  const playground = median(times.playground);
  const bare = median(times.bare);
  console.log(`\nFirst Run result, cold, against a bare Pyodide page running the same example (${rounds} profiles each)`);
  console.log(`  playground #/dispatch (Run clicked as soon as it shows): median ${playground} ms`);
  console.log(`  bare page on npm's Pyodide (on the page's thread, example run at once): median ${bare} ms`);
  console.log(`  ratio: ${(playground / bare).toFixed(2)}× the bare page (budget 1.0×)`);
  const own = median(times["bare, the playground's runtime"]);
  console.log(`  (the bare page on the playground's runtime files, its standard library partly compiled: median ${own} ms)`);
}

/**
 * A later visit to the embed demo (three embeds), after a first visit left a
 * snapshot: a fourth embed is added and scrolled into view, and the time to
 * its `ready` event is measured.
 */
export async function fourthEmbedLater(env, rounds) {
  const times = [];
  const origin = new URL(env.url).origin;
  for (let i = 0; i < rounds; i++) {
    const browser = await launch();
    try {
      const first = await browser.context.newPage();
      await first.goto(`${env.url}#/dispatch`);
      await first.getByRole("button", { name: "Run", exact: true }).click();
      await waitForOutput(first, EXPECTED_LINE);
      await waitForSnapshot(first);
      await waitForServiceWorker(first);
      await first.close();

      const later = await browser.context.newPage();
      await later.goto(`${env.url}embed-demo.html`);
      await later.evaluate(() => window.PatternPlayground.ready);
      const ms = await later.evaluate(
        ({ app, origin }) =>
          new Promise((resolve, reject) => {
            const iframe = document.createElement("iframe");
            iframe.title = "A fourth embed";
            iframe.style.cssText = "width: 100%; height: 480px";
            let started;
            window.addEventListener("message", (event) => {
              if (event.source === iframe.contentWindow && event.data?.type === "ready") resolve(performance.now() - started);
              if (event.source === iframe.contentWindow && event.data?.type === "error") reject(new Error(event.data.message));
            });
            setTimeout(() => reject(new Error("the fourth embed sent no ready event within 60 s")), 60_000);
            started = performance.now();
            iframe.src = `${app}#/finalize?embed=1&origin=${encodeURIComponent(origin)}`;
            document.body.append(iframe);
            iframe.scrollIntoView();
          }),
        { app: env.url, origin },
      );
      times.push(Math.round(ms));
    } finally {
      await browser.close();
    }
  }
  console.log(`\nA fourth embed on a later visit to the embed demo (snapshot kept), ${rounds} browser profiles`);
  console.log(`  added and scrolled into view → its ready event: median ${median(times)} ms, max ${Math.max(...times)} ms (budget 1500 ms)`);
}
