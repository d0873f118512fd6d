import assert from "node:assert/strict";
import { test } from "node:test";
import { runCheck } from "../../../../test/assess/run-check.js";
import { tenant } from "../../../../test/builders/tenant.js";
import { createAssessmentContext } from "../context.js";
import { dependencies } from "./dependencies.js";
import { legacyDependencies } from "./legacy-list.js";

test("pass: only modern clients; a legacy attempt that never succeeded is not a dependency", () => {
  const t = tenant()
    .user("alice")
    .uses("alice")
    .uses("alice", { clientAppUsed: "Mobile Apps and Desktop clients" })
    .uses("alice", { clientAppUsed: "IMAP4", count: 3, successCount: 0, failureCount: 3 });
  assert.equal(runCheck(dependencies, t.build()).outcome, "pass");
});

function legacyTenant() {
  return tenant()
    .user("alice", { jobTitle: "Valuer" })
    .user("bob", { jobTitle: "Negotiator" })
    .user("svc-scan", { displayName: "Scanner", jobTitle: null })
    .user("svc-erp", { displayName: "ERP connector", jobTitle: null })
    .user("carol", { jobTitle: "Valuer" })
    .uses("carol", { clientAppUsed: "Other clients", count: 5 })
    .uses("carol", { clientAppUsed: "Exchange Online PowerShell", count: 2 })
    .uses("alice", { clientAppUsed: "MAPI Over HTTP", count: 12, operatingSystem: "Windows 7" })
    .uses("bob", {
      clientAppUsed: "Exchange ActiveSync",
      signInEventType: "nonInteractiveUser",
      count: 80,
      operatingSystem: "Android 8",
    })
    .uses("svc-scan", {
      clientAppUsed: "Authenticated SMTP",
      count: 200,
      operatingSystem: null,
      ipAddress: "198.51.100.70",
    })
    .uses("svc-erp", {
      clientAppUsed: "IMAP4",
      count: 700,
      operatingSystem: null,
      ipAddress: "198.51.100.9",
      lastSeen: "2026-10-31T23:00:00Z",
    });
}

test("fail: every legacy user, interactive and not, each with the remedy that fits", () => {
  const f = runCheck(dependencies, legacyTenant().build());
  assert.equal(f.outcome, "fail");
  assert.deepEqual(f.evidence.users, ["u-alice", "u-bob", "u-carol", "u-svc-erp", "u-svc-scan"]);
  const rows = legacyDependencies(createAssessmentContext(legacyTenant().build(), {}, "2026-11-01T12:00:00Z"));
  const remedy = Object.fromEntries(rows.map((r) => [`${r.userId} ${r.clientApp}`, r.remedy]));
  assert.deepEqual(remedy, {
    "u-alice MAPI Over HTTP": "upgradeMailClient",
    "u-bob Exchange ActiveSync": "outlookMobile",
    "u-carol Other clients": "upgradeMailClient",
    "u-carol Exchange Online PowerShell": "vendorModernAuth",
    "u-svc-scan Authenticated SMTP": "smtpRelay",
    "u-svc-erp IMAP4": "vendorModernAuth",
  });
  const bob = rows.find((r) => r.userId === "u-bob")!;
  assert.equal(bob.interactive, false);
  assert.equal(bob.count, 80);
  assert.equal(bob.os, "Android 8");
});

test("skipped without sign-in data", () => {
  assert.equal(
    runCheck(dependencies, tenant().user("a").missing("accessPatterns", "signIns").build()).skippedReason,
    "no-sign-in-data",
  );
});

test("raw sign-ins without an aggregate still count (an import that kept only the log)", () => {
  const t = tenant()
    .user("alice")
    .missing("accessPatterns")
    .signIn({
      id: "s1",
      createdDateTime: "2026-10-30T08:00:00Z",
      signInEventType: "interactiveUser",
      userId: "u-alice",
      userPrincipalName: "alice@test.example",
      appId: "00000002-0000-0ff1-ce00-000000000000",
      clientAppUsed: "POP3",
      status: { errorCode: 0 },
    });
  const f = runCheck(dependencies, t.build());
  assert.equal(f.outcome, "fail");
  assert.deepEqual(f.evidence.users, ["u-alice"]);
  assert.deepEqual(f.evidence.signIns, ["s1"]);
});
