// Test helper: a simulated tenant as the workspace would hold it — access patterns aggregated from every
// sign-in (streamed), raw sign-ins kept for failures and legacy protocols — without touching SQLite.

import { type GeneratedTenant, generateTenant } from "../../src/adapters/simulator/index.js";
import { aggregatePatterns } from "../../src/core/model/access-patterns.js";
import type { CollectionName, SignIn, TenantSnapshot } from "../../src/core/model/index.js";
import { isLegacyClientApp } from "../../src/core/model/sign-in-codes.js";

export const SIM_NOW = "2026-11-22T00:00:00Z";

export function simulatedSnapshot(users: number, seed = "northwind"): { t: GeneratedTenant; snapshot: TenantSnapshot } {
  const t = generateTenant({ users, seed, now: SIM_NOW });
  const kept: SignIn[] = [];
  let from: string | null = null;
  let to: string | null = null;
  let count = 0;
  function* stream(): Iterable<SignIn> {
    for (const s of t.signIns()) {
      count++;
      if (from === null || s.createdDateTime < from) from = s.createdDateTime;
      if (to === null || s.createdDateTime > to) to = s.createdDateTime;
      if (s.status.errorCode !== 0 || isLegacyClientApp(s.clientAppUsed)) kept.push(s);
      yield s;
    }
  }
  const accessPatterns = aggregatePatterns(stream());
  const present = [...new Set<CollectionName>([...t.snapshot.meta.present, "signIns", "accessPatterns"])];
  const snapshot: TenantSnapshot = {
    ...t.snapshot,
    accessPatterns,
    signIns: kept,
    meta: {
      ...t.snapshot.meta,
      present,
      signInCount: count,
      ...(from && to ? { signInWindow: { from, to } } : {}),
    },
  };
  return { t, snapshot };
}
