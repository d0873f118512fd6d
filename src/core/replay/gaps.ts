// Coverage gaps: the condition classes in which members get no MFA requirement under the ENFORCED set
// (enabled policies only; an unknown condition counts as not applying: "is this user covered?",
// docs/design.md#rule-6), grouped by the policies that include the members, with the users in each group,
// and the successful sign-ins of the window that fell in a gap (the Validate phase's "successful sign-ins
// without MFA").

import { buildClassSpace } from "../engine/class-space.js";
import { type CoverageGap, coverageGap, demandsMfa, mfaMask } from "../engine/coverage-gap.js";
import { compileEvaluator, type NormalizedPolicy, normalizePolicies } from "../engine/index.js";
import { type AccessPattern, buildDirectoryIndex, type TenantSnapshot } from "../model/index.js";
import { patternContextBuilder, userPatternsInWindow } from "./simulate.js";

export interface GapGroup extends CoverageGap {
  /** Policies that include these members (enforced, demanding MFA or not). */
  readonly policies: readonly { readonly id: string; readonly displayName: string; readonly demandsMfa: boolean }[];
  readonly userCount: number;
  /** UPNs of the members in this group (up to `maxUsers`). */
  readonly users: readonly string[];
  /** Successful sign-ins of the window in an uncovered class, without MFA. */
  readonly observed: { readonly patterns: number; readonly signIns: number; readonly users: number };
}

export interface ObservedGapUser {
  readonly user: string;
  readonly signIns: number;
  readonly patterns: number;
  readonly examples: readonly {
    readonly application: string;
    readonly clientAppUsed: string;
    readonly country: string | null;
    readonly count: number;
  }[];
}

export interface GapsReport {
  readonly membersEvaluated: number;
  /** Members with at least one uncovered class. */
  readonly membersWithGaps: number;
  readonly membersFullyCovered: number;
  readonly groups: readonly GapGroup[];
  readonly observed: {
    readonly signInsWithoutMfa: number;
    readonly patterns: number;
    readonly users: readonly ObservedGapUser[];
  };
  /** `requestedDays`: the days asked for, when the workspace's log holds fewer (then `days` is what it holds). */
  readonly window: {
    readonly from: string;
    readonly to: string;
    readonly days: number;
    readonly requestedDays?: number;
  };
}

const DAY_MS = 86_400_000;

export function findGaps(
  snapshot: TenantSnapshot,
  opts: {
    readonly now: string;
    readonly days?: number;
    readonly policies?: readonly NormalizedPolicy[];
    readonly maxUsers?: number;
    /** Streamed access patterns (default the snapshot's); iterated once. */
    readonly patterns?: Iterable<AccessPattern>;
  },
): GapsReport {
  const policies = (opts.policies ?? normalizePolicies(snapshot.policies).policies).filter(
    (p) => p.state === "enabled",
  );
  const eopts = { now: opts.now, unknownApplies: "assumeNotApplies" as const, reportOnlyAsEnabled: false };
  const space = buildClassSpace(snapshot, policies, eopts);
  const index = buildDirectoryIndex(snapshot, opts.now);
  const maxUsers = opts.maxUsers ?? 1000;
  const members = snapshot.users.filter((u) => u.accountEnabled && u.userType === "Member");
  const groups = new Map<string, { identity: Uint32Array; ids: string[] }>();
  const groupOf = new Map<string, string>();
  for (const u of members) {
    const m = space.identityOf(u.id);
    const k = m.join(".");
    let g = groups.get(k);
    if (!g) groups.set(k, (g = { identity: m, ids: [] }));
    g.ids.push(u.id);
    groupOf.set(u.id, k);
  }
  // Observed: successful single-factor sign-ins whose context no enforced policy demands MFA for.
  const ev = compileEvaluator(snapshot, policies, eopts);
  const W = Math.max(1, Math.ceil(policies.length / 32));
  const cover = mfaMask(policies);
  const ctxOf = patternContextBuilder();
  const obsGroup = new Map<string, { patterns: number; signIns: number; users: Set<string> }>();
  const obsUser = new Map<
    string,
    {
      signIns: number;
      patterns: number;
      ex: Map<string, { application: string; clientAppUsed: string; country: string | null; count: number }>;
    }
  >();
  let obsSignIns = 0;
  let obsPatterns = 0;
  for (const p of userPatternsInWindow(snapshot, opts.now, opts.days ?? 30, opts.patterns)) {
    const gk = groupOf.get(p.userId);
    if (gk === undefined) continue;
    const single = p.successCount - p.mfaCount;
    if (single <= 0) continue;
    const d = ev.decide(ctxOf(p));
    let hit = 0;
    for (let w = 0; w < W; w++) hit |= (d.enforced[w] as number) & (cover[w] as number);
    if (hit !== 0 || d.block) continue;
    obsSignIns += single;
    obsPatterns++;
    let og = obsGroup.get(gk);
    if (!og) obsGroup.set(gk, (og = { patterns: 0, signIns: 0, users: new Set() }));
    og.patterns++;
    og.signIns += single;
    og.users.add(p.userId);
    let ou = obsUser.get(p.userId);
    if (!ou) obsUser.set(p.userId, (ou = { signIns: 0, patterns: 0, ex: new Map() }));
    ou.signIns += single;
    ou.patterns++;
    const app = p.appDisplayName ?? p.appId;
    const ek = `${app}|${p.clientAppUsed}|${p.countryOrRegion ?? ""}`;
    const e = ou.ex.get(ek);
    if (e) e.count += single;
    else if (ou.ex.size < 5)
      ou.ex.set(ek, { application: app, clientAppUsed: p.clientAppUsed, country: p.countryOrRegion, count: single });
  }
  const out: GapGroup[] = [];
  let withGaps = 0;
  for (const [k, g] of groups) {
    const gap = coverageGap(policies, space, g.identity);
    if (gap.classesUncovered > 0) withGaps += g.ids.length;
    const applying = policies.filter((_, i) => ((g.identity[i >>> 5] as number) & (1 << (i & 31))) !== 0);
    const og = obsGroup.get(k);
    out.push({
      ...gap,
      policies: applying.map((p) => ({ id: p.id, displayName: p.displayName, demandsMfa: demandsMfa(p) })),
      userCount: g.ids.length,
      users: g.ids.slice(0, maxUsers).map((id) => index.userById.get(id)?.userPrincipalName ?? id),
      observed: { patterns: og?.patterns ?? 0, signIns: og?.signIns ?? 0, users: og?.users.size ?? 0 },
    });
  }
  out.sort((a, b) => b.classesUncovered * b.userCount - a.classesUncovered * a.userCount);
  const users: ObservedGapUser[] = [...obsUser.entries()]
    .map(([id, u]) => ({
      user: index.userById.get(id)?.userPrincipalName ?? id,
      signIns: u.signIns,
      patterns: u.patterns,
      examples: [...u.ex.values()].sort((a, b) => b.count - a.count),
    }))
    .sort((a, b) => b.signIns - a.signIns || (a.user < b.user ? -1 : 1));
  return {
    membersEvaluated: members.length,
    membersWithGaps: withGaps,
    membersFullyCovered: members.length - withGaps,
    groups: out.filter((g) => g.classesUncovered > 0),
    observed: { signInsWithoutMfa: obsSignIns, patterns: obsPatterns, users: users.slice(0, maxUsers) },
    window: {
      from: new Date(Date.parse(opts.now) - (opts.days ?? 30) * DAY_MS).toISOString(),
      to: opts.now,
      days: opts.days ?? 30,
    },
  };
}
