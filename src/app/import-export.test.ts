// Round trip: the simulated tenant in a workspace, exported as Graph JSON and as portal CSV, re-imports
// to the same snapshot (CSV: the sign-in fields the portal download carries).

import assert from "node:assert/strict";
import {
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { generateTenant, writeTenantFiles } from "../adapters/simulator/index.js";
import { WorkspaceStore } from "../adapters/store/index.js";
import { GlidepathError } from "../core/model/errors.js";
import type { SignIn, TenantSnapshot } from "../core/model/index.js";
import { loadSnapshotWithSignIns } from "./demo.js";
import { runExport } from "./export.js";
import { runImport } from "./import.js";

const NOW = "2026-11-22T00:00:00Z";
const root = mkdtempSync(join(tmpdir(), "gp-roundtrip-"));
let original: TenantSnapshot;
let generated: ReturnType<typeof generateTenant>;

/** Null, absent and {} mean the same in the model ("not known"); key order is not data. */
function canon(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canon);
  if (v && typeof v === "object") {
    const o: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) {
      const x = canon((v as Record<string, unknown>)[k]);
      if (x !== null && x !== undefined && !(typeof x === "object" && !Array.isArray(x) && Object.keys(x).length === 0))
        o[k] = x;
    }
    return o;
  }
  return v;
}

const DIRECTORY = [
  "users",
  "groups",
  "groupMembers",
  "roleDefinitions",
  "roleAssignments",
  "servicePrincipals",
  "policies",
  "namedLocations",
  "authenticationStrengths",
  "authenticationMethodsPolicy",
  "securityDefaults",
  "subscribedSkus",
  "registrations",
  "authenticationMethods",
  "rooms",
  "directoryAudits",
  "accessPatterns",
] as const;

async function load(dir: string): Promise<TenantSnapshot> {
  const s = WorkspaceStore.open(dir);
  try {
    return await s.loadSnapshot();
  } finally {
    await s.close();
  }
}

before(async () => {
  const t = generateTenant({ users: 50, seed: "roundtrip", now: NOW });
  generated = t;
  const store = WorkspaceStore.open(join(root, "a"), { create: true });
  loadSnapshotWithSignIns(store, t.snapshot, t.signIns());
  await store.close();
  original = await load(join(root, "a"));
});
after(() => rmSync(root, { recursive: true, force: true }));

