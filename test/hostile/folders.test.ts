// Hostile folders: a named pipe (FIFO) beside the data hangs nothing — import, evaluate --policies and
// simulate --policy skip it with a report line — and a folder whose links loop is walked once, not 2^40 times.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { generateTenant } from "../../src/adapters/simulator/index.js";
import { WorkspaceStore } from "../../src/adapters/store/index.js";
import { loadSnapshotWithSignIns } from "../../src/app/demo.js";
import { runCli } from "../helpers/cli.js";

const NOW = "2026-11-02T00:00:00Z";
const dir = mkdtempSync(join(tmpdir(), "gp-hostile-dirs-"));
after(() => rmSync(dir, { recursive: true, force: true }));

const POLICY = {
  id: "mfa-all",
  displayName: "Require MFA for everyone",
  state: "enabledForReportingButNotEnforced",
  conditions: { users: { includeUsers: ["All"] }, applications: { includeApplications: ["All"] } },
  grantControls: { operator: "OR", builtInControls: ["mfa"] },
};
const SIGN_IN = {
  id: "00000000-0000-4000-8000-000000000001",
  createdDateTime: "2026-10-30T10:00:00Z",
  userId: "user-1",
  userPrincipalName: "u1@contoso.example",
  appId: "00000002-0000-0ff1-ce00-000000000000",
  clientAppUsed: "Browser",
  status: { errorCode: 0 },
};

/** A folder holding `name` (the given JSON) and a FIFO no one ever writes to. */
function folderWithFifo(label: string, name: string, content: unknown): string {
  const d = join(dir, label);
  mkdirSync(d);
  writeFileSync(join(d, name), JSON.stringify(content));
  execFileSync("mkfifo", [join(d, "pipe.json")]);
  return d;
}

/** A folder whose two links both point back at itself: a naive walk visits 2^(link depth) paths. */
function loopingFolder(label: string, name: string, content: unknown): string {
  const d = join(dir, label);
  mkdirSync(d);
  writeFileSync(join(d, name), JSON.stringify(content));
  symlinkSync(d, join(d, "loop-a"));
  symlinkSync(".", join(d, "loop-b"));
  return d;
}

/** Fail fast instead of hanging the suite when a command blocks on a FIFO. */
function within<T>(ms: number, p: Promise<T>): Promise<T> {
  let t: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    t = setTimeout(() => reject(new Error(`still running after ${ms} ms (blocked on a FIFO or a link loop?)`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(t));
}

const ws = join(dir, "ws");
before(async () => {
  const t = generateTenant({ users: 50, seed: "hostile-folders", now: NOW });
  const store = WorkspaceStore.open(ws, { create: true });
  loadSnapshotWithSignIns(store, t.snapshot, t.signIns());
  await store.close();
});

describe("a FIFO in a folder", () => {
  it("import skips it with a report line and imports the rest", async () => {
    const d = folderWithFifo("imp", "signins.json", { value: [SIGN_IN] });
    const r = await within(15_000, runCli(["import", d, "--workspace", join(dir, "ws-imp"), "--format", "json"]));
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as {
      files: { path: string; status: string; imported: number; errors: { message: string; code: string }[] }[];
    };
    const pipe = out.files.find((f) => f.path.endsWith("pipe.json"));
    assert.equal(pipe?.status, "ignored");
    assert.match(pipe?.errors[0]?.message ?? "", /named pipe \(FIFO\), not a regular file: skipped/);
    assert.equal(out.files.find((f) => f.path.endsWith("signins.json"))?.imported, 1);
    const text = await within(15_000, runCli(["import", d, "--workspace", join(dir, "ws-imp")]));
    assert.match(text.stdout, /pipe\.json: a named pipe \(FIFO\), not a regular file: skipped/);
  });

  it("evaluate --policies skips it with a warning", async () => {
    const d = folderWithFifo("eval", "p.json", POLICY);
    const r = await within(
      15_000,
      runCli(["evaluate", "--policies", d, "--user", "adhoc-1", "--app", "exchangeOnline", "--format", "json"]),
    );
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { policies: unknown[]; diagnostics: { code: string; file: string }[] };
    assert.equal(out.policies.length, 1);
    assert.ok(out.diagnostics.some((x) => x.code === "policy.file-skipped" && x.file.endsWith("pipe.json")));
  });

  it("simulate --policy skips it with a warning", async () => {
    const d = folderWithFifo("sim", "p.json", POLICY);
    const r = await within(15_000, runCli(["simulate", "--policy", d, "--workspace", ws, "--format", "json"]));
    assert.ok(r.code === 0 || r.code === 1, r.stderr);
    const out = JSON.parse(r.stdout) as { change: { added: unknown[]; warnings: string[] } };
    assert.equal(out.change.added.length, 1);
    assert.ok(out.change.warnings.some((w) => /pipe\.json: a named pipe \(FIFO\)/.test(w)));
  });
  it("verify-access --policy skips it with a warning line", async () => {
    const d = folderWithFifo("verify", "p.json", POLICY);
    const r = await within(15_000, runCli(["verify-access", "--policy", d, "--workspace", ws]));
    assert.ok(r.code === 0 || r.code === 1, r.stderr);
    assert.match(r.stdout, /pipe\.json: a named pipe \(FIFO\), not a regular file: skipped/);
  });
});

describe("a folder whose links loop", () => {
  it("import reads each file once and stops", async () => {
    const d = loopingFolder("imp-loop", "signins.json", { value: [SIGN_IN] });
    const r = await within(15_000, runCli(["import", d, "--workspace", join(dir, "ws-loop"), "--format", "json"]));
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { files: { path: string; status: string }[] };
    assert.equal(out.files.filter((f) => f.status !== "ignored").length, 1);
    assert.ok(out.files.length <= 3, `${out.files.length} entries`);
  });

  it("evaluate --policies reads each policy once", async () => {
    const d = loopingFolder("eval-loop", "p.json", POLICY);
    const r = await within(
      15_000,
      runCli(["evaluate", "--policies", d, "--user", "adhoc-1", "--app", "exchangeOnline", "--format", "json"]),
    );
    assert.equal(r.code, 0, r.stderr);
    assert.equal((JSON.parse(r.stdout) as { policies: unknown[] }).policies.length, 1);
  });
});
