// Facts several checks share, derived once per assessment from snapshot + config + now and memoised:
// activity per user, method profiles, exception candidates (detected and confirmed), emergency accounts,
// who is in the roll-out scope. Pure; built by createAssessmentContext.

import { foldActivity, type UserActivity } from "../../exclusions/activity.js";
import { type CandidateType, detectExceptionCandidates, type ExceptionCandidate } from "../../exclusions/candidates.js";
import { type EmergencyAccounts, resolveEmergencyAccounts } from "../../exclusions/emergency.js";
import { ACTIVE_DAYS, lastSignInOf } from "../../inventory/tenant-summary.js";
import { aggregatePatterns } from "../../model/access-patterns.js";
import type { DirectoryIndex } from "../../model/directory-index.js";
import type { UserAuthenticationMethod, UserRegistrationDetails } from "../../model/registration.js";
import type { AccessPattern } from "../../model/sign-in.js";
import type { CollectionName, TenantSnapshot } from "../../model/snapshot.js";
import { ADMIN_ROLE_TEMPLATE_IDS } from "../../model/well-known.js";
import type { AssessmentConfig } from "../types.js";
import { type MethodProfile, methodProfile } from "./methods.js";
import { buildPolicyView, type PolicyView } from "./policies.js";

/** Types that take an account out of the registration scope (people without a smartphone stay in). */
export const OUT_OF_SCOPE_TYPES: ReadonlySet<CandidateType | "emergency"> = new Set([
  "emergency",
  "sharedMailbox",
  "room",
  "serviceAccount",
  "syncAccount",
  "guest",
]);

export interface AssessmentFacts {
  has(c: CollectionName): boolean;
  /** Sign-in data of any kind: sign-in logs or per-user signInActivity. */
  readonly hasSignInData: boolean;
  /** Sign-in logs were captured (raw sign-ins and/or their aggregate). */
  readonly hasSignInLog: boolean;
  /**
   * The access patterns of the window: the snapshot's aggregate, or — when only raw sign-ins were
   * captured — the aggregate of those.
   */
  readonly patterns: readonly AccessPattern[];
  readonly activity: ReadonlyMap<string, UserActivity>;
  /** Latest sign-in (signInActivity or a successful access pattern), or null. */
  lastSignIn(userId: string): string | null;
  /** Enabled members who signed in within 30 days. */
  readonly activeMembers: ReadonlySet<string>;
  registration(userId: string): UserRegistrationDetails | undefined;
  methods(userId: string): MethodProfile;
  /** Every candidate: confirmed classifications first, then detections for unclassified users (all confidences). */
  readonly candidates: readonly ExceptionCandidate[];
  /** The candidate that decides a user's type, if any (confirmed, or detected with medium/high confidence). */
  exceptionOf(userId: string): ExceptionCandidate | undefined;
  readonly emergency: EmergencyAccounts;
  /** Why the user is outside the registration scope, or null when in scope. */
  outOfScope(userId: string): string | null;
  /** Users holding an active tenant-wide admin role (ADMIN_ROLE_TEMPLATE_IDS). */
  readonly activeAdmins: readonly string[];
  /** Users holding only PIM-eligible admin roles. */
  readonly eligibleAdmins: readonly string[];
  /** Conditional Access policies normalised by the engine, with the users-condition question. */
  readonly policyView: PolicyView;
}

const DAY_MS = 86_400_000;

function lazy<T>(f: () => T): () => T {
  let done = false;
  let v: T;
  return () => {
    if (!done) {
      v = f();
      done = true;
    }
    return v;
  };
}

/**
 * What a caller may have computed already while streaming the sign-in data (a workspace too large to hold
 * every access pattern): the per-user activity over ALL patterns. `snapshot.accessPatterns` may then hold
 * only the patterns checks read one by one (legacy protocols, Global Administrators, emergency accounts).
 */
export interface Precomputed {
  readonly activity?: ReadonlyMap<string, UserActivity>;
}

