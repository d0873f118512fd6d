// The assessment against the simulator's ground truth, at 500 and 5,000 users: every planted problem is
// reported with exactly the planted accounts as evidence, and no account the generator left clean shows
// up in any failing finding or exception list.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { GroundTruth } from "../../src/adapters/simulator/index.js";
import { type AssessmentReport, buildAssessment } from "../../src/core/checks/report.js";
import type { Finding } from "../../src/core/checks/types.js";
import { simulatedSnapshot } from "./simulated.js";

const sorted = (xs: Iterable<string>) => [...new Set(xs)].sort();
const minus = (xs: readonly string[], ...ys: (readonly string[])[]) => {
  const drop = new Set(ys.flat());
  return sorted(xs.filter((x) => !drop.has(x)));
};

function finding(r: AssessmentReport, id: string): Finding {
  const f = r.findings.find((x) => x.checkId === id);
  assert.ok(f, `finding ${id}`);
  return f;
}

const REMEDY_OF_KIND = {
  printer: "smtpRelay",
  erp: "vendorModernAuth",
  oldOutlook: "upgradeMailClient",
  activeSync: "outlookMobile",
  pop3: "upgradeMailClient",
} as const;

for (const users of [500, 5000]) {
  describe(`simulated tenant, ${users} users`, () => {
    const { t, snapshot } = simulatedSnapshot(users);
    const g: GroundTruth = t.groundTruth;
    const r = buildAssessment(snapshot, {}, g.now);
    const candidates = (type: string) =>
      sorted(r.exceptionCandidates.filter((c) => c.type === type).map((c) => c.userId));
    /** People the roll-out is about: enabled members that are not emergency, service, sync, shared or room accounts. */
    const notPeople = [...g.disabledUserIds, ...g.outOfScopeUserIds, ...g.guestUserIds];

    test("exception candidates: exactly the planted shared mailboxes, rooms, service accounts, sync account and guests", () => {
      assert.deepEqual(candidates("sharedMailbox"), sorted(g.sharedMailboxUserIds));
      assert.deepEqual(candidates("room"), sorted(g.roomUserIds));
      assert.deepEqual(candidates("serviceAccount"), sorted(g.serviceAccountUserIds));
      assert.deepEqual(candidates("syncAccount"), [g.syncAccountUserId]);
      assert.deepEqual(candidates("guest"), sorted(g.guestUserIds));
      for (const [id, type] of [
        ["exceptions.shared-mailboxes", "sharedMailbox"],
        ["exceptions.rooms", "room"],
        ["exceptions.service-accounts", "serviceAccount"],
        ["exceptions.sync-account", "syncAccount"],
      ] as const) {
        assert.equal(finding(r, id).outcome, "fail", id);
        assert.deepEqual(finding(r, id).evidence.users, candidates(type), id);
      }
    });

    test("people without a smartphone: every planted one seen in the window, and nobody who has one", () => {
      const found = candidates("noSmartphone");
      const seen = new Set(
        snapshot.accessPatterns.filter((p) => p.signInEventType === "interactiveUser").map((p) => p.userId),
      );
      const plantedActive = minus(g.noSmartphoneUserIds, g.disabledUserIds).filter((id) => seen.has(id));
      assert.ok(plantedActive.length > 0);
      assert.deepEqual(minus(plantedActive, found), [], "planted and active but not reported");
      assert.deepEqual(minus(found, g.noSmartphoneUserIds), [], "reported but planted with a smartphone");
    });

    test("emergency accounts: detected (not declared) exactly, the planted method problem exactly", () => {
      assert.equal(r.emergencyAccounts.source, "detected");
      assert.deepEqual(sorted(r.emergencyAccounts.accounts.map((a) => a.userId)), sorted(g.emergencyAccountIds));
      const two = finding(r, "emergency.two-accounts");
      assert.equal(two.outcome, "fail");
      assert.match(two.status, /^not declared — detected /);
      const noKey = g.emergencyAccounts.filter((e) => e.problem === "noPhishingResistantMethod").map((e) => e.userId);
      const pr = finding(r, "emergency.phishing-resistant-method");
      assert.equal(pr.outcome, noKey.length > 0 ? "fail" : "pass");
      if (noKey.length > 0) assert.deepEqual(pr.evidence.users, sorted(noKey));
      assert.equal(finding(r, "emergency.excluded-from-policies").outcome, "pass");
      assert.equal(finding(r, "emergency.sign-in-alerting").skippedReason, "cannot-verify-from-here");

      const declared = buildAssessment(
        snapshot,
        { classifications: Object.fromEntries(g.emergencyAccountIds.map((id) => [id, "emergency" as const])) },
        g.now,
      );
      assert.equal(finding(declared, "emergency.two-accounts").outcome, "pass");
      assert.equal(declared.emergencyAccounts.source, "declared");
    });

    test("registration: exactly the planted unregistered in-scope people, admins without a method, single-method and SMS-only people", () => {
      assert.deepEqual(
        finding(r, "registration.admins-without-method").evidence.users,
        sorted(g.adminWithoutMfaUserIds),
      );
      assert.equal(finding(r, "registration.admins-without-method").severity, "blocker");
      assert.deepEqual(
        finding(r, "registration.coverage").evidence.users,
        sorted(g.unregisteredInScopeActiveMemberIds),
      );
      assert.equal(r.registration.inScope, g.inScopeActiveMemberUserIds.length);
      assert.ok(Math.abs((r.registration.rate ?? -1) - g.expected.registrationRateInScope) < 1e-9);
      // The ground truth lists every account with one method / SMS only; the checks look at people in scope.
      assert.deepEqual(
        finding(r, "registration.single-method").evidence.users,
        minus(g.singleMethodUserIds, notPeople),
      );
      assert.deepEqual(
        finding(r, "registration.sms-voice-only").evidence.users,
        minus(g.smsVoiceOnlyUserIds, notPeople),
      );
    });

    test("legacy authentication: exactly the planted users, each dependency with the remedy of its kind", () => {
      assert.deepEqual(finding(r, "legacy.dependencies").evidence.users, sorted(g.legacyUserIds));
      assert.deepEqual(sorted(r.legacyAuth.map((l) => l.userId)), sorted(g.legacyUserIds));
      for (const d of g.legacyDependencies) {
        const rows = r.legacyAuth.filter((l) => l.userId === d.userId && l.clientApp === d.clientAppUsed);
        assert.ok(rows.length > 0, `${d.userPrincipalName} ${d.clientAppUsed}`);
        for (const row of rows) assert.equal(row.remedy, REMEDY_OF_KIND[d.kind], `${d.userPrincipalName} ${d.kind}`);
      }
    });

    test("tenant: the planted policy problems, the methods-policy weakness, licences and security defaults", () => {
      const stale = g.policies.filter((p) => p.problem === "reportOnlyStale").map((p) => p.id);
      const deleted = g.policies.filter((p) => p.problem === "deletedGroupReference");
      assert.deepEqual(finding(r, "tenant.stale-report-only").evidence.policies, sorted(stale));
      const refs = finding(r, "tenant.policy-references");
      assert.deepEqual(refs.evidence.policies, sorted(deleted.map((p) => p.id)));
      for (const p of deleted)
        assert.ok(
          refs.details.some((d) => d.includes(p.missingGroupId ?? "?")),
          p.displayName,
        );
      const amp = finding(r, "tenant.auth-methods-policy");
      assert.equal(amp.outcome, "fail");
      assert.ok(amp.evidence.policies.includes(g.authenticationMethodsPolicyWeakness.methodConfigurationId));
      assert.equal(finding(r, "tenant.licences").outcome, g.licences.entraIdP1 ? "pass" : "fail");
      assert.equal(finding(r, "tenant.security-defaults").outcome, "pass");
    });

    test("no account the generator left clean appears in a failing finding or in the exception candidates", () => {
      const planted = new Set<string>([
        ...g.emergencyAccountIds,
        ...g.adminWithoutMfaUserIds,
        ...g.noSmartphoneUserIds,
        ...g.sharedMailboxUserIds,
        ...g.roomUserIds,
        ...g.serviceAccountUserIds,
        g.syncAccountUserId,
        ...g.guestUserIds,
        ...g.disabledUserIds,
        ...g.unregisteredActiveMemberIds,
        ...g.singleMethodUserIds,
        ...g.smsVoiceOnlyUserIds,
        ...g.legacyUserIds,
      ]);
      const clean = snapshot.users.map((u) => u.id).filter((id) => !planted.has(id));
      assert.ok(clean.length > users / 4, "most of the tenant is clean");
      const cleanSet = new Set(clean);
      for (const f of r.findings) {
        if (f.outcome !== "fail") continue;
        const wrong = f.evidence.users.filter((id) => cleanSet.has(id));
        assert.deepEqual(wrong, [], `${f.checkId} reports clean accounts`);
      }
      assert.deepEqual(
        r.exceptionCandidates.filter((c) => cleanSet.has(c.userId)),
        [],
      );
    });

    test("the verdict names the blockers", () => {
      assert.equal(r.verdict.ready, false);
      assert.equal(
        r.verdict.blockers,
        r.findings.filter((f) => f.severity === "blocker" && f.outcome === "fail").length,
      );
      assert.match(r.verdict.summary, /^ready for the registration campaign: no — \d+ blockers?/);
    });
  });
}
