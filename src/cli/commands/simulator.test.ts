// `glidepath simulator generate` as a user runs it: usage errors exit 2 with a remedy and write nothing;
// a good run writes the folder and prints a summary (json on request).

import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { runCli } from "../../../test/helpers/cli.js";

const root = mkdtempSync(join(tmpdir(), "gp-simcli-"));
after(() => rmSync(root, { recursive: true, force: true }));

test("bad --users exits 2 with a coded message and a fix, and writes nothing", async () => {
  const out = join(root, "bad");
  for (const users of ["abc", "1e3"]) {
    const r = await runCli(["simulator", "generate", "--users", users, "--out", out]);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /--users must be a whole number from 50 to 200000.*\[usage\.users\]\n {2}fix: /);
  }
  assert.equal(existsSync(out), false);
});

test("generate writes the tenant and prints a json summary", async () => {
  const out = join(root, "ok");
  const r = await runCli([
    "simulator",
    "generate",
    "--users",
    "60",
    "--seed",
    "cli",
    "--now",
    "2026-11-22",
    "--out",
    out,
    "--format",
    "json",
  ]);
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.equal(j.users, 60);
  assert.equal(j.now, "2026-11-22T00:00:00Z");
  assert.ok(j.signIns.interactive > 0 && j.files > 20);
  assert.deepEqual(readdirSync(out).sort(), ["graph", "ground-truth.json", "manifest.json", "portal"]);
  const again = await runCli(["simulator", "generate", "--users", "60", "--out", out]);
  assert.equal(again.code, 2);
  assert.match(again.stderr, /simulator\.out-not-empty/);
});
