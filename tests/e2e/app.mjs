// Shared steps for the browser tests: serving dist/, opening pages, making
// permalinks the way the app does (raw deflate, base64url).
import { before, after } from "node:test";
import { deflateRawSync } from "node:zlib";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import { startStaticHost } from "./static-host.mjs";
import { launch } from "./browser.mjs";

export const DIST = join(dirname(fileURLToPath(import.meta.url)), "../../dist");

/** Starts a host for dist/ and a browser; returns both, with a close(). */
export async function setUp({ isolated = false, validators = false } = {}) {
  if (!existsSync(join(DIST, "index.html"))) {
    throw new Error("dist/ is missing: `make test` builds it before the browser tests");
  }
  const host = await startStaticHost(DIST, { isolated, validators });
  const browser = await launch();
  return {
    url: host.url,
    context: browser.context,
    async close() {
      await browser.close();
      await host.close();
    },
  };
}

/**
 * One host and browser for a whole test file, started before its first test
 * and closed after its last. The returned object fills in once it has started.
 */
export function appForThisFile(options) {
  const env = {};
  before(async () => {
    Object.assign(env, await setUp(options));
  });
  after(async () => {
    await env.close?.();
  });
  return env;
}

/** A lab, found by its heading as a region. */
export function labRegion(page, name) {
  return page.getByRole("region", { name });
}

export function permalink(base, slug, code) {
  const encoded = deflateRawSync(Buffer.from(code, "utf8"), { level: 9 }).toString("base64url");
  return `${base}#/${slug}?code=${encoded}`;
}

/** The Output log's text. */
export function output(page) {
  return page.getByRole("log", { name: "Output" });
}

/** Waits until the Output contains `text` (Python may still be loading). */
export async function waitForOutput(page, text, timeout = 90_000) {
  await output(page).filter({ hasText: text }).waitFor({ timeout });
}

/** Opens a page, collecting uncaught page errors into the returned list. */
export async function open(context, url) {
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (error) => errors.push(error));
  await page.goto(url);
  await page.getByRole("textbox", { name: "Python code" }).or(page.getByRole("heading", { level: 1 })).first().waitFor();
  return { page, errors };
}

/**
 * The key of the warm-start snapshot the page's origin keeps, or null: the
 * header of www/python-snapshot.js's file (a record's length, then the JSON record).
 */
export async function keptSnapshot(page) {
  return page.evaluate(async () => {
    try {
      const root = await navigator.storage.getDirectory();
      const file = await (await root.getFileHandle("python-snapshot")).getFile();
      const header = new DataView(await file.slice(0, 4096).arrayBuffer());
      const length = header.getUint32(0, true);
      return length ? JSON.parse(new TextDecoder().decode(new Uint8Array(header.buffer, 4, length))).key : null;
    } catch {
      return null; // None kept, or a worker holds the file open to write it.
    }
  });
}

/** Waits until a snapshot is kept (made by a throwaway worker after a cold start); returns its key. */
export async function waitForSnapshot(page, timeout = 180_000) {
  for (let waited = 0; ; waited += 500) {
    const key = await keptSnapshot(page);
    if (key) return key;
    if (waited > timeout) throw new Error(`no snapshot was made within ${timeout / 1000} s`);
    await page.waitForTimeout(500);
  }
}

/**
 * Waits until the page's service worker is active: a later visit, days after
 * the first, is served by it (www/sw.js), not by the HTTP cache.
 */
export async function waitForServiceWorker(page) {
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
}

/**
 * The Python workers the context's pages start, as a list that fills in: each load of
 * python-worker.js, not the service worker's own fetches (it keeps every file for offline
 * use) nor the throwaway worker that makes the start-up snapshot (`?snapshot-maker`).
 */
export function watchWorkerStarts(context) {
  const starts = [];
  context.on("request", (request) => {
    if (request.serviceWorker()) return;
    const url = new URL(request.url());
    if (url.pathname.endsWith("/python-worker.js") && !url.search) starts.push(request.url());
  });
  return starts;
}
