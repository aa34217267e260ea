// Trunk's post_build hook: writes sw.js (from www/sw.js) into the build with
// the build's id, a hash of every file's path and content, the list of files
// to keep for offline use at install, and the list kept once first used: the
// Python packages (wheels), which only pages whose code imports them load, so
// a visitor who never runs pydantic never downloads it. A build that changes
// any file gets a new id, so browsers replace the old build's cache whole.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative, sep } from "node:path";

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error("write-service-worker.mjs runs as Trunk's post_build hook (TRUNK_STAGING_DIR is not set)");
  process.exit(2);
}

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

const hash = createHash("sha256");
const list = [];
const onUse = [];
for (const path of files(staging).sort()) {
  const name = relative(staging, path).split(sep).join("/");
  if (name === "sw.js") continue;
  hash.update(name).update("\0").update(readFileSync(path)).update("\0");
  (name.endsWith(".whl") ? onUse : list).push(`./${name}`);
}
list.unshift("./");
const build = hash.digest("hex").slice(0, 16);
const template = readFileSync(new URL("../www/sw.js", import.meta.url), "utf8");
const worker = template
  .replace("__PP_BUILD__", build)
  .replace("__PP_FILES__", JSON.stringify(list))
  .replace("__PP_ON_USE__", JSON.stringify(onUse));
writeFileSync(join(staging, "sw.js"), worker);
console.log(`sw.js: build ${build}, ${list.length} files kept for offline use, ${onUse.length} once used`);
