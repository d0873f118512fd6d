// Access proofs for a set of accounts (emergency accounts, administrators, named users) over every
// condition class, and the "no new lockout" check: no user and access pattern that succeeds today is
// blocked after the change, except those listed (the Conditional Access counterpart of IAM Access
// Analyzer's "no new access" check).

import { buildClassSpace } from "../engine/class-space.js";
import { type NormalizedPolicy, satisfiesCombinations } from "../engine/index.js";
import { type AccessProof, proveAccess } from "../engine/prove-access.js";
import {
  type AccessPattern,
  BUILT_IN_STRENGTH_COMBINATIONS,
  buildDirectoryIndex,
  STRENGTH,
  type TenantSnapshot,
} from "../model/index.js";
import { buildCapabilityIndex } from "./capabilities.js";
import { createReplayContext, patternContextBuilder, userPatternsInWindow } from "./simulate.js";

export interface AccountProof extends AccessProof {
  readonly user: string;
  readonly displayName: string;
  /** The account holds a phishing-resistant method (what the dedicated emergency policy requires). */
  readonly hasPhishingResistantMethod: boolean;
  /**
   * Beyond Conditional Access: since October 2024 Microsoft itself requires MFA on the Azure portal, the
   * Entra admin center and the Intune admin center for every account, emergency accounts included. An
   * account without a registered MFA method cannot reach them, whatever the policies say. `holds` above is
   * the Conditional Access proof; this is the admin-portal verdict beside it.
   * https://learn.microsoft.com/entra/identity/authentication/concept-mandatory-multifactor-authentication
   */
  readonly adminPortals: { readonly reachable: boolean; readonly reason: string };
}

export interface VerifyOptions {
  readonly now: string;
  readonly mfaTrustedIps?: readonly string[];
  /** Count report-only policies as switched on (default true: prove the set as it will be enforced). */
  readonly reportOnlyAsEnabled?: boolean;
  readonly maxListed?: number;
}

const PHISHING_RESISTANT = ["fido2", "windowsHelloForBusiness", "x509CertificateMultiFactor"];

/** Can the account meet Microsoft's mandatory MFA on the admin portals with what it has registered? */
export function adminPortalVerdict(modes: ReadonlySet<string>): AccountProof["adminPortals"] {
  const mfa = BUILT_IN_STRENGTH_COMBINATIONS[STRENGTH.mfa] ?? [];
  return satisfiesCombinations(mfa, modes)
    ? { reachable: true, reason: "holds an MFA method, as Microsoft's mandatory MFA for admin portals requires" }
    : {
        reachable: false,
        reason:
          "holds no MFA method: Microsoft requires MFA on the Azure portal, Entra and Intune admin centers for every account since October 2024, so this account cannot reach them (register a FIDO2 key or passkey)",
      };
}

/** Prove access for each account. Pessimistic: unresolvable parts of a policy count as applying. */
export function proveAccounts(
  snapshot: TenantSnapshot,
  policies: readonly NormalizedPolicy[],
  userIds: readonly string[],
  opts: VerifyOptions,
): AccountProof[] {
  const index = buildDirectoryIndex(snapshot, opts.now);
  const caps = buildCapabilityIndex(snapshot, index);
  const eopts = {
    now: opts.now,
    unknownApplies: "assumeApplies" as const,
    reportOnlyAsEnabled: opts.reportOnlyAsEnabled ?? true,
    ...(opts.mfaTrustedIps ? { mfaTrustedIps: opts.mfaTrustedIps } : {}),
    ...(opts.maxListed ? { maxListed: opts.maxListed } : {}),
  };
  const space = buildClassSpace(snapshot, policies, eopts);
  return userIds.map((id) => {
    const u = index.findUser(id);
    const c = caps.of(u?.id ?? id);
    const proof = proveAccess(snapshot, policies, u?.id ?? id, c, eopts, space);
    return {
      ...proof,
      user: u?.userPrincipalName ?? id,
      displayName: u?.displayName ?? id,
      hasPhishingResistantMethod: PHISHING_RESISTANT.some((m) => c.modes.has(m)),
      adminPortals: adminPortalVerdict(c.modes),
    };
  });
}

export interface NewLockout {
  readonly userId: string;
  readonly user: string;
  readonly patterns: readonly {
    readonly application: string;
    readonly clientAppUsed: string;
    readonly operatingSystem: string | null;
    readonly ipAddress: string | null;
    readonly country: string | null;
    readonly successCount: number;
    readonly lastSeen: string;
    readonly policyId: string | null;
    readonly reason: string | null;
  }[];
}

export interface NoNewLockoutResult {
  readonly holds: boolean;
  readonly patternsChecked: number;
  /** Users whose successful patterns would be blocked after the change (not excepted). */
  readonly violations: readonly NewLockout[];
  /** Listed exceptions that did occur (expected lockouts). */
  readonly excepted: readonly NewLockout[];
}

/**
 * No new lockout: every access pattern with a success in the window that is not blocked today must not
 * be blocked by the proposed set. `except` holds user ids or UPNs whose new blocks are accepted.
 */
export function noNewLockout(
  snapshot: TenantSnapshot,
  current: readonly NormalizedPolicy[],
  proposed: readonly NormalizedPolicy[],
  opts: VerifyOptions & {
    readonly days?: number;
    readonly except?: readonly string[];
    /** Streamed access patterns (default the snapshot's); iterated once. */
    readonly patterns?: Iterable<AccessPattern>;
  },
): NoNewLockoutResult {
  const rc = createReplayContext(snapshot, current, proposed, opts);
  const exceptIds = new Set<string>();
  for (const e of opts.except ?? []) {
    const u = rc.index.findUser(e);
    exceptIds.add(u?.id ?? e);
  }
  const ctxOf = patternContextBuilder();
  const hits = new Map<string, NewLockout["patterns"][number][]>();
  let checked = 0;
  for (const p of userPatternsInWindow(snapshot, opts.now, opts.days ?? 30, opts.patterns)) {
    if (p.successCount === 0) continue;
    const u = rc.index.userById.get(p.userId);
    if (u && !u.accountEnabled) continue;
    checked++;
    const ctx = ctxOf(p);
    const c = rc.caps.of(p.userId);
    const k = rc.caps.keyOf(p.userId);
    const a = rc.after.outcome(ctx, c, k);
    if (a.outcome !== "blocked") continue;
    const b = rc.before.outcome(ctx, c, k);
    if (b.outcome === "blocked") continue;
    let list = hits.get(p.userId);
    if (!list) hits.set(p.userId, (list = []));
    list.push({
      application: p.appDisplayName ?? p.appId,
      clientAppUsed: p.clientAppUsed,
      operatingSystem: p.operatingSystem,
      ipAddress: p.ipAddress,
      country: p.countryOrRegion,
      successCount: p.successCount,
      lastSeen: p.lastSeen,
      policyId: a.policyIds[0] ?? null,
      reason: a.blockedReason ?? null,
    });
  }
  const violations: NewLockout[] = [];
  const excepted: NewLockout[] = [];
  for (const [userId, patterns] of hits) {
    const entry = { userId, user: rc.index.userById.get(userId)?.userPrincipalName ?? userId, patterns };
    (exceptIds.has(userId) ? excepted : violations).push(entry);
  }
  violations.sort((a, b) => (a.user < b.user ? -1 : 1));
  excepted.sort((a, b) => (a.user < b.user ? -1 : 1));
  return { holds: violations.length === 0, patternsChecked: checked, violations, excepted };
}
