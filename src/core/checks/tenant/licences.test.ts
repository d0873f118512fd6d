import assert from "node:assert/strict";
import { test } from "node:test";
import { runCheck } from "../../../../test/assess/run-check.js";
import { tenant } from "../../../../test/builders/tenant.js";
import { licences } from "./licences.js";

const riskPolicy = {
  id: "p-risk",
  displayName: "MFA on risky sign-ins",
  state: "enabled",
  conditions: {
    users: { includeUsers: ["All"] },
    applications: { includeApplications: ["All"] },
    signInRiskLevels: ["high"],
  },
  grantControls: { operator: "OR", builtInControls: ["mfa"] },
};

test("pass: P1 present; P2 present for risk policies", () => {
  assert.equal(runCheck(licences, tenant().user("a").licences({ p1: true }).build()).outcome, "pass");
  assert.equal(
    runCheck(licences, tenant().user("a").licences({ p1: true, p2: true }).policy(riskPolicy).build()).outcome,
    "pass",
  );
});

test("fail: no P1 (Security Defaults path); risk conditions without P2", () => {
  const noP1 = runCheck(licences, tenant().user("a").licences({ p1: false }).build());
  assert.equal(noP1.outcome, "fail");
  assert.match(noP1.status, /Security Defaults path/);
  const noP2 = runCheck(licences, tenant().user("a").licences({ p1: true }).policy(riskPolicy).build());
  assert.equal(noP2.outcome, "fail");
  assert.deepEqual(noP2.evidence.policies, ["p-risk"]);
});

test("skipped without licence data", () => {
  assert.equal(runCheck(licences, tenant().missing("subscribedSkus").build()).skippedReason, "no-licence-data");
});
