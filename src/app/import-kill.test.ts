// An import killed mid-way (SIGKILL, no chance to clean up) leaves the workspace exactly as it was:
// the whole batch is one SQLite transaction, and an uncommitted WAL is discarded on the next open.

import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, it } from "node:test";
import BetterSqlite3 from "better-sqlite3";
import { writeSignInJson } from "../../bench/import-data.js";
import { WorkspaceStore } from "../adapters/store/index.js";
import { runImport } from "./import.js";

const tmp = mkdtempSync(join(tmpdir(), "gp-kill-"));
after(() => rmSync(tmp, { recursive: true, force: true }));
const BIN = join(import.meta.dirname, "../../bin/glidepath.js");

async function fingerprint(ws: string): Promise<string> {
  const s = WorkspaceStore.open(ws);
  try {
    const raw = new BetterSqlite3(s.file, { readonly: true });
    const counts = raw
      .prepare(
        "select (select count(*) from sign_ins), (select count(*) from sign_in_raw), (select count(*) from strings), (select count(*) from access_patterns), (select count(*) from snapshots), (select count(*) from objects), (select count(*) from journal)",
      )
      .raw()
      .get();
    raw.close();
    return JSON.stringify({ counts, snap: await s.loadSnapshot(), list: await s.listSnapshots() });
  } finally {
    await s.close();
  }
}

it("SIGKILL during an import leaves the workspace unchanged", async () => {
  const ws = join(tmp, "ws");
  const small = join(tmp, "small.json");
  writeFileSync(
    small,
    JSON.stringify([
      {
        id: "s-1",
        createdDateTime: "2026-11-01T00:00:00Z",
        userId: "u1",
        userPrincipalName: "a@b.c",
        appId: "app",
        clientAppUsed: "Browser",
        status: { errorCode: 0 },
      },
    ]),
  );
  await runImport({ workspace: ws, paths: [small], now: "2026-11-22T00:00:00Z" });
  const before = await fingerprint(ws);

  const big = join(tmp, "big.json");
  await writeSignInJson(big, 120e6, { seed: 7, users: 5000 });
  const child = spawn(process.execPath, [BIN, "import", big, "--workspace", ws], {
    env: { ...process.env, GLIDEPATH_PROGRESS: "1" },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  const killedAfterProgress = await new Promise<boolean>((resolve, reject) => {
    const guard = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`no progress within 30 s: ${stderr}`));
    }, 30_000);
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
      // The progress line is the marker: it is written from inside the open transaction, after at least a
      // second of records written into it, and long before a file this size is done. Kill on it, at once.
      if (/importing/.test(stderr) && child.exitCode === null && !child.killed) child.kill("SIGKILL");
    });
    child.on("exit", (code, signal) => {
      clearTimeout(guard);
      resolve(signal === "SIGKILL" && code === null);
    });
  });
  assert.ok(killedAfterProgress, `the import finished before it could be killed: ${stderr}`);
  assert.equal(await fingerprint(ws), before);
});
