// End to end through the real Graph client: the simulator serves a generated tenant on 127.0.0.1,
// `connect --simulator` + `sync` fill a workspace, and the workspace must equal what the generator made
// (counts and a content hash of the normalised snapshot) — cleanly, under faults and throttling, after a
// sync killed half-way, and after a delta sync. Bad input fails in one line and keeps the old snapshot.

import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readdirSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, before, describe, it } from "node:test";
import { digestSnapshot, expectedSnapshot, type SnapshotDigest } from "../../test/helpers/snapshot-digest.js";
import type { AttemptRecord } from "../adapters/graph/client.js";
import { STAGING_FILE } from "../adapters/graph/staging.js";
import { type GeneratedTenant, generateTenant } from "../adapters/simulator/index.js";
import { type SimulatorServer, startSimulatorServer } from "../adapters/simulator/server/serve.js";
import { RAW_SIGN_IN_DAYS, WORKSPACE_FILE } from "../adapters/store/index.js";
import { GlidepathError } from "../core/model/errors.js";
import { connectWorkspace } from "./connect.js";
import { type SyncResult, syncWorkspace } from "./sync.js";
import { openExistingWorkspace } from "./workspace.js";

const NOW = "2026-03-01T00:00:00Z";
/** The generator makes 30 days; the sync reads the last 10 (fewer requests, and the window filter is tested). */
const DAYS = 10;
const FAST_RETRY = { baseDelayMs: 20, maxDelayMs: 200 };
const BIN = resolve("bin/glidepath.js");

let gen: GeneratedTenant;
let expected: SnapshotDigest;
/** A clean full sync made in before(): its server, workspace and result (the first test checks them). */
let clean: { s: SimulatorServer; dir: string; r: SyncResult };
/** Requests a clean full sync makes (the resume test compares against it). */
let fullRequests = 0;
/** Sign-ins in the window (the workspace keeps raw rows of some; the patterns count all). */
let expectedSignIns = 0;
const servers: SimulatorServer[] = [];

async function serve(opts: Parameters<typeof startSimulatorServer>[1] = {}): Promise<SimulatorServer> {
  const s = await startSimulatorServer(gen, opts);
  servers.push(s);
  return s;
}

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "gp-sync-"));
}

async function digestOf(dir: string): Promise<SnapshotDigest> {
  const ws = await openExistingWorkspace(dir);
  try {
    return digestSnapshot(await ws.loadSnapshot());
  } finally {
    await ws.close();
  }
}

async function snapshotCount(dir: string): Promise<number> {
  const ws = await openExistingWorkspace(dir);
  try {
    return (await ws.store.listSnapshots()).length;
  } finally {
    await ws.close();
  }
}

async function connected(s: SimulatorServer): Promise<string> {
  const dir = tempDir();
  await connectWorkspace(dir, { simulator: s.url });
  return dir;
}

const sync = (dir: string, extra: Parameters<typeof syncWorkspace>[1] = {}) =>
  syncWorkspace(dir, { days: DAYS, now: new Date(NOW), retry: FAST_RETRY, ...extra });

