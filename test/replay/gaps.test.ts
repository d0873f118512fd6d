// glidepath gaps on the simulated tenant: today only Azure management demands MFA, so members are
// uncovered almost everywhere and their single-factor sign-ins are observed; with "require MFA for all
// users" enforced, every member but the excluded emergency accounts is fully covered.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { generateTenant } from "../../src/adapters/simulator/index.js";
import { normalizePolicies } from "../../src/core/engine/index.js";
import { aggregatePatterns } from "../../src/core/model/access-patterns.js";
import { findGaps } from "../../src/core/replay/gaps.js";
import { buildTemplate } from "../../src/core/rollout/templates.js";

const t = generateTenant({ users: 500, seed: "northwind", now: "2026-11-22T00:00:00Z" });
const snapshot = { ...t.snapshot, accessPatterns: aggregatePatterns(t.signIns()) };
const gt = t.groundTruth;

describe("gaps", () => {
  it("today: members have classes without MFA and single-factor sign-ins there", () => {
    const r = findGaps(snapshot, { now: gt.now });
    assert.ok(r.membersWithGaps > 0);
    assert.ok(r.observed.signInsWithoutMfa > 0);
    const big = r.groups[0];
    assert.ok(
      big?.policies.some((p) => p.id === gt.policies[1]?.id),
      "CA02 includes the members",
    );
    assert.ok((big?.classesUncovered ?? 0) > 0 && (big?.classesUncovered ?? 0) < (big?.classesTotal ?? 0));
  });

  it("with require-mfa-all-users enforced, only the excluded emergency accounts have gaps", () => {
    const tpl = buildTemplate("require-mfa-all-users", { excludeGroups: [gt.emergencyGroupId], state: "enabled" });
    assert.ok(tpl.ok);
    const policies = normalizePolicies([...snapshot.policies, tpl.policy]).policies;
    const r = findGaps(snapshot, { now: gt.now, policies });
    assert.equal(r.groups.length, 1);
    const emergencyUpns = gt.emergencyAccounts.map((e) => e.userPrincipalName).sort();
    assert.deepEqual([...(r.groups[0]?.users ?? [])].sort(), emergencyUpns);
    assert.equal(r.membersWithGaps, emergencyUpns.length);
  });
});
