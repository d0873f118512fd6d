import assert from "node:assert/strict";
import { test } from "node:test";
import { runCheck } from "../../../../test/assess/run-check.js";
import { tenant } from "../../../../test/builders/tenant.js";
import { mfaForEveryone } from "./mfa-for-everyone.js";

const everyone = (id: string, extra: object = {}, users: object = { includeUsers: ["All"] }) => ({
  id,
  displayName: id,
  state: "enabled",
  conditions: { users, applications: { includeApplications: ["All"] }, clientAppTypes: ["all"], ...extra },
  grantControls: { operator: "OR", builtInControls: ["mfa"] },
});

test("pass: all users, all resources, MFA, excluding only the emergency group", () => {
  const t = tenant()
    .user("bg1")
    .user("alice")
    .group("emergency", ["bg1"])
    .policy(everyone("real", {}, { includeUsers: ["All"], excludeGroups: ["g-emergency"] }));
  const f = runCheck(mfaForEveryone, t.build(), { emergencyAccountIds: ["u-bg1"] });
  assert.equal(f.outcome, "pass");
  assert.deepEqual(f.evidence.policies, ["real"]);
});

test("fail: 'MFA for everyone' narrowed by sign-in risk, by trusted locations, or by a group of ordinary people", () => {
  const t = tenant()
    .user("alice")
    .user("bob")
    .group("staff", ["alice", "bob"])
    .policy(everyone("risk", { signInRiskLevels: ["medium", "high"] }))
    .policy(everyone("offsite", { locations: { includeLocations: ["All"], excludeLocations: ["AllTrusted"] } }))
    .policy(everyone("grouped", {}, { includeUsers: ["All"], excludeGroups: ["g-staff"] }));
  const f = runCheck(mfaForEveryone, t.build());
  assert.equal(f.outcome, "fail");
  assert.deepEqual(f.evidence.policies, ["grouped", "offsite", "risk"]);
  assert.match(f.details.join("\n"), /only when sign-in risk is medium or high/);
  assert.match(f.details.join("\n"), /excludes all trusted locations/);
  assert.match(f.details.join("\n"), /excludes group 'staff' \(2 members\)/);
});

test("skipped without policies", () => {
  assert.equal(runCheck(mfaForEveryone, tenant().missing("policies").build()).skippedReason, "no-policy-data");
});
