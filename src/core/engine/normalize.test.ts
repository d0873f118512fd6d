import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { tenant } from "../../../test/builders/tenant.js";
import { createEvaluator } from "./evaluate.js";
import { normalizePolicies } from "./normalize.js";

describe("normalizePolicies on bad input", () => {
  it("never throws, and names the policy and the field", () => {
    const garbage: unknown[] = [
      null,
      42,
      [],
      {},
      {
        id: "x1",
        displayName: "bad types",
        state: 7,
        conditions: { users: "All", applications: { includeApplications: 5 } },
      },
      {
        id: "x2",
        displayName: "bad filter",
        conditions: {
          users: { includeUsers: ["All"] },
          applications: { includeApplications: ["All"] },
          devices: { deviceFilter: { mode: "sideways", rule: "device.trustType -eq (" } },
        },
      },
      {
        id: "x3",
        displayName: "bad enum",
        conditions: {
          users: { includeUsers: ["All"] },
          applications: { includeApplications: ["All"] },
          platforms: { includePlatforms: ["amiga"] },
        },
        grantControls: { operator: "XOR", builtInControls: [null, "mfa"] },
      },
    ];
    const { policies, diagnostics } = normalizePolicies(garbage);
    assert.deepEqual(
      policies.map((p) => p.id),
      ["x1", "x2", "x3"],
    );
    const at = (id: string, path: string) => diagnostics.find((d) => d.policyId === id && d.path === path);
    assert.ok(at("x2", "conditions.devices.deviceFilter.rule"), "malformed filter names its field");
    assert.ok(at("x2", "conditions.devices.deviceFilter.mode"), "bad filter mode names its field");
    assert.ok(at("x3", "conditions.platforms.includePlatforms[0]"), "unknown platform names its element");
    assert.ok(at("x3", "grantControls.operator"));
    assert.ok(at("x1", "conditions.users"), "users given as a string");
    assert.equal(diagnostics.filter((d) => d.code === "policy.not-an-object").length, 3);
    // And evaluation of what survived does not throw either.
    const d = createEvaluator(tenant().user("a").build(), policies).evaluate({
      user: "u-a",
      device: { trustType: "AzureAD" },
    });
    assert.equal(d.policies.length, 3);
  });
});
