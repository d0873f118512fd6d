import assert from "node:assert/strict";
import { test } from "node:test";
import { runCheck } from "../../../../test/assess/run-check.js";
import { tenant } from "../../../../test/builders/tenant.js";
import { ROLE } from "../../model/well-known.js";
import { policyReferences } from "./policy-references.js";

const pol = (id: string, users: object, locations?: object) => ({
  id,
  displayName: id,
  state: "enabled",
  conditions: { users, applications: { includeApplications: ["All"] }, ...(locations ? { locations } : {}) },
  grantControls: { operator: "OR", builtInControls: ["mfa"] },
});

test("pass: users, groups, roles and locations that exist", () => {
  const t = tenant()
    .user("alice")
    .group("emergency", ["alice"])
    .location({
      "@odata.type": "#microsoft.graph.ipNamedLocation",
      id: "loc-hq",
      displayName: "HQ",
      isTrusted: true,
      ipRanges: [],
    })
    .policy(
      pol(
        "ok",
        { includeUsers: ["All"], excludeGroups: ["g-emergency"], excludeRoles: [ROLE.globalAdministrator] },
        { includeLocations: ["All"], excludeLocations: ["loc-hq"] },
      ),
    );
  assert.equal(runCheck(policyReferences, t.build()).outcome, "pass");
});

test("fail: an excluded group that was deleted, and an unknown location", () => {
  const t = tenant()
    .user("alice")
    .policy(pol("deleted-group", { includeUsers: ["All"], excludeGroups: ["0f1e2d3c-aaaa-bbbb-cccc-000000000001"] }))
    .policy(
      pol(
        "bad-loc",
        { includeUsers: ["All"] },
        { includeLocations: ["All"], excludeLocations: ["11111111-2222-3333-4444-555555555555"] },
      ),
    )
    .policy(pol("fine", { includeUsers: ["u-alice"] }));
  const f = runCheck(policyReferences, t.build());
  assert.equal(f.outcome, "fail");
  assert.deepEqual(f.evidence.policies, ["bad-loc", "deleted-group"]);
  assert.match(f.details.join("\n"), /excluded group '0f1e2d3c-aaaa-bbbb-cccc-000000000001' does not exist/);
});
