// Blast radius: every access pattern of the window, evaluated under today's enforced policies and under the
// proposed set (report-only counted as switched on), folded into one outcome per user with the patterns
// that cause it and the remedy. Users without sign-ins are evaluated on the usual contexts (noHistory).
// Baseline = what is enforced today (enabled policies only), so "ready" means a NEW prompt.

import {
  type ClientAppType,
  clientAppTypeOf,
  isLegacyClient,
  type NormalizedPolicy,
  type PlatformOrUnknown,
  platformOf,
  type SignInContext,
  trustTypeOf,
  type UserOutcome,
} from "../engine/index.js";
import {
  type AccessPattern,
  APP,
  buildDirectoryIndex,
  type DirectoryIndex,
  type TenantSnapshot,
} from "../model/index.js";
import { buildCapabilityIndex, type CapabilityIndex } from "./capabilities.js";
import { createOracle, type Oracle, type OracleResult, USER_OUTCOME_RANK } from "./oracle.js";
import { emptyCounts, OUTCOME_RANK, OUTCOME_TEXT, type Outcome, remedyFor, worse } from "./outcomes.js";

export interface SimulateOptions {
  /** ISO time the window ends (the snapshot's capture time). */
  readonly now: string;
  /** Window length in days (default 30): patterns last seen before now - days are ignored. */
  readonly days?: number;
  readonly emergencyUserIds?: readonly string[];
  /** Groups that hold only emergency accounts: a policy including only these is the dedicated one. */
  readonly emergencyGroupIds?: readonly string[];
  readonly mfaTrustedIps?: readonly string[];
  /** Patterns listed per user (the worst first); default 10. */
  readonly maxPatternsPerUser?: number;
  /** Evaluate enabled users without sign-ins on the usual contexts (default true). */
  readonly includeNoHistory?: boolean;
  /** The access patterns to replay, streamed; default the snapshot's `accessPatterns`. Iterated once. */
  readonly patterns?: Iterable<AccessPattern>;
}

export interface PatternImpact {
  readonly application: string;
  readonly appId: string;
  readonly clientAppUsed: string;
  readonly platform: string;
  readonly operatingSystem: string | null;
  readonly location: string;
  readonly ipAddress: string | null;
  readonly country: string | null;
  readonly count: number;
  readonly successCount: number;
  readonly lastSeen: string | null;
  readonly outcome: Outcome;
  readonly policyIds: readonly string[];
  readonly remedy: string;
  /** Evaluated on a usual context, not a logged one. */
  readonly usual?: string;
  /** A policy was counted as applying only because a reference could not be resolved. */
  readonly assumed?: boolean;
}

export interface Reason {
  readonly outcome: Outcome;
  readonly text: string;
  readonly clientAppUsed?: string;
  readonly policyIds: readonly string[];
  readonly patterns: number;
  readonly signIns: number;
  readonly remedy: string;
}

export interface UserImpact {
  readonly userId: string;
  readonly user: string;
  readonly displayName: string;
  readonly outcome: Outcome;
  readonly noHistory: boolean;
  readonly isEmergency: boolean;
  readonly reasons: readonly Reason[];
  readonly patterns: readonly PatternImpact[];
  readonly patternsAffected: number;
  readonly signInsAffected: number;
}

export interface TopEntry {
  readonly name: string;
  readonly users: number;
  readonly signIns: number;
  readonly outcomes: Partial<Record<Outcome, number>>;
}

export interface SimulationSummary {
  readonly usersEvaluated: number;
  readonly usersWithHistory: number;
  readonly usersWithoutHistory: number;
  readonly patternsEvaluated: number;
  readonly signInsEvaluated: number;
  /** Users per outcome, all users (with and without history). */
  readonly outcomes: Record<Outcome, number>;
  /** The part of `outcomes` evaluated on usual contexts (no sign-ins in the window). */
  readonly noHistoryOutcomes: Record<Outcome, number>;
  readonly disabledUsersSkipped: number;
  readonly patternsAssumed: number;
  /** `requestedDays`: the days asked for, when the workspace's log holds fewer (then `days` is what it holds). */
  readonly window: {
    readonly from: string;
    readonly to: string;
    readonly days: number;
    readonly requestedDays?: number;
  };
}

