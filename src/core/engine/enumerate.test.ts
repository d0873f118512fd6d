// The condition-class walk: partitions follow the policies' literals, pruning keeps the counts exact,
// legacy-protocol MFA failures are not lockouts, and blocked classes carry a concrete witness.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { tenant } from "../../../test/builders/tenant.js";
import { deviceCandidates } from "./device-candidates.js";
import { capabilitiesFromMethods } from "./methods.js";
import { normalizePolicies } from "./normalize.js";
import { proveAccess } from "./prove-access.js";

const snap = tenant()
  .user("bg")
  .group("emergency", ["bg"])
  .location({
    "@odata.type": "#microsoft.graph.ipNamedLocation",
    id: "loc-office",
    displayName: "Office",
    isTrusted: true,
    ipRanges: [{ cidrAddress: "203.0.113.0/24" }],
  })
  .build();
const caps = capabilitiesFromMethods(["fido2SecurityKey"]);

describe("proveAccess", () => {
  it("with no policy, every class is a way in (one class per dimension)", () => {
    const p = proveAccess(snap, [], "u-bg", caps);
    assert.equal(p.holds, true);
    assert.equal(p.classesBlocked, 0);
    assert.equal(p.classesWayIn, p.classesTotal);
  });

  it("a block outside the office fails in 'anywhere else' only, with a witness that is outside", () => {
    const { policies } = normalizePolicies([
      {
        id: "b",
        displayName: "Block outside office",
        state: "enabled",
        conditions: {
          users: { includeUsers: ["All"] },
          applications: { includeApplications: ["All"] },
          locations: { includeLocations: ["All"], excludeLocations: ["loc-office"] },
        },
        grantControls: { operator: "OR", builtInControls: ["block"] },
      },
    ]);
    const p = proveAccess(snap, policies, "u-bg", caps);
    assert.equal(p.holds, false);
    assert.equal(p.dimensions.location, 2);
    assert.ok(p.blocked.length > 0 && p.blocked.every((b) => b.location.startsWith("anywhere else")));
    assert.ok(p.blocked.every((b) => !b.example.ipAddress?.startsWith("203.0.113.")));
    assert.equal(p.blockingPolicies[0]?.policyId, "b");
    assert.equal(p.classesBlocked + p.classesWayIn + p.classesMustRegister + p.classesLegacyOnly, p.classesTotal);
  });

  it("a phishing-resistant requirement fails legacy clients only because they cannot do MFA: not a lockout", () => {
    const { policies } = normalizePolicies([
      {
        id: "e",
        displayName: "Emergency PR",
        state: "enabled",
        conditions: { users: { includeGroups: ["g-emergency"] }, applications: { includeApplications: ["All"] } },
        grantControls: { operator: "OR", authenticationStrength: { id: "00000000-0000-0000-0000-000000000004" } },
      },
    ]);
    const ok = proveAccess(snap, policies, "u-bg", caps);
    assert.equal(ok.holds, true);
    assert.ok(ok.classesLegacyOnly > 0);
    const none = proveAccess(snap, policies, "u-bg", capabilitiesFromMethods(["microsoftAuthenticatorPush"]));
    assert.equal(none.holds, false);
    assert.equal(none.blockingPolicies[0]?.reason, "strengthNotSatisfiable");
  });
});

describe("deviceCandidates", () => {
  it("derives devices from the filter literals, plus unregistered", () => {
    const { policies } = normalizePolicies([
      {
        id: "d",
        displayName: "d",
        state: "enabled",
        conditions: {
          users: { includeUsers: ["All"] },
          applications: { includeApplications: ["All"] },
          devices: { deviceFilter: { mode: "exclude", rule: 'device.extensionAttribute1 -eq "SAW"' } },
        },
        grantControls: { operator: "OR", builtInControls: ["compliantDevice"] },
      },
    ]);
    const ds = deviceCandidates(policies);
    assert.equal(ds[0]?.value, null);
    assert.ok(ds.some((d) => d.value?.extensionAttribute1 === "SAW"));
    assert.ok(ds.some((d) => d.value && d.value.extensionAttribute1 !== "SAW"));
  });
});
