// Issue #3 target: Conditional Access evaluations per second on one core, for 20 and for 200 policies,
// over the sign-in contexts of the 100,000-user simulated tenant. Targets: >= 1,000,000/s at 20 policies,
// >= 150,000/s at 200. Policy sets: the simulator's own policies plus seeded synthetic ones over the
// tenant's real groups, roles, locations and apps (every condition type). Prints medians of RUNS passes.
// `GLIDEPATH_BENCH_USERS`, `GLIDEPATH_BENCH_CONTEXTS`, `GLIDEPATH_BENCH_RUNS` change the size.

import { generateTenant } from "../src/adapters/simulator/index.js";
import {
  compileEvaluator,
  contextFromSignIn,
  createEvaluator,
  normalizePolicies,
  type SignInContext,
} from "../src/core/engine/index.js";
import type { ConditionalAccessPolicy, TenantSnapshot } from "../src/core/model/index.js";
import { ADMIN_ROLE_TEMPLATE_IDS, APP, STRENGTH } from "../src/core/model/index.js";
import { fmt, machine, median } from "./lib.js";

const USERS = Number(process.env.GLIDEPATH_BENCH_USERS ?? 100_000);
const CONTEXTS = Number(process.env.GLIDEPATH_BENCH_CONTEXTS ?? 500_000);
const RUNS = Number(process.env.GLIDEPATH_BENCH_RUNS ?? 5);
const NOW = "2026-11-22T00:00:00Z";

/** mulberry32: a tiny seeded PRNG so the synthetic policy sets are the same on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` policies: the tenant's own, then synthetic ones in the shapes real tenants use. */
function policySet(s: TenantSnapshot, count: number, seed: number): ConditionalAccessPolicy[] {
  const r = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const groups = s.groups.map((g) => g.id);
  const locs = s.namedLocations.map((l) => l.id);
  const apps = [
    APP.exchangeOnline,
    APP.sharePointOnline,
    APP.teamsService,
    APP.azureServiceManagement,
    APP.microsoftGraph,
    "Office365",
    "MicrosoftAdminPortals",
  ];
  const out: ConditionalAccessPolicy[] = [...s.policies].slice(0, count);
  const shapes = [
    () => ({
      users: { includeUsers: ["All"], excludeGroups: [pick(groups)] },
      grant: { operator: "OR", builtInControls: ["mfa"] },
    }),
    () => ({
      users: { includeRoles: ADMIN_ROLE_TEMPLATE_IDS.slice(0, 8) },
      grant: { operator: "OR", authenticationStrength: { id: STRENGTH.phishingResistantMfa } },
    }),
    () => ({
      users: { includeUsers: ["All"] },
      clientAppTypes: ["exchangeActiveSync", "other"],
      grant: { operator: "OR", builtInControls: ["block"] },
    }),
    () => ({
      users: { includeGroups: [pick(groups), pick(groups)] },
      locations: { includeLocations: ["All"], excludeLocations: ["AllTrusted"] },
      grant: { operator: "OR", builtInControls: ["mfa"] },
    }),
    () => ({
      users: { includeUsers: ["All"] },
      platforms: { includePlatforms: ["android", "iOS"] },
      apps: [pick(apps)],
      grant: { operator: "OR", builtInControls: ["approvedApplication", "compliantApplication"] },
    }),
    () => ({
      users: { includeUsers: ["All"], excludeGroups: [pick(groups)] },
      platforms: { includePlatforms: ["windows", "macOS"] },
      grant: { operator: "OR", builtInControls: ["compliantDevice", "domainJoinedDevice"] },
    }),
    () => ({
      users: { includeUsers: ["All"] },
      signInRiskLevels: ["high"],
      grant: { operator: "OR", builtInControls: ["block"] },
    }),
    () => ({
      users: { includeUsers: ["GuestsOrExternalUsers"] },
      apps: [pick(apps)],
      grant: { operator: "OR", builtInControls: ["mfa"] },
    }),
    () => ({
      users: { includeUsers: ["All"] },
      devices: {
        deviceFilter: { mode: "exclude", rule: 'device.trustType -eq "ServerAD" -or device.isCompliant -eq True' },
      },
      grant: { operator: "OR", builtInControls: ["mfa"] },
    }),
    () => ({
      users: { includeUsers: ["All"] },
      locations: { includeLocations: [pick(locs) ?? "All"] },
      authenticationFlows: { transferMethods: "deviceCodeFlow" },
      grant: { operator: "OR", builtInControls: ["block"] },
    }),
  ];
  for (let i = out.length; i < count; i++) {
    const sh = pick(shapes)() as Record<string, unknown> & { users: unknown; grant: unknown; apps?: string[] };
    const { users, grant, apps: a, ...cond } = sh;
    out.push({
      id: `bench-${i}`,
      displayName: `bench ${i}`,
      state: r() < 0.2 ? "enabledForReportingButNotEnforced" : r() < 0.1 ? "disabled" : "enabled",
      conditions: {
        users,
        applications: { includeApplications: a ?? ["All"] },
        ...cond,
      } as ConditionalAccessPolicy["conditions"],
      grantControls: grant as ConditionalAccessPolicy["grantControls"],
    });
  }
  return out;
}

