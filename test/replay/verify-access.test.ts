// verify-access on the simulated tenant: a policy that blocks sign-ins from outside the office countries,
// without excluding the emergency group, makes the emergency proof fail and names the policy and the
// classes; with the exclusion it passes. Also: the dedicated phishing-resistant policy fails for the planted
// emergency account without a FIDO2 key, and --no-new-lockout names exactly the planted legacy users.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { generateTenant } from "../../src/adapters/simulator/index.js";
import { verifyAccessSnapshot } from "../../src/app/verify-access.js";
import { aggregatePatterns } from "../../src/core/model/access-patterns.js";
import { buildTemplate } from "../../src/core/rollout/templates.js";

const t = generateTenant({ users: 500, seed: "northwind", now: "2026-11-22T00:00:00Z" });
const snapshot = { ...t.snapshot, accessPatterns: aggregatePatterns(t.signIns()) };
const gt = t.groundTruth;
const uk = snapshot.namedLocations.find((l) => l["@odata.type"].includes("country"));
const blockAbroad = (excludeGroups: string[]) => ({
  displayName: "CA010 - Block sign-ins from outside UK and Europe",
  state: "enabled",
  conditions: {
    users: { includeUsers: ["All"], excludeGroups },
    applications: { includeApplications: ["All"] },
    clientAppTypes: ["all"],
    locations: { includeLocations: ["All"], excludeLocations: [uk?.id] },
  },
  grantControls: { operator: "OR", builtInControls: ["block"] },
});

describe("verify-access --accounts emergency", () => {
  it("fails when a country block does not exclude the emergency group, naming the policy and the classes", () => {
    const r = verifyAccessSnapshot(snapshot, [blockAbroad([])], { accounts: "emergency" });
    assert.equal(r.holds, false);
    assert.equal(r.proofs.length, 2);
    for (const p of r.proofs) {
      assert.equal(p.holds, false);
      assert.ok(p.classesBlocked > 0 && p.classesWayIn > 0);
      const b = p.blockingPolicies[0];
      assert.equal(b?.displayName, "CA010 - Block sign-ins from outside UK and Europe");
      assert.equal(b?.reason, "blockControl");
      assert.ok(
        b?.where.location.every((l) => l.startsWith("anywhere else")),
        JSON.stringify(b?.where.location),
      );
      assert.ok(p.blocked.every((c) => c.location.startsWith("anywhere else")));
    }
  });

  it("passes with the emergency group excluded", () => {
    const r = verifyAccessSnapshot(snapshot, [blockAbroad([gt.emergencyGroupId])], { accounts: "emergency" });
    assert.equal(r.holds, true);
    for (const p of r.proofs) assert.equal(p.classesBlocked, 0);
  });

  it("the dedicated phishing-resistant policy fails exactly for the emergency account without a FIDO2 key", () => {
    const tpl = buildTemplate("emergency-phishing-resistant", { includeGroups: [gt.emergencyGroupId] });
    assert.ok(tpl.ok);
    const r = verifyAccessSnapshot(snapshot, [tpl.policy], { accounts: "emergency" });
    for (const e of gt.emergencyAccounts) {
      const p = r.proofs.find((x) => x.userId === e.userId);
      assert.equal(p?.holds, e.hasPhishingResistantMethod, e.userPrincipalName);
      if (!e.hasPhishingResistantMethod) assert.equal(p?.blockingPolicies[0]?.reason, "strengthNotSatisfiable");
      // Legacy protocols cannot do MFA: expected, never a failure on their own.
      if (e.hasPhishingResistantMethod) assert.ok((p?.classesLegacyOnly ?? 0) > 0);
    }
  });

  it("--no-new-lockout: require MFA for all users newly blocks exactly the legacy dependencies", () => {
    const tpl = buildTemplate("require-mfa-all-users", { excludeGroups: [gt.emergencyGroupId] });
    assert.ok(tpl.ok);
    const r = verifyAccessSnapshot(snapshot, [tpl.policy], { accounts: "emergency", noNewLockout: true });
    assert.ok(r.noNewLockout);
    assert.deepEqual(r.noNewLockout.violations.map((v) => v.userId).sort(), [...gt.legacyUserIds].sort());
    assert.equal(r.holds, false);
    const upns = gt.legacyDependencies.map((d) => d.userPrincipalName);
    const ok = verifyAccessSnapshot(snapshot, [tpl.policy], {
      accounts: "emergency",
      noNewLockout: true,
      except: upns,
    });
    assert.equal(ok.noNewLockout?.holds, true);
    assert.equal(ok.noNewLockout?.excepted.length, gt.legacyUserIds.length);
    assert.equal(ok.holds, true);
  });
});