export interface Simulation {
  readonly summary: SimulationSummary;
  readonly topApplications: readonly TopEntry[];
  readonly topClients: readonly TopEntry[];
  /** Affected users only (outcome other than unaffected), worst first. */
  readonly users: readonly UserImpact[];
}

const DAY_MS = 86_400_000;
/** Patterns kept per user for the "ready" outcome (a new prompt the person can satisfy). */
const READY_KEPT = 2;

interface PatternInput {
  readonly app: string;
  readonly appId: string;
  readonly clientAppUsed: string;
  readonly os: string | null;
  readonly ip: string | null;
  readonly country: string | null;
  readonly count: number;
  readonly successCount: number;
  readonly lastSeen: string | null;
  readonly usual?: string;
}

interface Hit {
  readonly p: PatternInput;
  readonly platform: string;
  readonly o: Outcome;
  readonly a: OracleResult;
  readonly assumed: boolean;
}

interface ReasonAcc {
  outcome: Outcome;
  clientAppUsed: string | null;
  a: OracleResult;
  ids: Set<string>;
  patterns: number;
  signIns: number;
}

interface Acc {
  outcome: Outcome;
  reasons: Map<string, ReasonAcc>;
  hits: Hit[];
  /** Applications and clients already counted for this user in the top tables. */
  apps: string[];
  clients: string[];
  patternsAffected: number;
  signInsAffected: number;
  noHistory: boolean;
}

/** contextFromAccessPattern with the string mappings memoised (hot path at 100,000 users). */
export function patternContextBuilder(): (p: AccessPattern) => SignInContext {
  const cats = new Map<string, ClientAppType>();
  const plats = new Map<string, PlatformOrUnknown>();
  const trusts = new Map<string, string | null>();
  return (p) => {
    let cat = cats.get(p.clientAppUsed);
    if (cat === undefined) cats.set(p.clientAppUsed, (cat = clientAppTypeOf(p.clientAppUsed)));
    const os = p.operatingSystem ?? "";
    let platform = plats.get(os);
    if (platform === undefined) plats.set(os, (platform = platformOf(os)));
    const tt = p.trustType ?? "";
    let trustType = trusts.get(tt);
    if (trustType === undefined) trusts.set(tt, (trustType = trustTypeOf(tt)));
    return {
      user: p.userId,
      application: p.resourceId || p.appId,
      clientAppType: cat,
      platform,
      ipAddress: p.ipAddress,
      country: p.countryOrRegion,
      device:
        !p.deviceId && !trustType
          ? null
          : {
              deviceId: p.deviceId ?? null,
              displayName: p.deviceDisplayName ?? null,
              operatingSystem: p.operatingSystem ?? null,
              isCompliant: p.isCompliant ?? null,
              trustType,
            },
    };
  };
}

/** The usual contexts a user without history is evaluated on. */
export function usualContexts(snapshot: TenantSnapshot, userId: string): { label: string; ctx: SignInContext }[] {
  const office = snapshot.namedLocations.find((l) => l.isTrusted && (l.ipRanges?.length ?? 0) > 0);
  const cidr = office?.ipRanges?.[0]?.cidrAddress;
  const ip = cidr ? firstAddress(cidr) : null;
  return [
    {
      label: `browser to Office 365 on Windows${office ? ` from ${office.displayName}` : ""}`,
      ctx: {
        user: userId,
        application: APP.exchangeOnline,
        clientAppType: "browser",
        platform: "windows",
        ipAddress: ip,
        country: null,
      },
    },
    {
      label: "Outlook / Teams mobile app on iOS from anywhere else",
      ctx: {
        user: userId,
        application: APP.exchangeOnline,
        clientAppType: "mobileAppsAndDesktopClients",
        platform: "iOS",
      },
    },
  ];
}