describe("export then import", () => {
  it("Graph JSON re-imports to the same snapshot", async () => {
    const out = join(root, "graph");
    await runExport({ workspace: join(root, "a"), dir: out, as: "graph-json" });
    const r = await runImport({ workspace: join(root, "b"), paths: [out], now: NOW });
    assert.equal(r.outcome, "ok", JSON.stringify(r.files.filter((f) => f.errors.length)));
    const back = await load(join(root, "b"));
    for (const c of DIRECTORY) assert.deepEqual(canon(back[c]), canon(original[c]), c);
    assert.deepEqual(canon(back.signIns), canon(original.signIns), "retained raw sign-ins");
    assert.equal(back.meta.signInCount, original.meta.signInCount);
    assert.deepEqual(back.meta.signInWindow, original.meta.signInWindow);
    assert.equal(back.meta.tenantId, original.meta.tenantId);
    assert.equal(back.meta.tenantDisplayName, original.meta.tenantDisplayName);
    for (const c of original.meta.present) assert.ok(back.meta.present.includes(c), `present: ${c}`);
    // And importing the same export again changes nothing.
    const again = await runImport({ workspace: join(root, "b"), paths: [out], now: NOW });
    assert.equal(again.unchanged, true);
    assert.equal(again.signIns.inserted, 0);
  });

  it("portal CSV re-imports to the same snapshot for what the CSV downloads carry", async () => {
    const out = join(root, "csv");
    await runExport({ workspace: join(root, "a"), dir: out, as: "portal-csv" });
    const names = readdirSync(out);
    assert.ok(names.some((n) => n.startsWith("InteractiveSignIns_") && n.endsWith(".csv")));
    assert.ok(names.includes("Users.csv") && names.includes("UserRegistrationDetails.csv"));
    const r = await runImport({ workspace: join(root, "c"), paths: [out], now: NOW });
    assert.equal(r.outcome, "ok", JSON.stringify(r.files.filter((f) => f.errors.length)));
    const back = await load(join(root, "c"));
    for (const c of DIRECTORY) if (c !== "accessPatterns") assert.deepEqual(canon(back[c]), canon(original[c]), c);
    // Patterns: the CSV has no device name column, and application sign-ins carry no client app or
    // device; totals per user, sign-in type and app must match exactly.
    const totals = (s: TenantSnapshot) => {
      const m = new Map<string, number[]>();
      for (const p of s.accessPatterns) {
        const k = `${p.userId}|${p.signInEventType}|${p.appId}`;
        const t = m.get(k) ?? [0, 0, 0, 0, 0];
        const add = [p.count, p.successCount, p.failureCount, p.interruptCount, p.mfaCount];
        m.set(
          k,
          t.map((x, i) => x + (add[i] ?? 0)),
        );
      }
      return [...m.entries()].sort();
    };
    assert.deepEqual(totals(back), totals(original));
    assert.equal(back.meta.signInCount, original.meta.signInCount);
    // Sign-ins: the fields a portal download carries (not per-policy CA results or risk).
    const csvView = (s: SignIn) =>
      canon({
        id: s.id,
        createdDateTime: s.createdDateTime,
        signInEventType: s.signInEventType,
        userId: s.userId,
        appId: s.appId,
        errorCode: s.status.errorCode,
        clientAppUsed:
          s.signInEventType === "servicePrincipal" || s.signInEventType === "managedIdentity" ? "" : s.clientAppUsed,
        ipAddress: s.ipAddress,
        country: s.location?.countryOrRegion,
        os: s.deviceDetail?.operatingSystem,
        compliant: s.deviceDetail?.isCompliant,
        requirement: s.authenticationRequirement,
        details: s.authenticationDetails?.length ?? 0,
      });
    const byId = new Map(back.signIns.map((s) => [s.id, s]));
    for (const s of original.signIns) {
      const b = byId.get(s.id);
      assert.ok(b, `sign-in ${s.id} retained`);
      assert.deepEqual(csvView(b), csvView(s));
    }
  });

  it("the simulator's own files (Graph pages and portal CSVs) import to the generated tenant", async () => {
    const out = join(root, "simulator");
    await writeTenantFiles(generated, out);
    const r = await runImport({ workspace: join(root, "d"), paths: [out], now: NOW });
    assert.equal(r.outcome, "ok", JSON.stringify(r.files.filter((f) => f.errors.length)));
    assert.deepEqual(
      r.files.filter((f) => f.status === "ignored").map((f) => f.path.slice(out.length + 1)),
      ["ground-truth.json", "manifest.json"],
    );
    const back = await load(join(root, "d"));
    assert.equal(back.meta.tenantId, original.meta.tenantId);
    const same = [
      "users",
      "groups",
      "groupMembers",
      "roleDefinitions",
      "servicePrincipals",
      "policies",
      "namedLocations",
      "authenticationStrengths",
      "authenticationMethodsPolicy",
      "securityDefaults",
      "subscribedSkus",
      "registrations",
      "rooms",
      "directoryAudits",
      "accessPatterns",
    ] as const;
    const sorted = (v: unknown) =>
      Array.isArray(v) ? v.map(canon).sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1)) : canon(v);
    for (const c of same) assert.deepEqual(sorted(back[c]), sorted(original[c]), c);
    // Graph's roleAssignments resource has no startDateTime; the files add the password method Graph always lists.
    const noStart = (xs: readonly object[]) => sorted(xs.map((x) => ({ ...x, startDateTime: undefined })));
    assert.deepEqual(noStart(back.roleAssignments), noStart(original.roleAssignments));
    const noPassword = (s: TenantSnapshot) =>
      sorted(s.authenticationMethods.filter((m) => !m["@odata.type"].includes("password")));
    assert.deepEqual(noPassword(back), noPassword(original));
    assert.equal(back.meta.signInCount, original.meta.signInCount);
    // Raw rows: every one the demo kept (3 days) is kept here too (7 days before the newest sign-in).
    const byId = new Map(back.signIns.map((s) => [s.id, s]));
    // The files add what Graph always returns and the generator leaves out: step times, "none" values.
    const noStepTime = (s: SignIn | undefined) =>
      canon({
        ...s,
        originalTransferMethod: s?.originalTransferMethod === "none" ? undefined : s?.originalTransferMethod,
        authenticationProtocol: s?.authenticationProtocol === "none" ? undefined : s?.authenticationProtocol,
        authenticationDetails: s?.authenticationDetails?.map((d) => ({ ...d, authenticationStepDateTime: undefined })),
      });
    for (const s of original.signIns) assert.deepEqual(noStepTime(byId.get(s.id)), noStepTime(s), s.id);
  });
});

