// The Annotated page's pydantic lab predicts as you type: a permalink holds a pydantic model,
// and editing the JSON input or the mode changes the predicted errors at once, before Python
// has loaded; the lab's inputs go into the permalink.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { appForThisFile, labRegion, open, permalink } from "./app.mjs";

const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

const env = appForThisFile();

const CODE = `from typing import Annotated

import annotated_types as at
from pydantic import BaseModel, Field


class Account(BaseModel):
    name: Annotated[str, at.MinLen(3), "min_len:3"]
    age: Annotated[int, at.Ge(0)]
    password: Annotated[str, Field(min_length=8), "sensitive_data"]
`;

test("editing the input JSON changes pydantic's predicted errors, and the inputs go into the link", async () => {
  const { page, errors } = await open(env.context, permalink(env.url, "annotated", CODE));
  const lab = labRegion(page, "Lab: metadata pipeline");
  const pydantic = page.getByRole("region", { name: "What pydantic does" });
  const input = lab.getByLabel("Input (JSON)");
  await input.waitFor();
  assert.equal(await lab.getByLabel("Model or function").inputValue(), "Account");

  // The input starts as the example's own call, Account(name="al", age=-4, password="hunter2").
  const table = pydantic.getByRole("table", { name: /ValidationError\.errors\(\)/ });
  assert.equal(await input.inputValue(), '{"name": "al", "age": -4, "password": "hunter2"}');
  await table.filter({ hasText: "string_too_short" }).waitFor();
  assert.equal(await table.locator("tbody tr").count(), 3);

  // {} misses every field.
  await input.fill("{}");
  await table.filter({ hasText: "missing" }).waitFor();
  assert.equal(await table.locator("tbody tr").count(), 3);

  await input.fill('{"name": "al", "age": "-1", "password": "hunter2"}');
  await table.filter({ hasText: "string_too_short" }).waitFor();
  const rows = await table.locator("tbody tr").allInnerTexts();
  assert.deepEqual(
    rows.map((row) => row.split("\t").map((cell) => cell.trim())),
    [
      ["('name',)", "string_too_short", "String should have at least 3 characters"],
      ["('age',)", "greater_than_equal", "Input should be greater than or equal to 0"],
      ["('password',)", "string_too_short", "String should have at least 8 characters"],
    ],
  );

  // One keystroke at a time: the prediction follows each.
  await input.fill('{"name": "ada", "age": "36", "password": "correct horse"}');
  await pydantic.getByText(/✓ valid: Account accepts the input \(lax mode\)/).waitFor();
  await input.press("End");
  await input.press("Backspace");
  await lab.getByText(/the input is not JSON/).waitFor();
  await input.press("}");
  await pydantic.getByText(/✓ valid/).waitFor();

  // Strict mode takes no numeric string for an int.
  await lab.getByLabel("Mode", { exact: true }).selectOption("strict");
  await table.filter({ hasText: "int_type" }).waitFor();
  assert.match(await table.innerText(), /\('age',\)\s+int_type\s+Input should be a valid integer/);

  // pydantic ignores the string tags, and the lab says so; the schema is shown.
  assert.match(await pydantic.innerText(), /'sensitive_data' on Account\.password \(line \d+\): ignored by pydantic/);
  assert.match(await pydantic.getByLabel("Predicted JSON Schema").innerText(), /"minLength": 8/);

  await page.waitForFunction(() => location.hash.includes("pydantic_input=") && location.hash.includes("pydantic_mode=strict"));

  // The pydantic part passes axe too (evaluated: the page's CSP refuses inline scripts).
  await page.evaluate(AXE);
  const found = await page.evaluate(async () => await window.axe.run(document, { resultTypes: ["violations"] }));
  assert.deepEqual(found.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`), []);

  // The link opens the lab as it was left.
  const link = await page.evaluate(() => location.href);
  const reopened = await open(env.context, link);
  const again = labRegion(reopened.page, "Lab: metadata pipeline");
  await again.getByLabel("Input (JSON)").waitFor();
  assert.equal(await again.getByLabel("Input (JSON)").inputValue(), '{"name": "ada", "age": "36", "password": "correct horse"}');
  assert.equal(await again.getByLabel("Mode", { exact: true }).inputValue(), "strict");
  await reopened.page.getByRole("table", { name: /ValidationError\.errors\(\)/ }).filter({ hasText: "int_type" }).waitFor();
  assert.deepEqual(errors, []);
  assert.deepEqual(reopened.errors, []);
  await reopened.page.close();
  await page.close();
});

test("the input fields rewrite the JSON input one key at a time, and the prediction follows", async () => {
  const { page, errors } = await open(env.context, permalink(env.url, "annotated", CODE));
  const lab = labRegion(page, "Lab: metadata pipeline");
  const pydantic = page.getByRole("region", { name: "What pydantic does" });
  const input = lab.getByLabel("Input (JSON)");
  const fields = lab.getByRole("group", { name: "Input fields" });
  await fields.getByLabel("age").waitFor();
  assert.equal(await fields.getByLabel("name").inputValue(), "al");
  assert.equal(await fields.getByLabel("age").inputValue(), "-4");

  await fields.getByLabel("name").fill("ada");
  await fields.getByLabel("age").fill("36");
  await fields.getByLabel("password").fill("correct horse");
  assert.equal(await input.inputValue(), '{"name": "ada", "age": 36, "password": "correct horse"}');
  await pydantic.getByText(/✓ valid: Account accepts the input \(lax mode\)/).waitFor();

  // Text that is not a number goes in as a string, and pydantic cannot parse it.
  await fields.getByLabel("age").fill("abc");
  assert.equal(await input.inputValue(), '{"name": "ada", "age": "abc", "password": "correct horse"}');
  const table = pydantic.getByRole("table", { name: /ValidationError\.errors\(\)/ });
  await table.filter({ hasText: "int_parsing" }).waitFor();
  // Emptied, the key goes, and pydantic says it is missing.
  await fields.getByLabel("age").fill("");
  assert.equal(await input.inputValue(), '{"name": "ada", "password": "correct horse"}');
  await table.filter({ hasText: "missing" }).waitFor();

  // An input that is not an object leaves the fields disabled, with a note.
  await input.fill("[1, 2]");
  await lab.getByText("The fields edit a JSON object").waitFor();
  assert.equal(await fields.getByLabel("name").isDisabled(), true);
  assert.deepEqual(errors, []);
  await page.close();
});
