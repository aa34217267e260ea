// Trunk's post_build hook: writes the app's Content-Security-Policy into
// index.html as a <meta http-equiv>, right after <meta charset>, before any
// script. Scripts, workers and connections may come only from the app's own
// origin; the one inline script Trunk writes (the module that starts the wasm)
// is allowed by its sha256 hash, computed here from the built file; wasm needs
// 'wasm-unsafe-eval'. Styles allow 'unsafe-inline' because the CodeMirror
// editor writes its theme into <style> elements at run time.
//
// A <meta> policy cannot say `frame-ancestors`, nor reach workers (a worker
// gets the policy of its own script's response): README.md ("Embedding")
// gives the headers for static hosts, and `playground serve` sends them.
// It runs before write-service-worker.mjs, which hashes the final index.html.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error("write-csp.mjs runs as Trunk's post_build hook (TRUNK_STAGING_DIR is not set)");
  process.exit(2);
}

const file = join(staging, "index.html");
const html = readFileSync(file, "utf8");
if (html.includes('http-equiv="Content-Security-Policy"')) {
  console.error("write-csp.mjs: index.html already has a Content-Security-Policy");
  process.exit(2);
}
const hashes = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
  ([, body]) => `'sha256-${createHash("sha256").update(body, "utf8").digest("base64")}'`,
);
const policy = [
  "default-src 'self'",
  `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(" ")}`.trim(),
  "worker-src 'self'",
  "connect-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join("; ");
const charset = /<meta charset="utf-8" ?\/?>/i;
if (!charset.test(html)) {
  console.error("write-csp.mjs: index.html has no <meta charset> to put the policy after");
  process.exit(2);
}
writeFileSync(file, html.replace(charset, (meta) => `${meta}\n    <meta http-equiv="Content-Security-Policy" content="${policy}" />`));
console.log(`index.html: Content-Security-Policy with ${hashes.length} inline script hash(es)`);
