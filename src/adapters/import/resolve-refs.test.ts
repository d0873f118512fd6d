// Hand-written policies name users, groups, roles, apps and locations by name or UPN; the importer
// resolves them against the directory and reports what it cannot resolve.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { tenant } from "../../../test/builders/tenant.js";
import { resolvePolicyReferences } from "./resolve-refs.js";

describe("resolvePolicyReferences", () => {
  const t = tenant()
    .user("alice")
    .user("bob", { displayName: "Bob Builder" })
    .user("bob2", { displayName: "Bob Builder" })
    .group("Finance", ["alice"])
    .location({ "@odata.type": "#microsoft.graph.ipNamedLocation", id: "loc-1", displayName: "HQ", ipRanges: [] })
    .build();

  it("resolves UPNs, unique display names, role names and locations; keeps keywords and ids", () => {
    const r = resolvePolicyReferences(
      [
        {
          displayName: "Hand-written",
          conditions: {
            users: {
              includeUsers: ["All"],
              excludeUsers: ["ALICE@test.example", "Bob Builder", "nobody@test.example", "<BreakGlass>"],
              includeGroups: ["finance"],
              includeRoles: ["Global Administrator"],
            },
            applications: { includeApplications: ["Office365"] },
            locations: { includeLocations: ["All"], excludeLocations: ["HQ"] },
          },
        },
      ],
      { users: t.users, groups: t.groups, namedLocations: t.namedLocations },
    );
    const u = r.policies[0]?.conditions?.users;
    assert.deepEqual(u?.includeUsers, ["All"]);
    assert.deepEqual(u?.excludeUsers, ["u-alice", "Bob Builder", "nobody@test.example", "<BreakGlass>"]);
    assert.deepEqual(u?.includeGroups, ["g-Finance"]);
    assert.deepEqual(u?.includeRoles, ["62e90394-69f5-4237-9190-012177145e10"]);
    assert.deepEqual(r.policies[0]?.conditions?.locations?.excludeLocations, ["loc-1"]);
    assert.equal(r.resolved, 4);
    assert.deepEqual(
      r.unresolved.map((x) => [x.value, /ambiguous|no object|placeholder/.exec(x.reason)?.[0]]),
      [
        ["Bob Builder", "ambiguous"],
        ["nobody@test.example", "no object"],
        ["<BreakGlass>", "placeholder"],
      ],
    );
  });

  it("reports references into a directory that is not in the workspace", () => {
    const r = resolvePolicyReferences(
      [{ displayName: "p", conditions: { users: { includeGroups: ["Finance"] } } }],
      {},
    );
    assert.equal(r.unresolved[0]?.reason, "the groups of the directory are not in the workspace");
  });
});
