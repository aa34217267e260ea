// A plain static file host for the browser tests, standing in for GitHub
// Pages and the like: by default it sends no COOP/COEP headers, so the page is
// not cross-origin isolated and Stop must restart the worker. `isolated: true`
// adds the headers that `playground serve` sends. `validators: true` adds what
// such hosts send for caching (an ETag, Last-Modified, a 10-minute max-age,
// and 304 for a request that has the file already), which the benchmark's
// later visits use; by default nothing may be cached, the worst case.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve } from "node:path";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".mjs": "text/javascript",
  ".wasm": "application/wasm",
  ".css": "text/css",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".zip": "application/zip",
  ".png": "image/png",
};

export async function startStaticHost(root, { isolated = false, validators = false } = {}) {
  const base = resolve(root);
  const server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url, "http://x").pathname);
    const file = normalize(join(base, path === "/" ? "index.html" : path));
    if (!file.startsWith(base)) {
      response.writeHead(400).end();
      return;
    }
    try {
      const info = await stat(file);
      if (!info.isFile()) throw new Error("not a file");
      const headers = { "content-type": TYPES[extname(file)] ?? "application/octet-stream" };
      if (isolated) {
        headers["cross-origin-opener-policy"] = "same-origin";
        headers["cross-origin-embedder-policy"] = "require-corp";
      }
      if (validators) {
        headers.etag = `"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"`;
        headers["last-modified"] = info.mtime.toUTCString();
        headers["cache-control"] = "max-age=600";
        if (request.headers["if-none-match"] === headers.etag) {
          response.writeHead(304, headers).end();
          return;
        }
      }
      response.writeHead(200, headers).end(await readFile(file));
    } catch {
      response.writeHead(404).end("not found");
    }
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  return { url: `http://127.0.0.1:${server.address().port}/`, close: () => new Promise((ok) => server.close(ok)) };
}
