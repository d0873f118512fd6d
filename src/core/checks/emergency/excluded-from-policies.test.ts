import assert from "node:assert/strict";
import { test } from "node:test";
import { DECLARED, wellKept } from "../../../../test/assess/emergency-fixture.js";
import { runCheck } from "../../../../test/assess/run-check.js";
import { ROLE } from "../../model/well-known.js";
import { excludedFromPolicies } from "./excluded-from-policies.js";

test("pass: excluded by group from the ordinary policy; the dedicated phishing-resistant policy is allowed", () => {
  assert.equal(runCheck(excludedFromPolicies, wellKept().build(), DECLARED).outcome, "pass");
});

test("fail: a report-only block policy by role reaches both; a nested-group exclusion is honoured", () => {
  const t = wellKept().policy({
    id: "p-block-admins",
    displayName: "Block admins off-network",
    state: "enabledForReportingButNotEnforced",
    conditions: {
      users: { includeRoles: [ROLE.globalAdministrator] },
      applications: { includeApplications: ["All"] },
      locations: { includeLocations: ["All"], excludeLocations: ["AllTrusted"] },
    },
    grantControls: { operator: "OR", builtInControls: ["block"] },
  });
  const f = runCheck(excludedFromPolicies, t.build(), DECLARED);
  assert.equal(f.outcome, "fail");
  assert.deepEqual(f.evidence.users, ["u-bg1", "u-bg2"]);
  assert.deepEqual(f.evidence.policies, ["p-block-admins"]);
  assert.match(f.details[0] ?? "", /report-only policy 'Block admins off-network': included by role/);

  const nested = wellKept().group("outer", ["group:emergency"]);
  nested.s.policies[0] = {
    ...nested.s.policies[0]!,
    conditions: { ...nested.s.policies[0]!.conditions, users: { includeUsers: ["All"], excludeGroups: ["g-outer"] } },
  };
  assert.equal(runCheck(excludedFromPolicies, nested.build(), DECLARED).outcome, "pass");
});

test("an exclusion by a group that does not resolve counts as applying (could lock out)", () => {
  const t = wellKept();
  t.s.policies[0] = {
    ...t.s.policies[0]!,
    conditions: {
      ...t.s.policies[0]!.conditions,
      users: { includeUsers: ["All"], excludeGroups: ["<BreakGlassGroup>"] },
    },
  };
  const f = runCheck(excludedFromPolicies, t.build(), DECLARED);
  assert.equal(f.outcome, "fail");
  assert.match(f.details[0] ?? "", /possibly in scope/);
});

test("skipped without policy data", () => {
  assert.equal(
    runCheck(excludedFromPolicies, wellKept().missing("policies").build(), DECLARED).skippedReason,
    "no-policy-data",
  );
});
