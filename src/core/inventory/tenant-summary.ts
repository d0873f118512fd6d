// What a workspace holds, in numbers: the summary `glidepath tenant` and `glidepath demo` print.
// Pure: the snapshot in, a plain object out.

import type { User } from "../model/directory.js";
import { buildDirectoryIndex } from "../model/directory-index.js";
import type { AccessPattern } from "../model/sign-in.js";
import type { TenantSnapshot } from "../model/snapshot.js";
import { ADMIN_ROLE_TEMPLATE_IDS } from "../model/well-known.js";

/** Days without a sign-in after which an account counts as inactive. */
export const ACTIVE_DAYS = 30;

export interface TenantSummary {
  readonly tenantId: string;
  readonly tenantDisplayName: string;
  readonly source: string;
  readonly capturedAt: string;
  readonly users: number;
  readonly members: number;
  readonly guests: number;
  readonly enabledUsers: number;
  readonly disabledUsers: number;
  /** Enabled members who signed in within ACTIVE_DAYS of the capture. */
  readonly activeMembers: number;
  readonly groups: number;
  readonly dynamicGroups: number;
  readonly admins: number;
  readonly policies: number;
  readonly policiesByState: { readonly enabled: number; readonly reportOnly: number; readonly disabled: number };
  readonly namedLocations: number;
  readonly securityDefaultsEnabled: boolean | null;
  readonly signIns: number;
  readonly signInWindow: { readonly from: string; readonly to: string } | null;
  readonly accessPatterns: number;
  /** Registered (isMfaRegistered) share of enabled, active members; null without registration data. */
  readonly registrationRate: number | null;
  readonly registeredActiveMembers: number | null;
  /** Collections that were never captured: numbers about them are unknown, not zero. */
  readonly missing: readonly string[];
}

const DAY_MS = 86_400_000;

/** The latest sign-in time Graph's signInActivity reports for a user, if any. */
export function lastSignInOf(u: User): string | null {
  const a = u.signInActivity;
  if (!a) return null;
  const times = [a.lastSignInDateTime, a.lastNonInteractiveSignInDateTime].filter((t): t is string => !!t);
  return times.length === 0 ? null : times.sort()[times.length - 1]!;
}

/**
 * What the summary needs from the access patterns: how many there are, and each user's latest pattern
 * with a success. Built while streaming patterns, so a 100,000-user workspace never loads them all.
 */
export interface PatternActivity {
  readonly count: number;
  /** userId -> lastSeen of the user's most recent pattern that has a successful sign-in. */
  readonly lastSuccess: ReadonlyMap<string, string>;
}

/** Fold patterns (an array or a stream) into PatternActivity. */
export function patternActivity(patterns: Iterable<AccessPattern>): PatternActivity {
  const lastSuccess = new Map<string, string>();
  let count = 0;
  for (const p of patterns) {
    count++;
    if (p.successCount === 0) continue;
    const old = lastSuccess.get(p.userId);
    if (old === undefined || p.lastSeen > old) lastSuccess.set(p.userId, p.lastSeen);
  }
  return { count, lastSuccess };
}

/**
 * Ids of enabled members active at `now`: a sign-in within ACTIVE_DAYS by signInActivity or by the
 * sign-in log (imports may carry one without the other).
 */
export function activeMemberIds(
  snapshot: TenantSnapshot,
  now: string,
  activity: PatternActivity = patternActivity(snapshot.accessPatterns),
): Set<string> {
  const cutoff = new Date(Date.parse(now) - ACTIVE_DAYS * DAY_MS).toISOString();
  const seen = new Set<string>();
  for (const [userId, last] of activity.lastSuccess) if (last >= cutoff) seen.add(userId);
  const out = new Set<string>();
  for (const u of snapshot.users) {
    if (u.userType !== "Member" || !u.accountEnabled) continue;
    const last = lastSignInOf(u);
    if ((last !== null && last >= cutoff) || seen.has(u.id)) out.add(u.id);
  }
  return out;
}

/**
 * Summarise a snapshot. `activity` replaces the snapshot's access patterns when they were streamed
 * rather than loaded (see PatternActivity).
 */
export function summarizeTenant(snapshot: TenantSnapshot, activity?: PatternActivity): TenantSummary {
  const now = snapshot.meta.capturedAt;
  const present = new Set(snapshot.meta.present);
  const ix = buildDirectoryIndex(snapshot, now);
  const members = snapshot.users.filter((u) => u.userType === "Member").length;
  const enabled = snapshot.users.filter((u) => u.accountEnabled).length;
  const acts = activity ?? patternActivity(snapshot.accessPatterns);
  const active = activeMemberIds(snapshot, now, acts);
  let registered: number | null = null;
  if (present.has("registrations")) {
    const reg = new Set(snapshot.registrations.filter((r) => r.isMfaRegistered).map((r) => r.id));
    registered = [...active].filter((id) => reg.has(id)).length;
  }
  const state = (s: string) => snapshot.policies.filter((p) => (p.state ?? "").toString() === s).length;
  const adminSet = new Set(ADMIN_ROLE_TEMPLATE_IDS);
  const admins = snapshot.users.filter((u) => [...ix.activeRolesOf(u.id)].some((r) => adminSet.has(r))).length;
  return {
    tenantId: snapshot.meta.tenantId,
    tenantDisplayName: snapshot.meta.tenantDisplayName,
    source: snapshot.meta.source,
    capturedAt: now,
    users: snapshot.users.length,
    members,
    guests: snapshot.users.length - members,
    enabledUsers: enabled,
    disabledUsers: snapshot.users.length - enabled,
    activeMembers: active.size,
    groups: snapshot.groups.length,
    dynamicGroups: snapshot.groups.filter((g) => g.groupTypes?.includes("DynamicMembership")).length,
    admins,
    policies: snapshot.policies.length,
    policiesByState: {
      enabled: state("enabled"),
      reportOnly: state("enabledForReportingButNotEnforced"),
      disabled: state("disabled"),
    },
    namedLocations: snapshot.namedLocations.length,
    securityDefaultsEnabled: snapshot.securityDefaults ? snapshot.securityDefaults.isEnabled : null,
    signIns: snapshot.meta.signInCount ?? snapshot.signIns.length,
    signInWindow: snapshot.meta.signInWindow ?? null,
    accessPatterns: acts.count,
    registrationRate: registered === null || active.size === 0 ? null : registered / active.size,
    registeredActiveMembers: registered,
    missing: ["users", "groups", "policies", "namedLocations", "registrations", "signIns", "securityDefaults"].filter(
      (c) => !present.has(c as never),
    ),
  };
}