export function buildFacts(
  snapshot: TenantSnapshot,
  index: DirectoryIndex,
  config: AssessmentConfig,
  now: string,
  pre: Precomputed = {},
): AssessmentFacts {
  const present = new Set(snapshot.meta.present);
  const has = (c: CollectionName) => present.has(c);
  const hasSignInData =
    has("accessPatterns") ||
    has("signIns") ||
    snapshot.users.some(
      (u) =>
        u.signInActivity && (u.signInActivity.lastSignInDateTime || u.signInActivity.lastNonInteractiveSignInDateTime),
    );
  const hasSignInLog = has("accessPatterns") || has("signIns");
  const patterns = lazy(() =>
    snapshot.accessPatterns.length > 0 || snapshot.signIns.length === 0
      ? snapshot.accessPatterns
      : aggregatePatterns(snapshot.signIns),
  );
  const activity = lazy(() => pre.activity ?? foldActivity(patterns()));
  const regs = lazy(() => new Map(snapshot.registrations.map((r) => [r.id, r])));
  const methodObjects = lazy(() => {
    const m = new Map<string, UserAuthenticationMethod[]>();
    for (const o of snapshot.authenticationMethods) {
      let l = m.get(o.userId);
      if (!l) m.set(o.userId, (l = []));
      l.push(o);
    }
    return m;
  });
  const methodMemo = new Map<string, MethodProfile>();
  const methods = (id: string): MethodProfile => {
    let p = methodMemo.get(id);
    if (!p) methodMemo.set(id, (p = methodProfile(regs().get(id), methodObjects().get(id))));
    return p;
  };
  const classifications = config.classifications ?? {};
  const declaredEmergency = [
    ...(config.emergencyAccountIds ?? []),
    ...Object.entries(classifications)
      .filter(([, t]) => t === "emergency")
      .map(([id]) => id),
  ];
  const emergency = lazy(() =>
    resolveEmergencyAccounts(snapshot, index, activity(), [...new Set(declaredEmergency)], now),
  );
  const candidates = lazy((): ExceptionCandidate[] => {
    const out: ExceptionCandidate[] = [];
    for (const [id, type] of Object.entries(classifications)) {
      if (type === "emergency" || type === "person") continue;
      const u = index.findUser(id);
      if (!u) continue;
      out.push({
        userId: u.id,
        userPrincipalName: u.userPrincipalName,
        displayName: u.displayName,
        type,
        confidence: "high",
        signals: ["classified by the admin (glidepath classify)"],
        source: "confirmed",
      });
    }
    const decided = new Set(Object.keys(classifications).map((k) => index.findUser(k)?.id ?? k));
    const em = new Set(emergency().userIds);
    const detected = detectExceptionCandidates({
      snapshot,
      index,
      activity: activity(),
      methodsOf: (id) => methods(id),
      hasSignIns: hasSignInData,
      hasRegistrations: has("registrations"),
      now,
    });
    for (const c of detected) if (!decided.has(c.userId) && !em.has(c.userId)) out.push(c);
    return out;
  });
  const byUser = lazy(() => {
    const m = new Map<string, ExceptionCandidate>();
    for (const c of candidates()) if (c.confidence !== "low" && !m.has(c.userId)) m.set(c.userId, c);
    return m;
  });
  const admins = lazy(() => {
    const adminSet = new Set(ADMIN_ROLE_TEMPLATE_IDS);
    const active: string[] = [];
    const eligible: string[] = [];
    for (const u of snapshot.users) {
      if ([...index.activeRolesOf(u.id)].some((r) => adminSet.has(r))) active.push(u.id);
      else if ([...index.eligibleRolesOf(u.id)].some((r) => adminSet.has(r))) eligible.push(u.id);
    }
    return { active, eligible };
  });
  // INVARIANT: equals activeMemberIds(snapshot, now) of tenant-summary when the patterns are complete (its
  // "successful pattern seen since the cutoff" is activity.lastSuccess); computed from the activity so that
  // it also holds when the patterns were streamed (ground-truth.test.ts compares the two).
  const active = lazy(() => {
    const cutoff = new Date(Date.parse(now) - ACTIVE_DAYS * DAY_MS).toISOString();
    const out = new Set<string>();
    const act = activity();
    for (const u of snapshot.users) {
      if (u.userType !== "Member" || !u.accountEnabled) continue;
      const last = lastSignInOf(u);
      const seen = act.get(u.id)?.lastSuccess;
      if ((last !== null && last >= cutoff) || (seen && seen >= cutoff)) out.add(u.id);
    }
    return out;
  });
  const policyView = lazy(() => buildPolicyView(snapshot, now));
  return {
    has,
    hasSignInData,
    hasSignInLog,
    get patterns() {
      return patterns();
    },
    get activity() {
      return activity();
    },
    lastSignIn(id) {
      const u = index.userById.get(id);
      const a = u ? lastSignInOf(u) : null;
      const b = activity().get(id)?.lastSuccess ?? null;
      // ISO-8601 UTC strings compare in time order.
      return (
        [a, b]
          .filter((x): x is string => x !== null)
          .sort()
          .pop() ?? null
      );
    },
    get activeMembers() {
      return active();
    },
    registration: (id) => regs().get(id),
    methods,
    get candidates() {
      return candidates();
    },
    exceptionOf: (id) => byUser().get(id),
    get emergency() {
      return emergency();
    },
    outOfScope(id) {
      const u = index.userById.get(id);
      if (!u) return "not in the directory";
      if (!u.accountEnabled) return "disabled";
      if (u.userType === "Guest") return "guest";
      const ea = emergency();
      if (ea.userIds.includes(id))
        return ea.source === "declared" ? "emergency account" : "emergency account (detected)";
      const c = byUser().get(id);
      if (c && OUT_OF_SCOPE_TYPES.has(c.type)) return c.source === "confirmed" ? c.type : `${c.type} (detected)`;
      return null;
    },
    get activeAdmins() {
      return admins().active;
    },
    get eligibleAdmins() {
      return admins().eligible;
    },
    get policyView() {
      return policyView();
    },
  };
}
