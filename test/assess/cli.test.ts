// glidepath assess and classify: formats, exit codes (exit 1 through the real binary), CSV and announcement
// files, and a classification that changes the next assessment.

import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { WorkspaceStore } from "../../src/adapters/store/index.js";
import { runBin, runCli } from "../helpers/cli.js";

let dir: string;
let ws: string;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), "glidepath-assess-"));
  ws = join(dir, "ws");
  const r = await runCli([
    "demo",
    "--workspace",
    ws,
    "--users",
    "120",
    "--seed",
    "assess-cli",
    "--now",
    "2026-11-22T00:00:00Z",
  ]);
  assert.equal(r.code, 0, r.stderr);
});
after(() => rmSync(dir, { recursive: true, force: true }));

test("text: the verdict comes first; exit 1 when blockers are found", async () => {
  const r = await runBin(["assess", "--workspace", ws]);
  assert.equal(r.code, 1, r.stderr);
  const lines = r.stdout.split("\n");
  assert.match(lines[0] ?? "", /^Readiness assessment — Northwind Estates/);
  assert.match(lines[2] ?? "", /^ready for the registration campaign: no — \d+ blockers?/);
  assert.match(r.stdout, /BLOCKER emergency\.two-accounts/);
});

test("json: the documented shape; CSV and announcement files", async () => {
  const csv = join(dir, "legacy.csv");
  const md = join(dir, "announcement.md");
  const r = await runCli([
    "assess",
    "--workspace",
    ws,
    "--format",
    "json",
    "--legacy-csv",
    csv,
    "--announcement",
    md,
    "--help-contact",
    "IT Service Desk, ext. 4000",
    "--campaign-start",
    "2026-12-07",
  ]);
  assert.equal(r.code, 1, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.equal(j.verdict.ready, false);
  assert.ok(j.verdict.blockers > 0);
  for (const f of j.findings) {
    for (const k of ["checkId", "title", "severity", "outcome", "status", "evidence", "remediation"])
      assert.ok(k in f, k);
    for (const k of ["users", "policies", "signIns"]) assert.ok(Array.isArray(f.evidence[k]), k);
  }
  for (const k of ["inScope", "registered", "rate", "singleMethod", "smsVoiceOnly", "adminsWithoutMethod"])
    assert.ok(k in j.registration, k);
  assert.ok(j.legacyAuth.length > 0);
  for (const k of ["user", "clientApp", "app", "os", "ip", "count", "lastSeen", "remedy"])
    assert.ok(k in j.legacyAuth[0], k);
  for (const c of j.exceptionCandidates) {
    assert.ok(["sharedMailbox", "room", "serviceAccount", "syncAccount", "noSmartphone", "guest"].includes(c.type));
    assert.ok(["high", "medium"].includes(c.confidence));
    assert.ok(c.signals.length > 0);
  }
  const rows = readFileSync(csv, "utf8").trim().split("\r\n");
  assert.equal(rows[0], "user,userId,clientApp,app,device,os,ip,interactive,count,lastSeen,remedy,remedyText");
  assert.equal(rows.length - 1, j.legacyAuth.length);
  const ann = readFileSync(md, "utf8");
  assert.match(ann, /IT Service Desk, ext\. 4000/);
  assert.match(ann, /Monday,? 7 December 2026/);
  assert.match(ann, /security key/);
});

test("classify: declaring the emergency accounts passes the two-accounts check; bad input exits 2", async () => {
  // Classifying changes the workspace: work on a copy so the other tests read the demo as built.
  const ws = join(dir, "ws-classify");
  cpSync(join(dir, "ws"), ws, { recursive: true });
  const j = JSON.parse((await runCli(["assess", "--workspace", ws, "--format", "json"])).stdout);
  const detected: string[] = j.emergencyAccounts.accounts.map((a: { user: string }) => a.user);
  assert.equal(detected.length, 2);
  for (const upn of detected) {
    const c = await runCli(["classify", upn, "emergency", "--workspace", ws, "--note", "confirmed by the lead"]);
    assert.equal(c.code, 0, c.stderr);
    assert.match(c.stdout, /classified as emergency/);
  }
  const store = WorkspaceStore.open(ws);
  const journal = (await store.journal()).filter((e) => e.action === "classify");
  await store.close();
  assert.equal(journal.length, 2);
  assert.deepEqual(
    journal.map((e) => (e.detail as { type: string; note: string }).note),
    ["confirmed by the lead", "confirmed by the lead"],
  );
  const after = JSON.parse((await runCli(["assess", "--workspace", ws, "--format", "json"])).stdout);
  assert.equal(after.emergencyAccounts.source, "declared");
  assert.equal(after.findings.find((f: { checkId: string }) => f.checkId === "emergency.two-accounts").outcome, "pass");

  const badType = await runCli(["classify", detected[0]!, "printer", "--workspace", ws]);
  assert.equal(badType.code, 2);
  assert.match(badType.stderr, /unknown type 'printer'.*\[classify\.type\]/);
  const badUser = await runCli(["classify", "nobody@nowhere", "room", "--workspace", ws]);
  assert.equal(badUser.code, 2);
  const noWs = await runCli(["assess", "--workspace", join(dir, "missing")]);
  assert.equal(noWs.code, 2);
  assert.equal(noWs.stdout, "");
});
