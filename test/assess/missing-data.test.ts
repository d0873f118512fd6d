// Bad input: a workspace without sign-ins, registrations or policies (or with nothing at all) gives findings
// marked skipped with the reason — never a crash, never an `error`, never a false pass.

import assert from "node:assert/strict";
import { test } from "node:test";
import { CHECKS } from "../../src/core/checks/registry.js";
import { buildAssessment } from "../../src/core/checks/report.js";
import type { Check, SkipReason } from "../../src/core/checks/types.js";
import { type CollectionName, emptySnapshot, type TenantSnapshot } from "../../src/core/model/index.js";
import { SIM_NOW, simulatedSnapshot } from "./simulated.js";

const { snapshot: full } = simulatedSnapshot(200, "missing-data");

function without(
  s: TenantSnapshot,
  collections: CollectionName[],
  patch: Partial<TenantSnapshot> = {},
): TenantSnapshot {
  return { ...s, ...patch, meta: { ...s.meta, present: s.meta.present.filter((c) => !collections.includes(c)) } };
}

function expectSkipped(s: TenantSnapshot, expected: Record<string, SkipReason>): void {
  const r = buildAssessment(s, {}, SIM_NOW);
  assert.equal(r.counts.error, 0, JSON.stringify(r.findings.filter((f) => f.outcome === "error")));
  for (const [id, reason] of Object.entries(expected)) {
    const f = r.findings.find((x) => x.checkId === id);
    assert.ok(f, id);
    assert.equal(f.outcome, "skipped", `${id}: ${f.status}`);
    assert.equal(f.skippedReason, reason, id);
    assert.ok(f.status.length > 10, `${id} says why`);
  }
}

test("no sign-ins (no logs, no signInActivity): the checks that need them are skipped", () => {
  const s = without(full, ["signIns", "accessPatterns"], {
    signIns: [],
    accessPatterns: [],
    users: full.users.map((u) => ({ ...u, signInActivity: null })),
  });
  expectSkipped(s, {
    "registration.coverage": "no-sign-in-data",
    "legacy.dependencies": "no-sign-in-data",
    "exceptions.no-smartphone": "no-sign-in-data",
    "emergency.tested-recently": "no-sign-in-data",
    "emergency.unplanned-use": "no-sign-in-data",
  });
  const r = buildAssessment(s, {}, SIM_NOW);
  assert.equal(r.registration.rate, null);
  assert.deepEqual(r.legacyAuth, []);
});

test("no registration data: registration and method checks are skipped, and the verdict is not 'ready'", () => {
  const s = without(full, ["registrations", "authenticationMethods"], { registrations: [], authenticationMethods: [] });
  expectSkipped(s, {
    "registration.coverage": "no-registration-data",
    "registration.single-method": "no-registration-data",
    "registration.sms-voice-only": "no-registration-data",
    "registration.admins-without-method": "no-registration-data",
    "emergency.phishing-resistant-method": "no-registration-data",
  });
  const r = buildAssessment(s, {}, SIM_NOW);
  assert.equal(r.verdict.ready, false);
  assert.ok(r.verdict.unverifiedBlockers >= 2);
});

test("no policies: policy checks are skipped, not passed", () => {
  const s = without(full, ["policies"], { policies: [] });
  expectSkipped(s, {
    "emergency.excluded-from-policies": "no-policy-data",
    "emergency.dedicated-policy": "no-policy-data",
    "tenant.stale-report-only": "no-policy-data",
    "tenant.mfa-for-everyone": "no-policy-data",
    "tenant.policy-references": "no-policy-data",
  });
});

test("an empty snapshot: nothing passes, nothing crashes, the verdict is 'not proven'", () => {
  const s = emptySnapshot({ tenantId: "t", tenantDisplayName: "Empty", capturedAt: SIM_NOW, source: "import" });
  const r = buildAssessment(s, {}, SIM_NOW);
  assert.equal(r.counts.error, 0);
  assert.equal(r.counts.pass, 0, JSON.stringify(r.findings.filter((f) => f.outcome === "pass").map((f) => f.checkId)));
  assert.equal(r.verdict.ready, false);
  assert.match(r.verdict.summary, /not proven/);
});

test("a check that throws becomes an error finding, not a crash; an errored blocker check blocks readiness", () => {
  const boom: Check = {
    ...CHECKS[0]!,
    evaluate() {
      throw new Error("boom");
    },
  };
  const r = buildAssessment(full, {}, SIM_NOW, [boom]);
  assert.equal(r.counts.error, 1);
  assert.equal(r.findings[0]?.status, "error: boom");
  assert.equal(r.verdict.ready, false);
});
