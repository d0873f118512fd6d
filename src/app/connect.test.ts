// The connect command end to end: no secret ever reaches the workspace or the output (in process), the
// permission list, and one-line refusals (not connected, non-loopback simulator) through the CLI binary.

import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, it } from "node:test";
import { runCli } from "../../test/helpers/cli.js";
import { openExistingWorkspace } from "./workspace.js";

const BIN = resolve("bin/glidepath.js");

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "gp-connect-"));
}

describe("secrets", () => {
  it("a client secret never reaches the workspace or the output", async () => {
    const planted = "PLANTED-s3cr3t-Zq9";
    const dir = tempDir();
    const secretFile = join(dir, "..", `${dir.split("/").pop()}-secret.txt`);
    writeFileSync(secretFile, planted);
    const run = async (args: string[]) => {
      const r = await runCli(args, { env: { GLIDEPATH_CLIENT_SECRET: planted } });
      return { code: r.code, out: r.stdout + r.stderr };
    };
    const base = ["--tenant", "contoso.onmicrosoft.com", "--client-id", "11111111-2222-4333-8444-555555555555"];
    const a = await run(["connect", ...base, "--auth", "client-secret", "--no-verify", "-w", dir]);
    const b = await run([
      "connect",
      ...base,
      "--auth",
      "client-secret",
      "--client-secret-file",
      secretFile,
      "--no-verify",
      "-w",
      dir,
      "-f",
      "json",
    ]);
    assert.equal(a.code, 0, a.out);
    assert.equal(b.code, 0, b.out);
    for (const o of [a.out, b.out]) assert.ok(!o.includes(planted));
    for (const f of readdirSync(dir)) {
      assert.ok(!readFileSync(join(dir, f)).toString("latin1").includes(planted), `${f} holds the secret`);
    }
    const ws = await openExistingWorkspace(dir);
    try {
      const rec = await ws.store.getConfig<Record<string, unknown>>("connection");
      assert.equal(rec?.clientSecretFile, secretFile);
      assert.ok(!JSON.stringify(rec).includes(planted));
    } finally {
      await ws.close();
    }
  });
});

describe("cli", () => {
  const run = (args: string[]) =>
    new Promise<{ code: number | null; out: string; err: string }>((res) => {
      const c = spawn(process.execPath, [BIN, ...args]);
      let out = "";
      let err = "";
      c.stdout.on("data", (d) => (out += d));
      c.stderr.on("data", (d) => (err += d));
      c.on("exit", (code) => res({ code, out, err }));
    });

  it("connect --permissions prints the read and write permission lists", async () => {
    const r = await run(["connect", "--permissions", "--format", "json"]);
    assert.equal(r.code, 0, r.err);
    const j = JSON.parse(r.out) as { read: { permission: string }[]; write: { permission: string }[] };
    assert.ok(j.read.some((p) => p.permission === "AuditLog.Read.All"));
    assert.ok(j.write.some((p) => p.permission === "Policy.ReadWrite.ConditionalAccess"));
  });

  it("sync on a workspace that is not connected fails in one line with the fix", async () => {
    const r = await run(["sync", "--workspace", tempDir()]);
    assert.equal(r.code, 2);
    assert.match(
      r.err,
      /^glidepath: the workspace at .* is not connected to a tenant \[sync\.not-connected\]\n {2}fix: run 'glidepath connect/,
    );
  });

  it("connect refuses a simulator URL that is not loopback", async () => {
    const r = await run(["connect", "--simulator", "https://graph.microsoft.com", "--workspace", tempDir()]);
    assert.equal(r.code, 3);
    assert.match(r.err, /connect\.simulator-not-loopback/);
  });
});
