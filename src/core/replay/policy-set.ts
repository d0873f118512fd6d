// The proposed policy set: the snapshot's current policies, minus --replace ids, plus the --policy files.
// Bad input becomes coded issues naming the file and field; references the directory does not hold are
// reported and rewritten so the engine counts them pessimistically (docs/design.md#rule-6: "could this lock
// someone out?" treats an unknown member as a member, an unknown exclusion as not excluding).

import { isGuid, type NormalizedPolicy, normalizePolicies, normalizePolicy, type Ref } from "../engine/index.js";
import type { Diagnostic } from "../model/diagnostics.js";
import type { Issue } from "../model/issue.js";
import type { TenantSnapshot } from "../model/snapshot.js";

export interface ProposedInput {
  readonly raw: unknown;
  /** File name (or file#n) that names an id-less policy. */
  readonly sourceName: string;
}

/**
 * A composition error: an Issue whose `path` is always set (the offending field, e.g. `id`,
 * `conditions.users.includeGroups[0]`, `--replace`) and whose `file` is the policy's source name.
 */
export type PolicySetIssue = Issue & { readonly path: string };

export interface UnresolvedReference {
  readonly policyId: string;
  readonly policyName: string;
  readonly field: string;
  readonly value: string;
  readonly kind: "user" | "group" | "location" | "application";
}

export interface PolicySet {
  /** The current set, as the snapshot holds it. */
  readonly current: readonly NormalizedPolicy[];
  /** Current minus replaced plus proposed. */
  readonly proposed: readonly NormalizedPolicy[];
  readonly addedIds: readonly string[];
  readonly removedIds: readonly string[];
  /** Errors: the set must not be used (bad JSON is caught earlier, by the file reader). */
  readonly errors: readonly PolicySetIssue[];
  readonly unresolved: readonly UnresolvedReference[];
  readonly diagnostics: readonly Diagnostic[];
}

function rawIdOf(raw: unknown): string | null {
  if (!raw || typeof raw !== "object") return null;
  const r = raw as Record<string, unknown>;
  const id = r.id ?? r.Id ?? r.ID;
  return typeof id === "string" && id.trim() !== "" ? id.trim() : null;
}

/** Compose the proposed set. Pure; never throws. */
export function composePolicySet(
  snapshot: TenantSnapshot,
  inputs: readonly ProposedInput[],
  opts: { readonly replace?: readonly string[] } = {},
): PolicySet {
  const cur = normalizePolicies(snapshot.policies);
  const current = cur.policies;
  const errors: PolicySetIssue[] = [];
  const diagnostics: Diagnostic[] = [...cur.diagnostics];
  const replace = new Set((opts.replace ?? []).map((r) => r.toLowerCase()));
  const currentIds = new Set(current.map((p) => p.id.toLowerCase()));
  for (const r of opts.replace ?? []) {
    const hit = current.find((p) => p.id.toLowerCase() === r.toLowerCase() || p.displayName === r);
    if (!hit) {
      errors.push({
        code: "policy.replace-unknown",
        severity: "error",
        path: "--replace",
        message: `--replace ${r}: no current policy has this id`,
      });
    } else replace.add(hit.id.toLowerCase());
  }
  const added: NormalizedPolicy[] = [];
  const seen = new Set<string>();
  for (const input of inputs) {
    const { policy, diagnostics: d } = normalizePolicy(input.raw, input.sourceName);
    diagnostics.push(...d.map((x) => ({ ...x, file: input.sourceName })));
    if (!policy) {
      const e = d.find((x) => x.severity === "error");
      errors.push({
        code: e?.code ?? "policy.invalid",
        severity: "error",
        path: e?.path || "(policy)",
        file: input.sourceName,
        message: `${input.sourceName}: ${e?.message ?? "not a Conditional Access policy"}`,
      });
      continue;
    }
    for (const e of d.filter((x) => x.severity === "error")) {
      errors.push({
        code: e.code,
        severity: "error",
        path: e.path ?? "(policy)",
        file: input.sourceName,
        policyId: policy.id,
        message: `${input.sourceName}: '${policy.displayName}' ${e.path ?? ""}: ${e.message}`,
      });
    }
    const rawId = rawIdOf(input.raw);
    const key = policy.id.toLowerCase();
    if (rawId && currentIds.has(key) && !replace.has(key)) {
      errors.push({
        code: "policy.duplicate-id",
        severity: "error",
        path: "id",
        file: input.sourceName,
        policyId: policy.id,
        message: `${input.sourceName}: field 'id' ${policy.id} duplicates the existing policy '${current.find((p) => p.id.toLowerCase() === key)?.displayName}'`,
      });
      continue;
    }
    if (seen.has(key)) {
      errors.push({
        code: "policy.duplicate-id",
        severity: "error",
        path: "id",
        file: input.sourceName,
        policyId: policy.id,
        message: `${input.sourceName}: field 'id' ${policy.id} appears twice among the proposed policies`,
      });
      continue;
    }
    seen.add(key);
    added.push(policy);
  }
  const unresolved: UnresolvedReference[] = [];
  const known = knownIds(snapshot);
  const pessimistic = added.map((p) => markUnresolved(p, known, unresolved));
  const kept = current.filter((p) => !replace.has(p.id.toLowerCase()));
  return {
    current,
    proposed: [...kept, ...pessimistic],
    addedIds: pessimistic.map((p) => p.id),
    removedIds: current.filter((p) => replace.has(p.id.toLowerCase())).map((p) => p.id),
    errors,
    unresolved,
    diagnostics,
  };
}

