// The labs predict for the CPython chosen on the page (3.11 to Pyodide's 3.14). Only a
// prediction for 3.14, the version Run runs, is checked by CPython; another is said to be
// not compared, never shown as agreement.
import { test } from "node:test";
import assert from "node:assert/strict";
import { appForThisFile, labRegion, open, permalink } from "./app.mjs";

const env = appForThisFile({ isolated: true });

// Up to 3.11 isinstance() asks hasattr(), which __getattr__ answers; from 3.12 on it asks
// inspect.getattr_static, which never calls it.
const CODE = `from typing import Protocol, runtime_checkable


@runtime_checkable
class Sink(Protocol):
    def write(self, data: bytes) -> int: ...


class Proxy:
    def __getattr__(self, name: str):
        return print
`;

test("choosing 3.11 changes the prediction, and its Run is not compared; 3.14's is", async () => {
  const { page, errors } = await open(env.context, permalink(env.url, "protocol", CODE));
  const matrix = labRegion(page, "Lab: conformance matrix");
  const row = matrix.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "Proxy" }) });
  const version = matrix.getByLabel("Predict for");
  assert.equal(await version.inputValue(), "3.14");
  await row.getByText(/isinstance\(Proxy\(\), Sink\) → False/).waitFor();

  await version.selectOption("3.11");
  await row.getByText(/isinstance\(Proxy\(\), Sink\) → True/).waitFor();
  await page.waitForFunction(() => /python=3\.11/.test(location.hash));

  const run = page.getByRole("button", { name: "Run", exact: true });
  await run.click();
  const note = matrix.getByRole("status").filter({ hasText: /Not compared/ });
  await note.waitFor({ timeout: 90_000 });
  assert.match(await note.innerText(), /prediction is for CPython 3\.11, and Run ran Pyodide's CPython 3\.14/);
  assert.equal(await matrix.getByText(/CPython agreed/).count(), 0, "no agreement is claimed");

  await version.selectOption("3.14");
  await row.getByText(/isinstance\(Proxy\(\), Sink\) → False/).waitFor();
  await run.click();
  await matrix.getByRole("status").filter({ hasText: /✓ CPython agreed on \d+ of \d+/ }).waitFor({ timeout: 90_000 });
  assert.deepEqual(errors, []);
});

test("a version the labs do not know is said so, and 3.14 is predicted", async () => {
  const { page } = await open(env.context, `${permalink(env.url, "protocol", CODE)}&python=3.9`);
  const matrix = labRegion(page, "Lab: conformance matrix");
  await matrix.getByText(/python=3\.9 in the address is not a version the labs predict for/).waitFor();
  assert.equal(await matrix.getByLabel("Predict for").inputValue(), "3.14");
});