describe("export into a folder the user named", () => {
  it("refuses a non-empty folder without --force, and with it replaces only the files export writes", async () => {
    const out = join(root, "occupied");
    mkdirSync(out);
    writeFileSync(join(out, "notes.txt"), "mine");
    writeFileSync(join(out, "tenant.json"), "old");
    await assert.rejects(
      runExport({ workspace: join(root, "a"), dir: out, as: "graph-json" }),
      (e) => e instanceof GlidepathError && e.code === "output.not-empty" && e.exit === "refused",
    );
    assert.equal(readFileSync(join(out, "tenant.json"), "utf8"), "old", "nothing written on refusal");
    await runExport({ workspace: join(root, "a"), dir: out, as: "graph-json", force: true });
    assert.equal(readFileSync(join(out, "notes.txt"), "utf8"), "mine");
    assert.notEqual(readFileSync(join(out, "tenant.json"), "utf8"), "old");
    assert.deepEqual(
      readdirSync(out).filter((n) => n.endsWith(".tmp")),
      [],
      "no temporary file left behind",
    );
  });

  it("never writes through a symbolic link: a linked folder is refused, a planted file link is replaced", async () => {
    const victim = join(root, "victim.txt");
    writeFileSync(victim, "precious");
    const linkDir = join(root, "linked");
    symlinkSync(join(root, "a"), linkDir);
    await assert.rejects(
      runExport({ workspace: join(root, "a"), dir: linkDir, as: "graph-json", force: true }),
      (e) => e instanceof GlidepathError && e.code === "output.symlink",
    );
    const out = join(root, "planted");
    mkdirSync(out);
    symlinkSync(victim, join(out, "tenant.json"));
    symlinkSync(victim, join(out, "users.json"));
    await runExport({ workspace: join(root, "a"), dir: out, as: "graph-json", force: true });
    assert.equal(readFileSync(victim, "utf8"), "precious", "the link's target is untouched");
    assert.equal(lstatSync(join(out, "tenant.json")).isSymbolicLink(), false);
    assert.match(readFileSync(join(out, "users.json"), "utf8"), /^\{"@odata.context"/);
  });
});

describe("CSV that attacks its reader", () => {
  it("portal-csv neutralises formulas and line breaks in tenant text, and import reads them back exactly", async () => {
    const t = generateTenant({ users: 50, seed: "hostile", now: NOW });
    const hostile = [
      '=HYPERLINK("http://evil.example","click")',
      "+cmd|' /C calc'!A0",
      "@SUM(1)",
      "-1+1",
      "\tTab",
      "Line\r\nForged,row",
      "'=already",
    ];
    const users = t.snapshot.users.map((u, i) =>
      i < hostile.length ? { ...u, displayName: hostile[i] as string } : u,
    );
    const ws = join(root, "hostile");
    const store = WorkspaceStore.open(ws, { create: true });
    loadSnapshotWithSignIns(store, { ...t.snapshot, users }, t.signIns());
    await store.close();
    const out = join(root, "hostile-csv");
    await runExport({ workspace: ws, dir: out, as: "portal-csv" });
    const csv = readFileSync(join(out, "Users.csv"), "utf8");
    for (const line of csv.split(/\r\n/)) {
      for (const cell of line.split(",")) assert.doesNotMatch(cell.replace(/^"/, ""), /^[=+\-@\t]/, line);
    }
    assert.ok(csv.includes(`"'=HYPERLINK(""http://evil.example"",""click"")"`));
    const r = await runImport({ workspace: join(root, "hostile-back"), paths: [out], now: NOW });
    assert.equal(r.outcome, "ok", JSON.stringify(r.files.filter((f) => f.errors.length)));
    const back = await load(join(root, "hostile-back"));
    for (const [i, name] of hostile.entries()) {
      const id = users[i]?.id;
      assert.equal(back.users.find((u) => u.id === id)?.displayName, name);
    }
  });
});