describe("sync through the simulator, end to end", () => {
  before(async () => {
    gen = generateTenant({ users: 150, seed: "sync-e2e", now: NOW, days: 30 });
    const from = new Date(Date.parse(NOW) - DAYS * 86_400_000).toISOString().replace(".000Z", "Z");
    const keepRawSince = new Date(Date.parse(NOW) - RAW_SIGN_IN_DAYS * 86_400_000).toISOString();
    expected = digestSnapshot(expectedSnapshot(gen, { from, to: NOW }, keepRawSince));
    expectedSignIns = expectedSnapshot(gen, { from, to: NOW }).signIns.length;
    const s = await serve();
    const dir = await connected(s);
    clean = { s, dir, r: await sync(dir) };
    fullRequests = s.log.length - 1; // minus connect's /organization check
  });
  after(async () => {
    for (const s of servers) await s.close();
  });

  it("reproduces the generated tenant: same counts, same content hash", async () => {
    const { s, dir, r } = clean;
    assert.equal(r.resumed, false);
    assert.equal(r.skipped.count, 0);
    assert.equal(r.signIns.fetched, expectedSignIns);
    const got = await digestOf(dir);
    assert.deepEqual(got.counts, expected.counts);
    assert.equal(got.tenant, expected.tenant);
    assert.equal(got.hash, expected.hash);
    assert.ok((expected.counts.accessPatterns ?? 0) > 500 && (expected.counts.users ?? 0) === 150);
    // Paging used the largest $top each endpoint allows.
    assert.ok(s.log.some((e) => e.url.startsWith("/v1.0/users?") && e.url.includes("$top=500")));
    assert.ok(s.log.some((e) => e.url.startsWith("/beta/auditLogs/signIns?") && e.url.includes("$top=1000")));
  });

  it("deletes its checkpoint file after the commit, and leaves the workspace owner-only (0600)", async () => {
    // The checkpoints hold every fetched page (UPNs, IP addresses): once committed they are not needed.
    const { dir } = clean;
    const left = readdirSync(dir).filter((f) => f.startsWith(STAGING_FILE));
    assert.deepEqual(left, [], `left behind: ${left.join(", ")}`);
    assert.equal(statSync(join(dir, WORKSPACE_FILE)).mode & 0o777, 0o600);
  });

  it("gives the identical result with --fault-rate 0.2 --throttle-rate 0.1, honouring Retry-After", async () => {
    const s = await serve({ faultRate: 0.2, throttleRate: 0.1, retryAfterSeconds: 1, seed: "faults", slowMs: 50 });
    const dir = await connected(s);
    // Waits are recorded, not spent: the client's own sleep is what honouring Retry-After means here.
    const slept: number[] = [];
    const attempts: AttemptRecord[] = [];
    const r = await sync(dir, {
      sleep: async (ms) => {
        slept.push(ms);
      },
      onAttempt: (a) => attempts.push(a),
    });
    assert.equal((await digestOf(dir)).hash, expected.hash);
    const faults = s.log.filter((e) => e.fault && e.fault !== "slow");
    assert.ok(faults.some((e) => e.fault === "throttle"));
    assert.ok(faults.some((e) => e.fault === "error"));
    assert.ok(faults.some((e) => e.fault === "drop"));
    assert.ok(r.retries >= faults.length - 2, `${r.retries} retries for ${faults.length} faults`);
    // Every 429 with Retry-After: the same request came back, after the client waited Retry-After or more.
    let checked = 0;
    for (const e of s.log) {
      if (e.fault !== "throttle" || e.retryAfter === undefined) continue;
      const again = s.log.find((x) => x.seq > e.seq && x.url === e.url && x.method === e.method);
      assert.ok(again, `throttled ${e.url} was never retried`);
      checked++;
    }
    assert.ok(checked > 0);
    const throttled = attempts.filter((a) => a.status === 429 && a.retryAfter !== undefined);
    assert.equal(throttled.length, checked, "the client saw every Retry-After the simulator sent");
    for (const a of throttled) {
      assert.ok((a.waitMs ?? 0) >= (a.retryAfter ?? 0) * 1000, `waited ${a.waitMs} ms, Retry-After ${a.retryAfter}s`);
    }
    // Each announced wait went through the client's sleep (none was skipped or shortened).
    const announced = attempts.flatMap((a) => (a.waitMs === undefined ? [] : [a.waitMs]));
    assert.deepEqual(
      [...slept].sort((x, y) => x - y),
      announced.sort((x, y) => x - y),
    );
  });

  it("resumes a sync killed half-way and finishes with the identical result", async () => {
    const s = await serve({ latencyMs: 15 });
    const dir = await connected(s);
    const child: ChildProcess = spawn(
      process.execPath,
      [BIN, "sync", "--workspace", dir, "--days", String(DAYS), "--now", NOW, "--concurrency", "4"],
      { stdio: "ignore", env: { ...process.env } },
    );
    const exited = new Promise<number | null>((res) => child.on("exit", (code) => res(code)));
    // Kill it (SIGKILL: no cleanup) once it has made a good share of its requests.
    await new Promise<void>((res, rej) => {
      const t = setInterval(() => {
        if (s.log.filter((e) => e.url.includes("auditLogs/signIns")).length >= 8) {
          clearInterval(t);
          child.kill("SIGKILL");
          res();
        }
      }, 5);
      child.on("exit", () => {
        clearInterval(t);
        rej(new Error("the sync finished before it could be killed"));
      });
    });
    await exited;
    assert.equal(await snapshotCount(dir), 0, "a killed sync must not leave a snapshot");
    // The checkpoints of the killed sync are kept (the resume reads them), owner-only.
    assert.equal(statSync(join(dir, STAGING_FILE)).mode & 0o777, 0o600);
    const before = s.log.length;
    const r = await sync(dir, { concurrency: 4 });
    assert.equal(r.resumed, true);
    assert.ok(r.pagesReused > 0);
    assert.ok(s.log.length - before < fullRequests, `resume made ${s.log.length - before} of ${fullRequests} requests`);
    assert.equal((await digestOf(dir)).hash, expected.hash);
  });

  it("fails in one line naming the endpoint and fix, keeping the previous snapshot", async () => {
    const s = await serve();
    const dir = await connected(s);
    await sync(dir);
    const good = await digestOf(dir);
    const cases: { setup: () => void; code: string; mention: RegExp }[] = [
      {
        setup: () => s.control.setMalformed(["/groups/delta"]),
        code: "graph.malformed",
        mention: /GET \/v1\.0\/groups\/delta/,
      },
      { setup: () => s.control.expireTokens(), code: "graph.unauthorized", mention: /GET \/v1\.0\/\S+ answered 401/ },
      {
        setup: () => s.control.setDenied(["AuditLog.Read.All"]),
        code: "graph.forbidden",
        mention: /GET \/(v1\.0|beta)\/\S+ answered 403 .*AuditLog\.Read\.All/,
      },
    ];
    for (const c of cases) {
      c.setup();
      try {
        await assert.rejects(sync(dir), (e: unknown) => {
          assert.ok(e instanceof GlidepathError);
          assert.equal(e.code, c.code);
          assert.match(e.message, c.mention);
          assert.ok(!e.message.includes("\n") && !e.remedy.includes("\n"));
          assert.ok(!e.message.includes(s.token));
          return true;
        });
      } finally {
        s.control.setMalformed([]);
        s.control.expireTokens(false);
        s.control.setDenied([]);
      }
      assert.equal(await snapshotCount(dir), 1);
      assert.equal((await digestOf(dir)).hash, good.hash);
    }
    // Once the cause is fixed the next sync completes (resuming what the failed ones staged).
    await sync(dir);
    assert.equal(await snapshotCount(dir), 2);
    assert.equal((await digestOf(dir)).hash, expected.hash);
  });

  it("reads only changes on the next sync of groups (delta), including the roll-out's writes", async () => {
    const s = await serve();
    const dir = await connected(s);
    await sync(dir);
    const h = { authorization: `Bearer ${s.token}`, "content-type": "application/json" };
    const g = (await (
      await fetch(`${s.url}/v1.0/groups`, {
        method: "POST",
        headers: h,
        body: JSON.stringify({
          displayName: "MFA ring 1",
          mailEnabled: false,
          mailNickname: "ring1",
          securityEnabled: true,
        }),
      })
    ).json()) as { id: string };
    const user = gen.snapshot.users[0]?.id as string;
    const added = await fetch(`${s.url}/v1.0/groups/${g.id}/members/$ref`, {
      method: "POST",
      headers: h,
      body: JSON.stringify({ "@odata.id": `https://graph.microsoft.com/v1.0/directoryObjects/${user}` }),
    });
    assert.equal(added.status, 204);
    const before = s.log.length;
    const r = await sync(dir, { only: ["groups"] });
    assert.deepEqual(r.incremental, ["groups"]);
    assert.ok(s.log.length - before <= 3);
    const ws = await openExistingWorkspace(dir);
    try {
      const snap = await ws.loadSnapshot({ signIns: "none" });
      assert.ok(snap.groups.some((x) => x.id === g.id && x.displayName === "MFA ring 1"));
      assert.ok(snap.groupMembers.some((m) => m.groupId === g.id && m.memberId === user && m.memberType === "user"));
      assert.equal(snap.groups.length, gen.snapshot.groups.length + 1);
      assert.equal(snap.users.length, 150, "collections not synced are carried over");
    } finally {
      await ws.close();
    }
  });

  it("reads groups in full when Graph no longer honours the stored delta link (syncStateNotFound)", async () => {
    const s = await serve();
    const dir = await connected(s);
    await sync(dir);
    // A member leaves a group, then every delta link expires (Graph keeps them 7 days for groups).
    const member = gen.snapshot.groupMembers.find((m) => m.memberType === "user");
    assert.ok(member);
    const removed = await fetch(`${s.url}/v1.0/groups/${member.groupId}/members/${member.memberId}/$ref`, {
      method: "DELETE",
      headers: { authorization: `Bearer ${s.token}` },
    });
    assert.equal(removed.status, 204);
    s.control.expireDeltaLinks();
    const before = s.log.length;
    const r = await sync(dir, { only: ["groups"] });
    assert.deepEqual(r.incremental, []);
    assert.deepEqual(r.deltaExpired, ["groups"]);
    assert.ok(
      s.log.slice(before).some((e) => e.url.includes("deltatoken") && e.status === 400),
      "the expired link was tried and refused",
    );
    const ws = await openExistingWorkspace(dir);
    try {
      const snap = await ws.loadSnapshot({ signIns: "none" });
      assert.equal(snap.groups.length, gen.snapshot.groups.length);
      assert.equal(snap.groupMembers.length, gen.snapshot.groupMembers.length - 1);
      assert.ok(!snap.groupMembers.some((m) => m.groupId === member.groupId && m.memberId === member.memberId));
    } finally {
      await ws.close();
    }
    // The full read stored a fresh delta link: the next sync is incremental again.
    const again = await sync(dir, { only: ["groups"] });
    assert.deepEqual(again.incremental, ["groups"]);
    assert.deepEqual(again.deltaExpired, []);
  });
});