/** A usable address inside an IPv4 CIDR (network + 1), or the address itself. */
export function firstAddress(cidr: string): string {
  const [addr, bits] = cidr.split("/");
  if (!addr?.includes(".")) return addr ?? cidr;
  const parts = addr.split(".").map(Number);
  const n = (((parts[0] ?? 0) << 24) | ((parts[1] ?? 0) << 16) | ((parts[2] ?? 0) << 8) | (parts[3] ?? 0)) >>> 0;
  const b = Number(bits ?? 32);
  const v = b >= 31 ? n : (n + 1) >>> 0;
  return [v >>> 24, (v >>> 16) & 255, (v >>> 8) & 255, v & 255].join(".");
}

/** Is this policy the dedicated emergency one (includes only emergency accounts or their group)? */
export function isDedicatedEmergencyPolicy(
  p: NormalizedPolicy,
  emergencyIds: ReadonlySet<string>,
  groups: ReadonlySet<string>,
): boolean {
  const u = p.users;
  if (!u || u.includeAll || u.includeAllGuests || u.includeRoles.length > 0 || u.includeGuests) return false;
  if (u.includeGroups.length === 0 && u.includeUsers.length === 0) return false;
  return u.includeGroups.every((g) => groups.has(g.raw)) && u.includeUsers.every((x) => emergencyIds.has(x.raw));
}

export interface PatternVerdict {
  readonly outcome: Outcome;
  readonly after: OracleResult;
  readonly before: OracleResult;
}

/** Map before/after engine outcomes of one pattern to a blast-radius outcome. */
export function classifyPattern(
  before: OracleResult,
  after: OracleResult,
  ctx: SignInContext,
  emergency: boolean,
  dedicated: (id: string) => boolean,
): Outcome {
  if (USER_OUTCOME_RANK[after.outcome] <= USER_OUTCOME_RANK[before.outcome]) return "unaffected";
  let o: Outcome = mapOutcome(after, ctx);
  if (emergency && (o !== "ready" || after.policyIds.some((id) => !dedicated(id)))) o = "emergencyAffected";
  return o;
}

function mapOutcome(a: OracleResult, ctx: SignInContext): Outcome {
  switch (a.outcome as UserOutcome) {
    case "prompted":
      return "ready";
    case "mustRegister":
      return "mustRegister";
    case "blocked":
      if (isLegacyClient(ctx.clientAppType ?? "browser") || a.blockedReason === "legacyProtocol")
        return "blockedLegacy";
      switch (a.blockedReason) {
        case "blockControl":
          return "blockedByPolicy";
        case "strengthNotSatisfiable":
          return "blockedStrength";
        case "cannotRegister":
          return "cannotRegister";
        case "deviceNotCompliant":
        case "deviceNotJoined":
        case "appProtection":
          return "blockedDevice";
        default:
          return "blockedByPolicy";
      }
    default:
      return "unaffected";
  }
}

/** The shared per-tenant state of a replay: index, capabilities, both oracles. */
export interface ReplayContext {
  readonly index: DirectoryIndex;
  readonly caps: CapabilityIndex;
  readonly before: Oracle;
  readonly after: Oracle;
}

export function createReplayContext(
  snapshot: TenantSnapshot,
  current: readonly NormalizedPolicy[],
  proposed: readonly NormalizedPolicy[],
  opts: { now: string; mfaTrustedIps?: readonly string[] },
): ReplayContext {
  const index = buildDirectoryIndex(snapshot, opts.now);
  const base = {
    now: opts.now,
    unknownApplies: "assumeApplies" as const,
    ...(opts.mfaTrustedIps ? { mfaTrustedIps: opts.mfaTrustedIps } : {}),
  };
  return {
    index,
    caps: buildCapabilityIndex(snapshot, index),
    before: createOracle(snapshot, current, { ...base, reportOnlyAsEnabled: false }),
    after: createOracle(snapshot, proposed, { ...base, reportOnlyAsEnabled: true }),
  };
}

