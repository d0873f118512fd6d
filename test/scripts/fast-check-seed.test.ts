// Property tests are reproducible only while fast-check runs on the fixed seed of test/fast-check-seed.ts.
// npm test no longer preloads that module into every test process (most never use fast-check), so every
// module that imports fast-check must import the seed module itself: this test keeps it so.

import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { test } from "node:test";

const ROOT = join(import.meta.dirname, "..", "..");

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === "node_modules") continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (name.endsWith(".ts")) out.push(p);
  }
  return out;
}

test("every module that imports fast-check imports the fixed seed (test/fast-check-seed.ts) too", () => {
  const users = [...walk(join(ROOT, "src")), ...walk(join(ROOT, "test"))].filter(
    (f) => !f.endsWith("fast-check-seed.ts") && /^import .* from "fast-check";$/m.test(readFileSync(f, "utf8")),
  );
  assert.ok(users.length >= 2, `found ${users.length} property-test modules; the scan is broken`);
  const unseeded = users
    .filter((f) => !/^import "(\.\.?\/)+(test\/)?fast-check-seed\.js";$/m.test(readFileSync(f, "utf8")))
    .map((f) => relative(ROOT, f));
  assert.deepEqual(unseeded, []);
});
