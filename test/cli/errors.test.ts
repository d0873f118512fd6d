// What a user sees when something is wrong: one error line with its code, one fix line, no stack trace,
// the right exit code, and nothing created or modified.

import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import BetterSqlite3 from "better-sqlite3";
import { runBin, runCli } from "../helpers/cli.js";

const root = mkdtempSync(join(tmpdir(), "gp-cli-"));
after(() => rmSync(root, { recursive: true, force: true }));

/** A one-line error naming the problem, a fix line, no stack trace. */
function assertCleanError(stderr: string, pattern: RegExp): void {
  const lines = stderr.trim().split("\n");
  assert.equal(lines.length, 2, `expected two lines, got:\n${stderr}`);
  assert.match(lines[0] ?? "", pattern);
  assert.match(lines[1] ?? "", /^ {2}fix: \S/);
  assert.doesNotMatch(stderr, /\n\s+at /);
}

// A usage error through the real binary, as a user's shell sees it (a reported error's exit 2 is run on the
// binary by the connect tests).
test("an unknown option is a usage error with a remedy and exit 2", async () => {
  const r = await runBin(["tenant", "--bogus"]);
  assert.equal(r.code, 2);
  assertCleanError(r.stderr, /^glidepath: unknown option '--bogus'/);
  assert.equal(r.stdout, "");
});

test("an unknown command is a usage error", async () => {
  const r = await runCli(["frobnicate"]);
  assert.equal(r.code, 2);
  assertCleanError(r.stderr, /^glidepath: unknown command 'frobnicate'/);
});

test("a missing workspace is named, with how to create one, and is not created", async () => {
  const dir = join(root, "missing");
  const r = await runCli(["tenant", "--workspace", dir]);
  assert.equal(r.code, 2);
  assertCleanError(r.stderr, /no workspace at .*missing \[workspace\.missing\]/);
  assert.throws(() => readFileSync(join(dir, "glidepath.sqlite")));
});

test("a corrupt workspace is refused and left byte-for-byte as it was", async () => {
  const dir = join(root, "corrupt");
  mkdirSync(dir);
  const junk = Buffer.from("garbage, not sqlite ".repeat(300));
  writeFileSync(join(dir, "glidepath.sqlite"), junk);
  const r = await runCli(["tenant", "--workspace", dir, "--format", "json"]);
  assert.equal(r.code, 2);
  assertCleanError(r.stderr, /not a readable Glidepath workspace.*\[workspace\.corrupt\]/);
  assert.deepEqual(readFileSync(join(dir, "glidepath.sqlite")), junk);
});

test("a workspace from a newer Glidepath is refused and not modified", async () => {
  const dir = join(root, "newer");
  mkdirSync(dir);
  const db = new BetterSqlite3(join(dir, "glidepath.sqlite"));
  db.exec("create table snapshots(id integer primary key)");
  db.pragma("user_version = 999");
  db.close();
  const before = readFileSync(join(dir, "glidepath.sqlite"));
  const r = await runCli(["tenant", "--workspace", dir]);
  assert.equal(r.code, 2);
  assertCleanError(r.stderr, /newer Glidepath \(workspace schema 999.*\[workspace\.newer\]/);
  assert.deepEqual(readFileSync(join(dir, "glidepath.sqlite")), before);
});

test("GLIDEPATH_WORKSPACE chooses the workspace when --workspace is absent", async () => {
  const dir = join(root, "from-env");
  const r = await runCli(["tenant"], { env: { GLIDEPATH_WORKSPACE: dir } });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /from-env/);
});