/**
 * Patterns of users (not workloads) inside the window: from `source` when given (a stream from the
 * workspace, so 100,000 users need not sit in memory), else the snapshot's.
 */
export function* userPatternsInWindow(
  snapshot: TenantSnapshot,
  now: string,
  days: number,
  source?: Iterable<AccessPattern>,
): Generator<AccessPattern> {
  const since = new Date(Date.parse(now) - days * DAY_MS).toISOString();
  for (const p of source ?? snapshot.accessPatterns) {
    if (
      (p.signInEventType === "interactiveUser" || p.signInEventType === "nonInteractiveUser") &&
      p.lastSeen >= since
    ) {
      yield p;
    }
  }
}

/** Simulate the proposed set against the window. Pure. */
export function simulate(
  snapshot: TenantSnapshot,
  current: readonly NormalizedPolicy[],
  proposed: readonly NormalizedPolicy[],
  opts: SimulateOptions,
): Simulation {
  const days = opts.days ?? 30;
  const rc = createReplayContext(snapshot, current, proposed, opts);
  const { index, caps, before, after } = rc;
  const emergency = new Set(opts.emergencyUserIds ?? []);
  const emergencyGroups = new Set(opts.emergencyGroupIds ?? []);
  const byId = new Map(proposed.map((p) => [p.id, p]));
  const dedicatedMemo = new Map<string, boolean>();
  const dedicated = (id: string) => {
    let d = dedicatedMemo.get(id);
    if (d === undefined) {
      const p = byId.get(id);
      d = p ? isDedicatedEmergencyPolicy(p, emergency, emergencyGroups) : false;
      dedicatedMemo.set(id, d);
    }
    return d;
  };
  const nameOf = (id: string) => byId.get(id)?.displayName ?? id;
  const maxP = opts.maxPatternsPerUser ?? 10;
  const accs = new Map<string, Acc>();
  const userOutcome = new Map<string, Outcome>();
  const reasonKeys = new Map<OracleResult, Partial<Record<Outcome, string>>>();
  const apps: Tally = new Map();
  const clients: Tally = new Map();
  let patternsEvaluated = 0;
  let signInsEvaluated = 0;
  let patternsAssumed = 0;
  const disabled = new Set<string>();

  // `src` is a logged pattern (its PatternInput is built only if the pattern is kept) or a usual context.
  const record = (userId: string, ctx: SignInContext, src: AccessPattern | PatternInput, noHistory: boolean) => {
    const logged = "signInEventType" in src;
    const count = src.count;
    const clientAppUsed = src.clientAppUsed;
    const appName = logged ? (src.appDisplayName ?? src.appId) : src.app;
    const capsKey = caps.keyOf(userId);
    const c = caps.of(userId);
    const a = after.outcome(ctx, c, capsKey);
    let o: Outcome = "unaffected";
    let assumed = false;
    if (a.outcome !== "allowed") {
      assumed = a.assumed;
      const b = before.outcome(ctx, c, capsKey);
      o = classifyPattern(b, a, ctx, emergency.has(userId), dedicated);
    }
    if (assumed) patternsAssumed++;
    const prev = userOutcome.get(userId);
    userOutcome.set(userId, prev ? worse(prev, o) : o);
    if (o === "unaffected") return;
    let acc = accs.get(userId);
    if (!acc) {
      acc = {
        outcome: o,
        reasons: new Map(),
        hits: [],
        apps: [],
        clients: [],
        patternsAffected: 0,
        signInsAffected: 0,
        noHistory,
      };
      accs.set(userId, acc);
    }
    acc.outcome = worse(acc.outcome, o);
    acc.patternsAffected++;
    acc.signInsAffected += count;
    const legacy =
      isLegacyClient(ctx.clientAppType ?? "browser") && (o === "blockedLegacy" || o === "emergencyAffected");
    let rkey: string;
    if (legacy) rkey = `${o}|${clientAppUsed}|${a.idsKey}`;
    else {
      // The key of a non-legacy reason depends only on (outcome, oracle result): cache it.
      let byO = reasonKeys.get(a);
      if (!byO) reasonKeys.set(a, (byO = {}));
      rkey = byO[o] ??= `${o}||${a.idsKey}`;
    }
    let reason = acc.reasons.get(rkey);
    if (!reason) {
      reason = {
        outcome: o,
        clientAppUsed: legacy ? clientAppUsed : null,
        a,
        ids: new Set(a.policyIds),
        patterns: 0,
        signIns: 0,
      };
      acc.reasons.set(rkey, reason);
    }
    reason.patterns++;
    reason.signIns += count;
    // "ready" patterns need no action: keep a few as evidence, not all (memory at 100,000 users).
    if (o !== "ready" || acc.hits.length < READY_KEPT) {
      acc.hits.push({ p: logged ? inputOf(src) : src, platform: ctx.platform ?? "unknown", o, a, assumed });
      if (acc.hits.length > maxP * 2) trimHits(acc.hits, maxP);
    }
    if (!noHistory) {
      tally(apps, appName, acc.apps, count, o);
      tally(clients, clientAppUsed, acc.clients, count, o);
    }
  };
  const remedyOf = (o: Outcome, clientAppUsed: string, a: OracleResult) => {
    const ids = o === "emergencyAffected" ? a.policyIds.filter((id) => !dedicated(id)) : a.policyIds;
    return remedyFor(o, clientAppUsed, ids.map(nameOf));
  };
  const ctxOf = patternContextBuilder();

  for (const p of userPatternsInWindow(snapshot, opts.now, days, opts.patterns)) {
    const u = index.userById.get(p.userId);
    if (u && !u.accountEnabled) {
      disabled.add(p.userId);
      continue;
    }
    patternsEvaluated++;
    signInsEvaluated += p.count;
    record(p.userId, ctxOf(p), p, false);
  }
  const withHistory = new Set(userOutcome.keys());
  const noHistory = new Set<string>();
  if (opts.includeNoHistory !== false) {
    for (const u of snapshot.users) {
      if (!u.accountEnabled || withHistory.has(u.id)) continue;
      noHistory.add(u.id);
      for (const { label, ctx } of usualContexts(snapshot, u.id)) {
        record(
          u.id,
          ctx,
          {
            app: "Office 365 Exchange Online",
            appId: ctx.application ?? "",
            clientAppUsed: ctx.clientAppType === "browser" ? "Browser" : "Mobile Apps and Desktop clients",
            os: ctx.platform === "windows" ? "Windows" : "iOS",
            ip: ctx.ipAddress ?? null,
            country: null,
            count: 0,
            successCount: 0,
            lastSeen: null,
            usual: label,
          },
          true,
        );
      }
    }
  }

  const outcomes = emptyCounts();
  const noHistoryOutcomes = emptyCounts();
  for (const [id, o] of userOutcome) {
    outcomes[o]++;
    if (noHistory.has(id)) noHistoryOutcomes[o]++;
  }
  const users: UserImpact[] = [];
  for (const [userId, acc] of accs) {
    const u = index.userById.get(userId);
    trimHits(acc.hits, maxP);
    users.push({
      userId,
      user: u?.userPrincipalName ?? userId,
      displayName: u?.displayName ?? userId,
      outcome: acc.outcome,
      noHistory: acc.noHistory,
      isEmergency: emergency.has(userId),
      reasons: [...acc.reasons.values()]
        .map((x) => ({
          outcome: x.outcome,
          text: OUTCOME_TEXT[x.outcome],
          ...(x.clientAppUsed ? { clientAppUsed: x.clientAppUsed } : {}),
          policyIds: [...x.ids],
          patterns: x.patterns,
          signIns: x.signIns,
          remedy: remedyOf(x.outcome, x.clientAppUsed ?? "", x.a),
        }))
        .sort((a, b) => OUTCOME_RANK[a.outcome] - OUTCOME_RANK[b.outcome] || b.signIns - a.signIns),
      patterns: acc.hits.map((h) => ({
        application: h.p.app,
        appId: h.p.appId,
        clientAppUsed: h.p.clientAppUsed,
        platform: h.platform,
        operatingSystem: h.p.os,
        location: h.p.country ? `${h.p.country}${h.p.ip ? ` (${h.p.ip})` : ""}` : (h.p.ip ?? "unknown"),
        ipAddress: h.p.ip,
        country: h.p.country,
        count: h.p.count,
        successCount: h.p.successCount,
        lastSeen: h.p.lastSeen,
        outcome: h.o,
        policyIds: h.a.policyIds,
        remedy: remedyOf(h.o, h.p.clientAppUsed, h.a),
        ...(h.p.usual ? { usual: h.p.usual } : {}),
        ...(h.assumed ? { assumed: true } : {}),
      })),
      patternsAffected: acc.patternsAffected,
      signInsAffected: acc.signInsAffected,
    });
  }
  users.sort(
    (a, b) =>
      OUTCOME_RANK[a.outcome] - OUTCOME_RANK[b.outcome] ||
      Number(a.noHistory) - Number(b.noHistory) ||
      b.signInsAffected - a.signInsAffected ||
      (a.user < b.user ? -1 : 1),
  );
  const top = (m: typeof apps): TopEntry[] =>
    [...m.entries()]
      .map(([name, e]) => ({ name, users: e.users, signIns: e.signIns, outcomes: e.outcomes }))
      .sort((a, b) => b.users - a.users || b.signIns - a.signIns)
      .slice(0, 10);
  const to = opts.now;
  return {
    summary: {
      usersEvaluated: userOutcome.size,
      usersWithHistory: withHistory.size,
      usersWithoutHistory: noHistory.size,
      patternsEvaluated,
      signInsEvaluated,
      outcomes,
      noHistoryOutcomes,
      disabledUsersSkipped: disabled.size,
      patternsAssumed,
      window: { from: new Date(Date.parse(to) - days * DAY_MS).toISOString(), to, days },
    },
    topApplications: top(apps),
    topClients: top(clients),
    users,
  };
}