function main(): void {
  console.log(`Conditional Access engine benchmark on ${machine()}`);
  let t = performance.now();
  const tenant = generateTenant({ users: USERS, seed: "northwind", now: NOW });
  const contexts: SignInContext[] = [];
  for (const s of tenant.signIns()) {
    if (s.signInEventType !== "interactiveUser" && s.signInEventType !== "nonInteractiveUser") continue;
    contexts.push(contextFromSignIn(s));
    if (contexts.length >= CONTEXTS) break;
  }
  const distinctUsers = new Set(contexts.map((c) => c.user)).size;
  console.log(
    `tenant: ${fmt(USERS)} users; ${fmt(contexts.length)} sign-in contexts of ${fmt(distinctUsers)} distinct users (${fmt((performance.now() - t) / 1000, 1)} s to generate)`,
  );
  const results: Record<string, unknown>[] = [];
  for (const count of [20, 200]) {
    const { policies } = normalizePolicies(policySet(tenant.snapshot, count, 42 + count));
    t = performance.now();
    const fast = compileEvaluator(tenant.snapshot, policies, { now: NOW });
    let blocked = 0;
    for (const c of contexts) if (fast.decide(c).block) blocked++; // cold pass: fills the memo tables
    const coldMs = performance.now() - t;
    const rates: number[] = [];
    const cpuRates: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      let b = 0;
      for (const c of contexts) if (fast.decide(c).block) b++;
      const ms = performance.now() - t0;
      const cpu = process.cpuUsage(c0);
      if (b !== blocked) throw new Error("non-deterministic decision");
      rates.push(contexts.length / (ms / 1000));
      // CPU time of this process (all threads, GC helpers included): robust when other jobs share the cores.
      cpuRates.push(contexts.length / ((cpu.user + cpu.system) / 1e6));
    }
    // The reference evaluator on a sample, for the ratio.
    const ref = createEvaluator(tenant.snapshot, policies, { now: NOW });
    const sample = contexts.slice(0, Math.min(20_000, contexts.length));
    const t1 = performance.now();
    for (const c of sample) ref.evaluate(c);
    const refRate = sample.length / ((performance.now() - t1) / 1000);
    const fastRate = median(rates);
    const cpuRate = median(cpuRates);
    const peer = count === 20 ? 124_000 : 16_600;
    const target = count === 20 ? 1_000_000 : 150_000;
    const row = {
      policies: count,
      fastPerSecond: Math.round(fastRate),
      fastPerCpuSecond: Math.round(cpuRate),
      coldPassPerSecond: Math.round(contexts.length / (coldMs / 1000)),
      referencePerSecond: Math.round(refRate),
      vsPeer: Number((fastRate / peer).toFixed(1)),
      vsPeerCpu: Number((cpuRate / peer).toFixed(1)),
      target,
      // "On one core": judged on CPU time, which other jobs on a shared machine cannot inflate.
      meetsTarget: cpuRate >= target,
      blockedShare: Number((blocked / contexts.length).toFixed(4)),
    };
    results.push(row);
    console.log(
      `${count} policies: fast ${fmt(fastRate)} evals/s wall, ${fmt(cpuRate)} per CPU-second (median of ${RUNS}; cold first pass ${fmt(row.coldPassPerSecond)}/s), reference ${fmt(refRate)}/s, ${row.vsPeer}x the peer's ${fmt(peer)}/s, target ${fmt(target)}/s per core ${row.meetsTarget ? "met" : "MISSED"}`,
    );
  }
  console.log(JSON.stringify({ bench: "engine", users: USERS, contexts: contexts.length, results }));
}

main();
