// Blast radius against the simulator's ground truth: simulating "require MFA for all users, excluding the
// emergency group" names exactly the planted legacy dependencies as blockedLegacy, exactly the unregistered
// people who sign in as mustRegister, and nobody else as blocked.
// Counting rule for users with no sign-ins in the window: they are evaluated on the usual contexts and
// marked noHistory; the exact sets below are over users WITH history (noHistory users are checked apart).

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { generateTenant } from "../../src/adapters/simulator/index.js";
import { simulateSnapshot } from "../../src/app/simulate.js";
import { aggregatePatterns } from "../../src/core/model/access-patterns.js";
import { BLOCKED_OUTCOMES } from "../../src/core/replay/outcomes.js";
import { buildTemplate } from "../../src/core/rollout/templates.js";

const sorted = (xs: Iterable<string>) => [...xs].sort();

for (const users of [500, 2000]) {
  describe(`simulate require-mfa-all-users on the simulated tenant (${users} users)`, () => {
    const t = generateTenant({ users, seed: "northwind", now: "2026-11-22T00:00:00Z" });
    const snapshot = { ...t.snapshot, accessPatterns: aggregatePatterns(t.signIns()) };
    const gt = t.groundTruth;
    const tpl = buildTemplate("require-mfa-all-users", { excludeGroups: [gt.emergencyGroupId] });
    assert.ok(tpl.ok);
    const r = simulateSnapshot(snapshot, [tpl.policy]);
    const withHistory = r.users.filter((u) => !u.noHistory);
    const having = (o: string) => new Set(withHistory.filter((u) => u.outcome === o).map((u) => u.userId));
    const signsIn = new Set(snapshot.accessPatterns.map((p) => p.userId));
    const registered = new Map(snapshot.registrations.map((r) => [r.id, r.isMfaRegistered]));
    const emergency = new Set(gt.emergencyAccountIds);
    const legacy = new Set(gt.legacyUserIds);

    it("finds the planted emergency accounts and their group", () => {
      assert.deepEqual(sorted(r.emergency.userIds), sorted(gt.emergencyAccountIds));
      assert.equal(r.emergency.groupId, gt.emergencyGroupId);
    });

    it("blockedLegacy = exactly the planted legacy dependencies", () => {
      assert.deepEqual(sorted(having("blockedLegacy")), sorted(legacy));
      for (const d of gt.legacyDependencies) {
        const u = withHistory.find((x) => x.userId === d.userId);
        assert.ok(
          u?.reasons.some((x) => x.outcome === "blockedLegacy" && x.clientAppUsed === d.clientAppUsed),
          d.userPrincipalName,
        );
      }
    });

    it("mustRegister = exactly the unregistered people who sign in (members from the ground truth, plus guests)", () => {
      const unregisteredGuests = gt.guestUserIds.filter((g) => signsIn.has(g) && registered.get(g) !== true);
      const expected = new Set(
        [...gt.unregisteredActiveMemberIds, ...unregisteredGuests].filter(
          (id) => !emergency.has(id) && !legacy.has(id),
        ),
      );
      assert.deepEqual(sorted(having("mustRegister")), sorted(expected));
      // Unregistered legacy users who also use modern clients keep mustRegister among their reasons.
      const modern = new Set(
        snapshot.accessPatterns
          .filter((p) => /^(browser|mobile apps and desktop clients)$/i.test(p.clientAppUsed))
          .map((p) => p.userId),
      );
      for (const id of gt.unregisteredActiveMemberIds.filter((x) => legacy.has(x) && modern.has(x))) {
        assert.ok(
          withHistory.find((u) => u.userId === id)?.reasons.some((x) => x.outcome === "mustRegister"),
          id,
        );
      }
    });

    it("blocks nobody else, and leaves the excluded emergency accounts unaffected", () => {
      const blocked = withHistory.filter((u) => BLOCKED_OUTCOMES.has(u.outcome) || u.outcome === "emergencyAffected");
      assert.deepEqual(sorted(blocked.map((u) => u.userId)), sorted(legacy));
      assert.equal(r.summary.outcomes.emergencyAffected, 0);
      for (const id of emergency) assert.ok(!r.users.some((u) => u.userId === id), "emergency account listed");
    });

    it("evaluates people without sign-ins on the usual contexts, marked noHistory, never blocked", () => {
      const nh = r.users.filter((u) => u.noHistory);
      assert.ok(nh.length > 0);
      for (const u of nh) {
        assert.ok(!signsIn.has(u.userId));
        assert.ok(u.outcome === "mustRegister" || u.outcome === "ready", `${u.user} ${u.outcome}`);
        assert.ok(u.patterns.every((p) => p.usual));
      }
      assert.equal(
        r.summary.usersWithoutHistory,
        Object.values(r.summary.noHistoryOutcomes).reduce((a, b) => a + b, 0),
      );
    });

    it("summary counts add up and lists the top applications and clients", () => {
      const total = Object.values(r.summary.outcomes).reduce((a, b) => a + b, 0);
      assert.equal(total, r.summary.usersEvaluated);
      assert.ok(r.topClients.some((c) => c.name === "Authenticated SMTP" && (c.outcomes.blockedLegacy ?? 0) > 0));
    });
  });
}