function inputOf(p: AccessPattern): PatternInput {
  return {
    app: p.appDisplayName ?? p.appId,
    appId: p.resourceId || p.appId,
    clientAppUsed: p.clientAppUsed,
    os: p.operatingSystem,
    ip: p.ipAddress,
    country: p.countryOrRegion,
    count: p.count,
    successCount: p.successCount,
    lastSeen: p.lastSeen,
  };
}

/** Keep the `n` worst, most frequent patterns. */
function trimHits(ps: Hit[], n: number): void {
  ps.sort((a, b) => OUTCOME_RANK[a.o] - OUTCOME_RANK[b.o] || b.p.count - a.p.count);
  ps.length = Math.min(ps.length, n);
}

type Tally = Map<string, { users: number; signIns: number; outcomes: Partial<Record<Outcome, number>> }>;

function tally(m: Tally, k: string, seen: string[], n: number, o: Outcome): void {
  let e = m.get(k);
  if (!e) m.set(k, (e = { users: 0, signIns: 0, outcomes: {} }));
  // Distinct people per entry: each user's short list of entries already counted.
  if (!seen.includes(k)) {
    seen.push(k);
    e.users++;
  }
  e.signIns += n;
  e.outcomes[o] = (e.outcomes[o] ?? 0) + n;
}
