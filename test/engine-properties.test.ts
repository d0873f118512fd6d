// Property tests of the Conditional Access engine: the general laws (docs/design.md#rule-7) and agreement of the
// compiled fast path with the reference evaluator on 100,000 random (policy set, sign-in) pairs per run.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import "./fast-check-seed.js";
import {
  compileEvaluator,
  createEvaluator,
  type Decision,
  type EvaluatorOptions,
  normalizePolicies,
  type SignInContext,
} from "../src/core/engine/index.js";
import { contextArb, policySetArb, propertyTenant } from "./engine-arbitraries.js";

const SNAP = propertyTenant();

function view(d: Decision) {
  return {
    policies: d.policies.map((p) => `${p.id}:${p.result}:${p.condition}:${p.countedAsApplied}:${p.enforced}`).sort(),
    block: d.block,
    controls: [...d.controls].sort(),
    requirements: d.requirements.map((r) => `${r.policyId}:${r.operator}:${r.controls.join("+")}`).sort(),
    reportOnlyApplied: [...d.reportOnlyApplied].sort(),
    strengths: [...d.authenticationStrengths],
    session: d.session,
  };
}

function enforcedView(d: Decision) {
  return {
    block: d.block,
    controls: [...d.controls].sort(),
    requirements: d.requirements.map((r) => r.policyId).sort(),
  };
}

const evaluate = (raw: readonly unknown[], ctx: SignInContext, opts: EvaluatorOptions = {}) =>
  createEvaluator(SNAP, normalizePolicies(raw).policies, opts).evaluate(ctx);

const optsArb = fc.record({
  unknownApplies: fc.constantFrom("assumeApplies" as const, "assumeNotApplies" as const),
  reportOnlyAsEnabled: fc.boolean(),
});

describe("engine properties", () => {
  it("an exclusion beats an inclusion: excluding the signing-in user removes every policy", () => {
    fc.assert(
      fc.property(policySetArb, contextArb, (raw, ctx) => {
        fc.pre(typeof ctx.user === "string");
        const excluded = raw.map((p) => {
          const c = p.conditions as { users: { excludeUsers: string[] } };
          return {
            ...p,
            conditions: { ...c, users: { ...c.users, excludeUsers: [...c.users.excludeUsers, ctx.user as string] } },
          };
        });
        const d = evaluate(excluded, ctx);
        for (const r of d.policies) assert.equal(r.result, "notApplied", `${r.id}: ${r.reason}`);
        assert.equal(d.block, false);
        assert.deepEqual(d.controls, []);
      }),
      { numRuns: 500 },
    );
  });

  it("policy order never matters", () => {
    fc.assert(
      fc.property(
        policySetArb.chain((raw) =>
          fc.tuple(fc.constant(raw), fc.shuffledSubarray(raw, { minLength: raw.length, maxLength: raw.length })),
        ),
        contextArb,
        optsArb,
        ([raw, shuffled], ctx, opts) => {
          assert.deepEqual(view(evaluate(shuffled, ctx, opts)), view(evaluate(raw, ctx, opts)));
        },
      ),
      { numRuns: 500 },
    );
  });

  it("report-only policies never change the enforced decision", () => {
    fc.assert(
      fc.property(policySetArb, policySetArb, contextArb, (raw, extra, ctx) => {
        const reportOnly = extra.map((p, i) => ({ ...p, id: `ro${i}`, state: "enabledForReportingButNotEnforced" }));
        const base = evaluate(raw, ctx);
        const withRo = evaluate([...raw, ...reportOnly], ctx);
        assert.deepEqual(enforcedView(withRo), enforcedView(base));
      }),
      { numRuns: 500 },
    );
  });

  it("adding an exclusion never adds a requirement", () => {
    const exclusionArb = fc.oneof(
      fc.constant({ kind: "excludeUsers", value: "u-u0" }),
      fc.constant({ kind: "excludeUsers", value: "GuestsOrExternalUsers" }),
      fc.constant({ kind: "excludeGroups", value: "g-ga" }),
      fc.constant({ kind: "excludeGroups", value: "<Unresolved>" }),
      fc.constant({ kind: "excludeRoles", value: "62e90394-69f5-4237-9190-012177145e10" }),
      fc.constant({ kind: "excludeApplications", value: "00000002-0000-0ff1-ce00-000000000000" }),
      fc.constant({ kind: "excludeLocations", value: "loc-hq" }),
      fc.constant({ kind: "excludePlatforms", value: "windows" }),
    );
    fc.assert(
      fc.property(policySetArb, contextArb, exclusionArb, fc.nat(), optsArb, (raw, ctx, ex, pick, opts) => {
        const i = pick % raw.length;
        const p = raw[i] as { conditions: Record<string, Record<string, unknown> | undefined> };
        const c = { ...p.conditions };
        const section =
          ex.kind === "excludeApplications"
            ? "applications"
            : ex.kind === "excludeLocations"
              ? "locations"
              : ex.kind === "excludePlatforms"
                ? "platforms"
                : "users";
        const cur = { ...(c[section] ?? {}) } as Record<string, unknown>;
        if (section === "locations" && !c.locations) cur.includeLocations = ["All"];
        if (section === "platforms" && !c.platforms) cur.includePlatforms = ["all"];
        cur[ex.kind] = [...((cur[ex.kind] as string[] | undefined) ?? []), ex.value];
        c[section] = cur;
        const changed = raw.map((q, j) => (j === i ? { ...q, conditions: c } : q));
        const before = evaluate(raw, ctx, opts);
        const after = evaluate(changed, ctx, opts);
        if (after.block) assert.ok(before.block, "exclusion introduced a block");
        const beforeReq = new Set(before.requirements.map((r) => r.policyId));
        for (const r of after.requirements) assert.ok(beforeReq.has(r.policyId), `exclusion added ${r.policyId}`);
        const beforeControls = new Set(before.controls);
        if (!after.block && !before.block)
          for (const x of after.controls) assert.ok(beforeControls.has(x), `exclusion added ${x}`);
      }),
      { numRuns: 500 },
    );
  });

  it("the compiled fast path equals the reference on 100,000 random policy sets x sign-ins", () => {
    let compared = 0;
    fc.assert(
      fc.property(policySetArb, fc.array(contextArb, { minLength: 50, maxLength: 50 }), optsArb, (raw, ctxs, opts) => {
        const { policies } = normalizePolicies(raw);
        const ref = createEvaluator(SNAP, policies, opts);
        const fast = compileEvaluator(SNAP, policies, opts);
        for (const ctx of ctxs) {
          const r = ref.evaluate(ctx);
          const f = fast.evaluate(ctx);
          assert.deepEqual(view(f), view(r));
          assert.deepEqual(
            f.policies.map((p) => p.reason),
            r.policies.map((p) => p.reason),
          );
          const d = fast.decide(ctx);
          assert.equal(d.block, r.block);
          let enforced = 0;
          for (const w of d.enforced) enforced += popcount(w);
          assert.equal(enforced, r.enforcedPolicyIds.length);
          compared++;
        }
      }),
      { numRuns: 2000 },
    );
    assert.equal(compared, 100_000);
  });
});

function popcount(x: number): number {
  let n = 0;
  for (let v = x >>> 0; v; v &= v - 1) n++;
  return n;
}
