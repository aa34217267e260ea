// Exercises mode: on every pattern page an exercise is solved by typing its
// solution (choosing it, on the freeze page), and marked solved only after
// CPython confirmed it; a wrong attempt gets the lab's own words; progress
// survives a reload and can be reset; the user's own code is set aside, not lost.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { appForThisFile, open, permalink } from "./app.mjs";

const env = appForThisFile({ isolated: true });
const EXERCISES = fileURLToPath(new URL("../../exercises/", import.meta.url));

const editor = (page) => page.getByRole("textbox", { name: "Python code" });
const panel = (page) => page.getByRole("region", { name: /^Exercise \d+ of \d+/ });
const feedback = (page) => panel(page).locator(".exercise-feedback");
const button = (scope, name) => scope.getByRole("button", { name, exact: true });

/** The code of an exercise file's `[solution]`, as the teacher wrote it. */
function solutionCode(file) {
  const text = readFileSync(`${EXERCISES}${file}`, "utf8");
  const solution = text.slice(text.indexOf("\n[solution]"));
  const match = solution.match(/code = ('''|""")\n([\s\S]*?)\1/);
  assert.ok(match, `${file} has solution code`);
  return match[2];
}

async function typeCode(page, code) {
  await editor(page).click();
  await page.keyboard.press("Control+A");
  await page.keyboard.insertText(code);
}

async function run(page) {
  await button(page, "Run").and(page.locator(":enabled")).waitFor({ timeout: 90_000 });
  await button(page, "Run").click();
}

// Per page: the first exercise, the lab's words a wrong attempt (its starter) gets.
const CODE_PAGES = {
  protocol: { file: "protocol/01-shouting-sink.toml", labSays: "returns None where int is expected" },
  annotated: { file: "annotated/01-username-rule.toml", labSays: "requires len(value) ≥ 2" },
  dispatch: { file: "dispatch/01-keep-source.toml", labSays: "source" },
  finalize: { file: "finalize/01-alias.toml", labSays: "runs (at interpreter exit)" },
};

for (const [slug, { file, labSays }] of Object.entries(CODE_PAGES)) {
  test(`#/${slug}: a wrong attempt gets the lab's words; the solution is solved once CPython confirms it`, async () => {
    const { page, errors } = await open(env.context, `${env.url}#/${slug}?exercise=1`);
    await button(panel(page), "Start exercise").click();
    // The starter is a wrong attempt: the lab says what is still wrong, in its own terms.
    await feedback(page).getByText("Not yet.").waitFor();
    const labWords = await feedback(page).locator(".exercise-lab-says").first().innerText();
    assert.ok(labWords.includes(labSays), labWords);
    // Run does not make a wrong attempt solved.
    await run(page);
    await page.locator(".run-check").waitFor({ timeout: 90_000 });
    assert.match(await feedback(page).innerText(), /Not yet\./);

    await typeCode(page, solutionCode(file));
    await feedback(page).getByText("meets the goal").waitFor();
    assert.match(await feedback(page).innerText(), /press Run/);
    await run(page);
    await feedback(page).getByText("✓ Solved").waitFor({ timeout: 90_000 });
    assert.match(await feedback(page).innerText(), /CPython confirmed it/);
    await panel(page).getByText("1 of 3 solved on this page.").waitFor();
    assert.deepEqual(errors, []);
    await page.close();
  });
}

test("#/freeze: the exercise is confirmed by the measured report, not by Run", async () => {
  const { page, errors } = await open(env.context, `${env.url}#/freeze?exercise=1`);
  await button(panel(page), "Start exercise").click();
  await feedback(page).getByText("Not yet.").waitFor();
  assert.match(await feedback(page).innerText(), /freeze saves less than half/);
  assert.match(await panel(page).innerText(), /A browser cannot fork/);
  await page.getByLabel("Workload").selectOption("requests");
  await feedback(page).getByText("✓ Solved").waitFor({ timeout: 30_000 });
  assert.match(await feedback(page).innerText(), /the measurement confirmed it/);
  assert.deepEqual(errors, []);
  await page.close();
});

test("progress survives a reload and can be reset; moving between exercises keeps the address", async () => {
  const { page } = await open(env.context, `${env.url}#/finalize?exercise=2`);
  await panel(page).getByRole("heading", { name: /^Exercise 2 of 3/ }).waitFor();
  await button(panel(page), "Start exercise").click();
  await typeCode(page, solutionCode("finalize/02-callback-holds-self.toml"));
  await run(page);
  await feedback(page).getByText("✓ Solved").waitFor({ timeout: 90_000 });

  await page.reload();
  await panel(page).getByRole("heading", { name: /^Exercise 2 of 3/ }).waitFor();
  await panel(page).locator(".exercise-head").getByText("✓ solved").waitFor();
  assert.match(await panel(page).getByRole("button", { name: /^2\. / }).innerText(), /✓ solved/);

  await button(panel(page), "Previous exercise").click();
  await panel(page).getByRole("heading", { name: /^Exercise 1 of 3/ }).waitFor();
  await page.waitForFunction(() => location.hash.includes("exercise=1"));

  await button(panel(page), "Reset progress").click();
  await panel(page).getByText("0 of 3 solved on this page.").waitFor();
  await page.reload();
  await panel(page).getByText("0 of 3 solved on this page.").waitFor();
  assert.doesNotMatch(await panel(page).innerText(), /✓ solved/);
  await page.close();
});

test("entering exercises mode grades the code already in the editor", async () => {
  // A permalink to the example, not the edit an earlier test kept for the page.
  const example = readFileSync(new URL("../../src/examples/protocol.py", import.meta.url), "utf8");
  const { page } = await open(env.context, permalink(env.url, "protocol", example));
  await button(page, "Exercises (3)").click();
  // The example's ShoutingSink is the first exercise's problem.
  await feedback(page).getByText("Not yet.").waitFor();
  assert.match(await feedback(page).innerText(), /returns None where int is expected/);
  await page.close();

  // A link past the last exercise opens the last one.
  const past = await open(env.context, `${env.url}#/annotated?exercise=9`);
  await panel(past.page).getByRole("heading", { name: /^Exercise 3 of 3/ }).waitFor();
  await past.page.close();
});

test("starting an exercise sets the user's code aside, and the keyboard reaches everything", async () => {
  const { page } = await open(env.context, `${env.url}#/dispatch`);
  await typeCode(page, 'print("my own work")\n');
  await button(page, "Exercises (3)").click();
  await panel(page).waitFor();
  await page.waitForFunction(() => location.hash.includes("exercise=1"));

  // Keyboard only: Start, the next exercise, a hint.
  await button(panel(page), "Start exercise").focus();
  await page.keyboard.press("Enter");
  await page.getByText("def create_user(user_id: int, name: str, admin: bool = False):").waitFor();
  await button(panel(page), "Next exercise").focus();
  await page.keyboard.press("Enter");
  await panel(page).getByRole("heading", { name: /^Exercise 2 of 3/ }).waitFor();
  await button(panel(page), "Show hint 1 of 3").focus();
  await page.keyboard.press("Enter");
  await panel(page).getByRole("list", { name: "Hints" }).getByRole("listitem").first().waitFor();
  await button(panel(page), "Show hint 2 of 3").waitFor();

  await button(panel(page), "Back to my code").click();
  await page.getByText('print("my own work")').waitFor();
  await button(panel(page), "Leave exercises").click();
  await panel(page).waitFor({ state: "detached" });
  await page.waitForFunction(() => !location.hash.includes("exercise="));
  await page.close();
});