const SPECIAL_USERS = new Set(["all", "none", "guestsorexternalusers"]);
const SPECIAL_LOCATIONS = new Set(["all", "alltrusted", "00000000-0000-0000-0000-000000000000"]);

/**
 * Ids the snapshot does not hold become placeholders, which the engine cannot resolve and so counts
 * pessimistically. INVARIANT: only proposed policies are rewritten; the current set stays as captured.
 */
interface KnownIds {
  readonly users: ReadonlySet<string>;
  readonly upns: ReadonlySet<string>;
  readonly groups: ReadonlySet<string>;
  readonly groupNames: ReadonlySet<string>;
  readonly locations: ReadonlySet<string>;
  readonly locNames: ReadonlySet<string>;
}

function knownIds(s: TenantSnapshot): KnownIds {
  return {
    users: new Set(s.users.map((u) => u.id)),
    upns: new Set(s.users.map((u) => u.userPrincipalName.toLowerCase())),
    groups: new Set(s.groups.map((g) => g.id)),
    groupNames: new Set(s.groups.map((g) => g.displayName.toLowerCase())),
    locations: new Set(s.namedLocations.map((l) => l.id.toLowerCase())),
    locNames: new Set(s.namedLocations.map((l) => l.displayName.toLowerCase())),
  };
}

function markUnresolved(p: NormalizedPolicy, k: KnownIds, out: UnresolvedReference[]): NormalizedPolicy {
  const { users, upns, groups, groupNames, locations, locNames } = k;
  const fix = (
    refs: readonly Ref[],
    field: string,
    kind: UnresolvedReference["kind"],
    known: (r: Ref) => boolean,
  ): readonly Ref[] =>
    refs.map((r, i) => {
      if (known(r)) return r;
      out.push({ policyId: p.id, policyName: p.displayName, field: `${field}[${i}]`, value: r.raw, kind });
      // Not a GUID and not a known name: the engine cannot resolve it and counts it pessimistically.
      return { raw: `${r.raw} (not in the directory)`, placeholder: true };
    });
  const u = p.users;
  const l = p.locations;
  const userKnown = (r: Ref) =>
    SPECIAL_USERS.has(r.raw.toLowerCase()) || users.has(r.raw) || upns.has(r.raw.toLowerCase());
  const groupKnown = (r: Ref) => groups.has(r.raw) || (r.placeholder && groupNames.has(r.raw.toLowerCase()));
  const locKnown = (r: Ref) =>
    SPECIAL_LOCATIONS.has(r.raw.toLowerCase()) ||
    locations.has(r.raw.toLowerCase()) ||
    (!isGuid(r.raw) && locNames.has(r.raw.toLowerCase()));
  return {
    ...p,
    users: u
      ? {
          ...u,
          includeUsers: fix(u.includeUsers, "conditions.users.includeUsers", "user", userKnown),
          excludeUsers: fix(u.excludeUsers, "conditions.users.excludeUsers", "user", userKnown),
          includeGroups: fix(u.includeGroups, "conditions.users.includeGroups", "group", groupKnown),
          excludeGroups: fix(u.excludeGroups, "conditions.users.excludeGroups", "group", groupKnown),
        }
      : null,
    locations: l
      ? {
          ...l,
          include: fix(l.include, "conditions.locations.includeLocations", "location", locKnown),
          exclude: fix(l.exclude, "conditions.locations.excludeLocations", "location", locKnown),
        }
      : null,
  };
}
