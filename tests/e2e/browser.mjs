// Launches Debian's Chromium through playwright-core (Playwright's own browser
// download cannot work here), with the flags this sandbox needs.
import { chromium } from "playwright-core";
import { execSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export function chromiumPath() {
  try {
    return execSync("command -v chromium", { shell: "/bin/bash" }).toString().trim();
  } catch {
    throw new Error("Debian's chromium is not installed: run `make test`, which installs it.");
  }
}

export async function launch() {
  const profile = mkdtempSync(join(tmpdir(), "pp-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
