// A content digest of a tenant snapshot for proving that a sync reproduced what the simulator served:
// canonical JSON (sorted keys; null, undefined and empty values dropped; ISO times at ms precision),
// collections sorted, then SHA-256 per collection and overall. Used by the sync end-to-end tests.

import { createHash } from "node:crypto";
import {
  type AccessPattern,
  aggregatePatterns,
  COLLECTIONS,
  type CollectionName,
  isLegacyClientApp,
  type SignIn,
  type TenantSnapshot,
} from "../../src/core/model/index.js";

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function canon(v: unknown): unknown {
  if (v === null || v === undefined) return undefined;
  if (typeof v === "string") return ISO.test(v) ? new Date(v).toISOString() : v;
  if (Array.isArray(v)) {
    const a = v.map(canon).filter((x) => x !== undefined);
    return a.length === 0 ? undefined : a;
  }
  if (typeof v === "object") {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v as object).sort()) {
      const c = canon((v as Record<string, unknown>)[k]);
      if (c !== undefined) out[k] = c;
    }
    return Object.keys(out).length === 0 ? undefined : out;
  }
  return v;
}

/** Canonical JSON of one value. */
export function canonicalJson(v: unknown): string {
  return JSON.stringify(canon(v) ?? null);
}

export interface SnapshotDigest {
  readonly counts: Partial<Record<CollectionName, number>>;
  readonly hashes: Partial<Record<CollectionName, string>>;
  readonly tenant: string;
  /** SHA-256 over the tenant identity and every collection hash. */
  readonly hash: string;
}

const sha = (s: string) => createHash("sha256").update(s).digest("hex");

/** Digest the collections of `snapshot` (sign-ins and patterns included). */
export function digestSnapshot(
  snapshot: TenantSnapshot,
  collections: readonly CollectionName[] = COLLECTIONS,
): SnapshotDigest {
  const counts: Partial<Record<CollectionName, number>> = {};
  const hashes: Partial<Record<CollectionName, string>> = {};
  for (const c of collections) {
    const v = (snapshot as unknown as Record<string, unknown>)[c];
    const items = v === null || v === undefined ? [] : Array.isArray(v) ? v : [v];
    const lines = items.map(canonicalJson).sort();
    counts[c] = items.length;
    hashes[c] = sha(lines.join("\n"));
  }
  const m = snapshot.meta;
  const tenant = canonicalJson({
    tenantId: m.tenantId,
    tenantDisplayName: m.tenantDisplayName,
    defaultDomain: m.defaultDomain,
    initialDomain: m.initialDomain,
  });
  const hash = sha([tenant, ...collections.map((c) => `${c}:${hashes[c]}`)].join("\n"));
  return { counts, hashes, tenant, hash };
}

/** The collections a full sync captures (everything the model holds). */
export const SYNCED_COLLECTIONS: readonly CollectionName[] = COLLECTIONS;

/**
 * What a full sync of a simulator serving `generated` must produce, by the sync's own documented rules:
 * sign-ins of the interactive and non-interactive kinds in [from, to); directory audits logged by
 * "Authentication Methods" in the window; raw sign-in rows by the retention rule; per-user methods only for role holders and users excluded by a
 * policy (collections.ts). Everything else as generated.
 */
export function expectedSnapshot(
  generated: { snapshot: TenantSnapshot; signIns(): Iterable<SignIn> },
  window: { from: string; to: string },
  /** Raw rows of successful modern sign-ins are kept from this time on (the sync's retention rule). */
  keepRawSince?: string,
): TenantSnapshot {
  const s = generated.snapshot;
  const from = Date.parse(window.from);
  const to = Date.parse(window.to);
  const inWindow = (t: string | null | undefined) => {
    const x = Date.parse(String(t));
    return x >= from && x < to;
  };
  const signIns: SignIn[] = [];
  for (const si of generated.signIns()) {
    if (
      (si.signInEventType === "interactiveUser" || si.signInEventType === "nonInteractiveUser") &&
      inWindow(si.createdDateTime)
    ) {
      signIns.push(si);
    }
  }
  const users = new Set(s.users.map((u) => u.id));
  const needMethods = new Set<string>();
  for (const a of s.roleAssignments) if (users.has(a.principalId)) needMethods.add(a.principalId);
  for (const p of s.policies)
    for (const id of p.conditions?.users?.excludeUsers ?? []) if (users.has(id)) needMethods.add(id);
  const accessPatterns: AccessPattern[] = aggregatePatterns(signIns);
  const retained =
    keepRawSince === undefined
      ? signIns
      : signIns.filter(
          (x) => x.status.errorCode !== 0 || isLegacyClientApp(x.clientAppUsed) || x.createdDateTime >= keepRawSince,
        );
  return {
    ...s,
    directoryAudits: s.directoryAudits.filter(
      (a) => a.loggedByService === "Authentication Methods" && inWindow(a.activityDateTime),
    ),
    authenticationMethods: s.authenticationMethods.filter((m) => needMethods.has(m.userId)),
    signIns: retained,
    accessPatterns,
  };
}
