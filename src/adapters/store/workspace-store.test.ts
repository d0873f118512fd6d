import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import BetterSqlite3 from "better-sqlite3";
import { tenant } from "../../../test/builders/tenant.js";
import type { SignIn } from "../../core/model/index.js";
import { ROLE } from "../../core/model/index.js";
import { MIGRATIONS, SCHEMA_VERSION, WORKSPACE_FILE, WorkspaceStore } from "./index.js";

const root = mkdtempSync(join(tmpdir(), "gp-store-"));
after(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const freshDir = () => join(root, `ws${n++}`);

function signIn(id: string, over: Partial<SignIn> = {}): SignIn {
  return {
    id,
    createdDateTime: "2026-10-20T09:00:00Z",
    signInEventType: "interactiveUser",
    userId: "u-alice",
    userPrincipalName: "alice@test.example",
    appId: "00000002-0000-0ff1-ce00-000000000000",
    appDisplayName: "Office 365 Exchange Online",
    clientAppUsed: "Browser",
    ipAddress: "203.0.113.10",
    location: { countryOrRegion: "GB" },
    deviceDetail: { operatingSystem: "Windows10", browser: "Edge 120.0.0" },
    status: { errorCode: 0 },
    authenticationRequirement: "singleFactorAuthentication",
    ...over,
  };
}

test("a snapshot round-trips through the store with its collections, sign-ins and patterns", async () => {
  const snap = tenant()
    .user("alice", { department: "Finance" })
    .user("bob")
    .group("it", ["alice"])
    .group("all", ["group:it", "bob"])
    .role("alice", ROLE.globalAdministrator)
    .registered("alice", ["microsoftAuthenticatorPush", "mobilePhone"])
    .securityDefaults(false)
    .policy({ id: "p1", displayName: "Require MFA", state: "enabled", grantControls: { builtInControls: ["mfa"] } })
    .signIn(signIn("s1"))
    .signIn(signIn("s2", { createdDateTime: "2026-10-21T09:00:00.1234567Z", status: { errorCode: 50126 } }))
    .signIn(signIn("s3", { clientAppUsed: "IMAP4" }))
    .build();
  const dir = freshDir();
  const store = WorkspaceStore.open(dir, { create: true });
  const id = store.saveSnapshot(snap);
  const back = await store.loadSnapshot();
  await store.close();

  assert.equal(id, 1);
  assert.deepEqual(back.users, snap.users);
  assert.deepEqual(back.groupMembers, snap.groupMembers);
  assert.deepEqual(back.roleAssignments, snap.roleAssignments);
  assert.deepEqual(back.registrations, snap.registrations);
  assert.deepEqual(back.policies, snap.policies);
  assert.deepEqual(back.securityDefaults, { isEnabled: false });
  assert.equal(back.authenticationMethodsPolicy, null);
  assert.deepEqual(
    back.signIns.map((s) => s.id),
    ["s1", "s3", "s2"],
  );
  assert.equal(back.meta.signInCount, 3);
  assert.deepEqual(back.meta.signInWindow, { from: "2026-10-20T09:00:00Z", to: "2026-10-21T09:00:00.1234567Z" });
  // s1 and s2 share a pattern (same user, app, client, device, ip); s3 differs by client app.
  assert.equal(back.accessPatterns.length, 2);
  const browser = back.accessPatterns.find((p) => p.clientAppUsed === "Browser");
  assert.equal(browser?.count, 2);
  assert.equal(browser?.successCount, 1);
  assert.equal(browser?.failureCount, 1);
  assert.equal(browser?.lastErrorCode, 50126);
  assert.equal(browser?.lastSeen, "2026-10-21T09:00:00.1234567Z");
});

test("re-ingesting the same sign-ins changes nothing (dedup by id)", async () => {
  const store = WorkspaceStore.open(freshDir(), { create: true });
  const rows = [signIn("a"), signIn("b"), signIn("c", { clientAppUsed: "POP3" })];
  for (let round = 0; round < 2; round++) {
    store.transaction(() => {
      const ingest = store.signInIngest();
      for (const s of rows) ingest.add(s);
      ingest.flush();
      assert.equal(ingest.stats.inserted, round === 0 ? 3 : 0);
      assert.equal(ingest.stats.duplicates, round === 0 ? 0 : 3);
    });
  }
  store.saveSnapshot(tenant().user("alice").build());
  const back = await store.loadSnapshot();
  await store.close();
  assert.equal(back.meta.signInCount, 3);
  assert.deepEqual(back.accessPatterns.map((p) => p.count).sort(), [1, 2]);
});

test("keepRawSince keeps failures, legacy and recent rows raw but counts every row", async () => {
  const store = WorkspaceStore.open(freshDir(), { create: true });
  store.transaction(() => {
    const ingest = store.signInIngest({ keepRawSince: "2026-10-25T00:00:00Z" });
    ingest.add(signIn("old-ok", { createdDateTime: "2026-10-01T00:00:00Z" }));
    ingest.add(signIn("old-fail", { createdDateTime: "2026-10-01T00:00:01Z", status: { errorCode: 500121 } }));
    ingest.add(signIn("old-legacy", { createdDateTime: "2026-10-01T00:00:02Z", clientAppUsed: "Authenticated SMTP" }));
    ingest.add(signIn("new-ok", { createdDateTime: "2026-10-26T00:00:00Z" }));
    ingest.flush();
  });
  store.saveSnapshot(tenant().build());
  const back = await store.loadSnapshot();
  await store.close();
  assert.deepEqual(back.signIns.map((s) => s.id).sort(), ["new-ok", "old-fail", "old-legacy"]);
  assert.equal(back.meta.signInCount, 4);
  assert.equal(
    back.accessPatterns.reduce((a, p) => a + p.count, 0),
    4,
  );
});

test("an aborted async transaction leaves the workspace as it was", async () => {
  const dir = freshDir();
  const store = WorkspaceStore.open(dir, { create: true });
  store.saveSnapshot(tenant().user("alice").build());
  store.begin();
  const ingest = store.signInIngest();
  ingest.add(signIn("x"));
  store.writeSnapshotRows(tenant().user("zed").build());
  await new Promise((r) => setTimeout(r, 1));
  store.rollback();
  const back = await store.loadSnapshot();
  assert.deepEqual(
    back.users.map((u) => u.id),
    ["u-alice"],
  );
  assert.equal(back.meta.signInCount, 0);
  assert.equal((await store.listSnapshots()).length, 1);
  await store.close();
});

test("snapshots are kept side by side and stamped with their capture time", async () => {
  const store = WorkspaceStore.open(freshDir(), { create: true });
  const day1 = tenant().user("a").build();
  const day2 = { ...tenant().user("a").user("b").build(), meta: { ...day1.meta, capturedAt: "2026-11-02T12:00:00Z" } };
  store.saveSnapshot(day1);
  store.saveSnapshot(day2);
  const list = await store.listSnapshots();
  assert.deepEqual(
    list.map((s) => s.capturedAt),
    ["2026-11-01T12:00:00Z", "2026-11-02T12:00:00Z"],
  );
  assert.equal((await store.loadSnapshot()).users.length, 2);
  assert.equal((await store.loadSnapshot(1)).users.length, 1);
  await store.close();
});

test("settings round-trip and the journal is append-only", async () => {
  const store = WorkspaceStore.open(freshDir(), { create: true });
  await store.setConfig("emergencyAccounts", ["u-a", "u-b"]);
  await store.setConfig("emergencyAccounts", ["u-a"]);
  assert.deepEqual(await store.getConfig("emergencyAccounts"), ["u-a"]);
  assert.equal(await store.getConfig("nothing"), undefined);
  await store.appendJournal("classify", { user: "u-a", type: "room" }, "admin");
  // A second connection on the file: the triggers guard the table whoever writes.
  const raw = new BetterSqlite3(store.file);
  assert.throws(() => raw.exec("update journal set action = 'x'"), /append-only/);
  assert.throws(() => raw.exec("delete from journal"), /append-only/);
  raw.close();
  assert.equal((await store.journal()).length, 1);
  await store.close();
});

test("missing, corrupt, foreign and newer workspaces are refused with a code and nothing is written", () => {
  const missing = freshDir();
  assert.throws(() => WorkspaceStore.open(missing), { code: "workspace.missing" });

  const corrupt = freshDir();
  WorkspaceStore.open(corrupt, { create: true }).closeNow();
  writeFileSync(join(corrupt, WORKSPACE_FILE), "this is not a database at all".repeat(200));
  assert.throws(() => WorkspaceStore.open(corrupt), { code: "workspace.corrupt" });

  const foreign = freshDir();
  WorkspaceStore.open(foreign, { create: true }).closeNow();
  rmSync(join(foreign, WORKSPACE_FILE));
  const other = new BetterSqlite3(join(foreign, WORKSPACE_FILE));
  other.exec("create table t(x)");
  other.close();
  assert.throws(() => WorkspaceStore.open(foreign), { code: "workspace.foreign" });

  const newer = freshDir();
  WorkspaceStore.open(newer, { create: true }).closeNow();
  const bump = new BetterSqlite3(join(newer, WORKSPACE_FILE));
  bump.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
  bump.close();
  assert.throws(() => WorkspaceStore.open(newer), { code: "workspace.newer" });
  const check = new BetterSqlite3(join(newer, WORKSPACE_FILE));
  assert.equal(check.pragma("user_version", { simple: true }), SCHEMA_VERSION + 1);
  check.close();
});

test("iteratePatterns streams the same patterns loadSnapshot returns, user by user, with filters", async () => {
  const store = WorkspaceStore.open(freshDir(), { create: true });
  store.transaction(() => {
    const ingest = store.signInIngest();
    ingest.add(signIn("1"));
    ingest.add(signIn("2", { userId: "u-bob", userPrincipalName: "bob@test.example" }));
    ingest.add(signIn("3", { clientAppUsed: "IMAP4", createdDateTime: "2026-10-25T00:00:00Z" }));
    ingest.flush();
  });
  store.saveSnapshot(tenant().build());
  const all = (await store.loadSnapshot()).accessPatterns;
  const streamed = [...store.iteratePatterns()];
  assert.deepEqual(
    streamed.map((p) => p.userId),
    ["u-alice", "u-alice", "u-bob"],
  );
  assert.deepEqual(new Set(streamed.map((p) => JSON.stringify(p))), new Set(all.map((p) => JSON.stringify(p))));
  assert.deepEqual(
    [...store.iteratePatterns({ userIds: ["u-bob"] })].map((p) => p.userId),
    ["u-bob"],
  );
  assert.deepEqual(
    [...store.iteratePatterns({ since: "2026-10-24T00:00:00Z" })].map((p) => p.clientAppUsed),
    ["IMAP4"],
  );
  assert.deepEqual([...store.iteratePatterns({ userIds: [] })], []);
  await store.close();
});

test("a schema-1 workspace is migrated: the same sign-ins, raw rows and patterns, and ids still deduplicate", async () => {
  const dir = freshDir();
  mkdirSync(dir, { recursive: true });
  const v1 = new BetterSqlite3(join(dir, WORKSPACE_FILE));
  v1.exec((MIGRATIONS[0] as { sql: string }).sql);
  v1.pragma("user_version = 1");
  const guid = "6f1d2c3b-0a9e-4b8c-9d7e-5f4a3b2c1d0e";
  const put = v1.prepare(
    `insert into sign_ins (id, created_at, event_type, user_id, upn, app_id, app_name, resource_id, client_app_used,
      os, browser, device_id, device_name, trust_type, is_compliant, ip, country, error_code, mfa, data)
     values (?, ?, 'interactiveUser', 'u-alice', 'alice@test.example', 'app-1', 'Exchange', null, ?, 'Windows10',
      null, null, null, null, 1, '203.0.113.10', 'GB', ?, 0, ?)`,
  );
  put.run(guid, "2026-10-20T09:00:00Z", "Browser", 0, null);
  const failed = signIn("legacy-id-1", { createdDateTime: "2026-10-21T09:00:00Z", status: { errorCode: 50126 } });
  put.run("legacy-id-1", failed.createdDateTime, "Browser", 50126, JSON.stringify(failed));
  v1.prepare(
    `insert into access_patterns (user_id, upn, event_type, app_id, app_name, resource_id, client_app_used, os, browser,
      device_id, device_name, trust_type, is_compliant, ip, country, count, success_count, failure_count,
      interrupt_count, mfa_count, last_error_code, first_seen, last_seen, source)
     values ('u-alice', 'alice@test.example', 'interactiveUser', 'app-1', 'Exchange', null, 'Browser', 'Windows10',
      null, null, null, null, 1, '203.0.113.10', 'GB', 2, 1, 1, 0, 0, 50126, '2026-10-20T09:00:00Z',
      '2026-10-21T09:00:00Z', 'signins')`,
  ).run();
  v1.close();

  const store = WorkspaceStore.open(dir);
  const version = new BetterSqlite3(store.file, { readonly: true });
  assert.equal(version.pragma("user_version", { simple: true }), SCHEMA_VERSION);
  version.close();
  const log = [...store.iterateSignIns()];
  assert.deepEqual(
    log.map((x) => [x.signIn.id, x.raw, x.signIn.clientAppUsed, x.signIn.deviceDetail?.isCompliant]),
    [
      [guid, false, "Browser", true],
      ["legacy-id-1", true, "Browser", undefined],
    ],
  );
  const patterns = [...store.iteratePatterns()];
  assert.equal(patterns.length, 1);
  assert.equal(patterns[0]?.count, 2);
  assert.equal(patterns[0]?.lastErrorCode, 50126);
  assert.equal(patterns[0]?.resourceId, null);
  store.transaction(() => {
    const ingest = store.signInIngest();
    assert.equal(ingest.add(signIn(guid)), false, "the migrated GUID id is recognised");
    assert.equal(ingest.add(signIn("legacy-id-1")), false, "a migrated non-GUID id is recognised");
    ingest.flush();
  });
  assert.equal((await store.signInStats()).count, 2);
  await store.close();
});

test("a rolled-back ingestion leaves no stale string ids behind for the next one", async () => {
  const store = WorkspaceStore.open(freshDir(), { create: true });
  store.begin();
  store.savepoint("file");
  const first = store.signInIngest();
  first.add(signIn("r1", { userId: "u-rolled-back", ipAddress: "198.51.100.7" }));
  store.rollbackToSavepoint("file");
  const second = store.signInIngest();
  second.add(signIn("r2", { ipAddress: "192.0.2.55" }));
  second.flush();
  store.commit();
  const [only] = [...store.iterateSignIns()];
  assert.equal(only?.signIn.userId, "u-alice");
  assert.equal(only?.signIn.ipAddress, "192.0.2.55");
  assert.deepEqual(
    [...store.iteratePatterns()].map((p) => [p.userId, p.ipAddress]),
    [["u-alice", "192.0.2.55"]],
  );
  await store.close();
});
