// The generated documentation (docs/checks/, docs/errors.md) matches what scripts/gen-docs.ts renders now,
// so a change to the check metadata or the error code table cannot land without its docs.

import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { generatedDocs, staleDocs } from "../../scripts/gen-docs.js";

const ROOT = join(import.meta.dirname, "..", "..");

test("every generated doc is up to date (else run npm run docs)", () => {
  assert.deepEqual(staleDocs(ROOT), []);
});

test("the generator covers docs/errors.md and a page per check", () => {
  const paths = generatedDocs(ROOT).map((f) => f.path);
  assert.ok(paths.includes(join("docs", "errors.md")));
  assert.ok(paths.includes(join("docs", "checks", "README.md")));
  assert.ok(paths.filter((p) => p.startsWith(join("docs", "checks"))).length > 20);
});
