// Accessibility: every page, in every mode (full, embed, presenter, exercises), passes
// axe-core with no violations, before and after a Run.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { appForThisFile, open } from "./app.mjs";

const env = appForThisFile({ isolated: true });
const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

async function violations(page) {
  // Evaluated rather than added as a <script>: the app's Content-Security-Policy
  // refuses inline scripts it does not name.
  await page.evaluate(AXE);
  const result = await page.evaluate(async () => await window.axe.run(document, { resultTypes: ["violations"] }));
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(" ")).slice(0, 5).join("\n    ")}`);
}

const PAGES = ["protocol", "annotated", "freeze", "dispatch", "finalize"];
const MODES = { full: "", embed: "?embed=1", presenter: "?present=1", exercises: "?exercise=1" };

test("the home page has no axe violations", async () => {
  const { page } = await open(env.context, `${env.url}#/`);
  assert.deepEqual(await violations(page), []);
  await page.close();
});

for (const slug of PAGES) {
  test(`#/${slug} has no axe violations in any mode, before and after a Run`, async () => {
    for (const [mode, query] of Object.entries(MODES)) {
      const { page } = await open(env.context, `${env.url}#/${slug}${query}`);
      await page.locator(".lab").first().waitFor();
      assert.deepEqual(await violations(page), [], `${slug} ${mode}`);
      if (mode === "full") {
        await page.getByRole("button", { name: "Run", exact: true }).click();
        // Finished: the output replaced its placeholder and Run is offered again.
        await page.locator(".output .placeholder").waitFor({ state: "detached", timeout: 90_000 });
        await page.getByRole("button", { name: "Run", exact: true }).and(page.locator(":enabled")).waitFor({ timeout: 90_000 });
        assert.deepEqual(await violations(page), [], `${slug} ${mode} after Run`);
      }
      if (mode === "exercises") {
        // Started, every hint shown, and the solution open.
        await page.getByRole("button", { name: "Start exercise", exact: true }).click();
        await page.locator(".exercise-feedback").getByText("Not yet.").waitFor();
        while (await page.getByRole("button", { name: /^Show hint/ }).count()) {
          await page.getByRole("button", { name: /^Show hint/ }).click();
        }
        await page.getByText("Solution", { exact: true }).click();
        assert.deepEqual(await violations(page), [], `${slug} ${mode} with hints and solution`);
      }
      await page.close();
    }
  });
}
