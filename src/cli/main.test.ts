// main(argv, io) in process: the exit code is returned, everything printed lands on the injected streams,
// and one run leaves nothing behind that changes the next.

import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { main, VERSION } from "./main.js";
import type { CliIo } from "./output.js";

const dir = mkdtempSync(join(tmpdir(), "gp-main-"));
after(() => rmSync(dir, { recursive: true, force: true }));

// One enabled policy that blocks every sign-in: any evaluate of it is a finding (exit 1).
const blockAll = join(dir, "block-all.json");
writeFileSync(
  blockAll,
  JSON.stringify([
    {
      id: "block-all",
      displayName: "Block everyone",
      state: "enabled",
      conditions: { users: { includeUsers: ["All"] }, applications: { includeApplications: ["All"] } },
      grantControls: { operator: "OR", builtInControls: ["block"] },
    },
  ]),
);

/** Run the CLI in process with captured streams. */
async function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const io: CliIo = {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
  };
  const code = await main(["node", "glidepath", ...args], io);
  return { code, stdout, stderr };
}

describe("main(argv, io)", () => {
  it("prints the version on the injected stdout and returns 0", async () => {
    assert.deepEqual(await run("--version"), { code: 0, stdout: `${VERSION}\n`, stderr: "" });
  });

  it("writes --help to the injected stdout", async () => {
    const r = await run("evaluate", "--help");
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^Usage: glidepath evaluate \[options\]/);
    assert.equal(r.stderr, "");
  });

  it("returns 2 for a usage error, with the message and its remedy on the injected stderr", async () => {
    const r = await run("tenant", "--bogus");
    assert.equal(r.code, 2);
    assert.equal(r.stdout, "");
    assert.match(r.stderr, /^glidepath: unknown option '--bogus'\n {2}fix: run 'glidepath --help'/);
  });

  it("returns a reported error's exit code, with the error on the injected stderr", async () => {
    const r = await run("demo", "--users", "5", "--workspace", join(dir, "never"));
    assert.equal(r.code, 2);
    assert.equal(r.stdout, "");
    assert.match(r.stderr, /^glidepath: --users must be a whole number from 50 to 200000, got "5" \[usage\.users\]\n/);
  });

  it("keeps sequential runs apart: a finding, then a clean run, then an error, then a finding", async () => {
    const blocked = ["evaluate", "--policies", blockAll, "--user", "u1", "--app", "exchangeOnline"];
    const first = await run(...blocked, "--format", "json");
    assert.equal(first.code, 1);
    assert.equal(JSON.parse(first.stdout).decision.userOutcome, "blocked");
    assert.equal(first.stderr, "");

    const second = await run("--version");
    assert.deepEqual(second, { code: 0, stdout: `${VERSION}\n`, stderr: "" });

    const third = await run("frobnicate");
    assert.equal(third.code, 2);
    assert.equal(third.stdout, "");
    assert.match(third.stderr, /^glidepath: unknown command 'frobnicate'/);

    const fourth = await run(...blocked);
    assert.equal(fourth.code, 1);
    assert.match(fourth.stdout, /block-all/);
    assert.equal(fourth.stderr, "");
  });
});
