// Snapshot assembly at the end of a sync: the mapped pages of every collection, plus what the previous
// snapshot carries over, become one TenantSnapshot. A pure function of its inputs (no staging, no store).

import type {
  CollectionName,
  Group,
  GroupMember,
  MemberType,
  RoleAssignment,
  SnapshotSource,
  TenantSnapshot,
} from "../../core/model/index.js";
import { emptySnapshot } from "../../core/model/index.js";
import type { GroupDeltaItem, SyncCollection } from "./collections.js";

const MEMBER_TYPES = new Set<MemberType>(["user", "group", "servicePrincipal", "device"]);

/** What a sync run fetched, as assembleSnapshot reads it. */
export interface FetchedRun {
  /** End of the window: the snapshot's capture time. */
  readonly to: string;
  readonly from: string;
  /** Delta links the run started from (an incremental groups read applies its changes to `prev`). */
  readonly deltaLinks: Readonly<Record<string, string>>;
  readonly collections: readonly SyncCollection[];
  /** The mapped items of the staged pages of a slice or collection key, in page order. */
  readonly items: (key: string) => readonly unknown[];
}

/**
 * The new snapshot from what a run fetched and the previous snapshot: collections not synced this time
 * are carried over, an incremental groups read is applied to the previous groups and members. Pure.
 */
export function assembleSnapshot(run: FetchedRun, prev: TenantSnapshot | null, source: SnapshotSource): TenantSnapshot {
  const params = run;
  const has = (c: SyncCollection) => run.collections.includes(c);
  const list = <T>(key: string) => run.items(key) as T[];
  const org = has("organization")
    ? list<{ id: string; displayName: string; defaultDomain: string | null; initialDomain: string | null }>(
        "organization",
      )[0]
    : undefined;
  const present = new Set<CollectionName>();
  const base = emptySnapshot({
    tenantId: org?.id ?? prev?.meta.tenantId ?? "unknown",
    tenantDisplayName: org?.displayName ?? prev?.meta.tenantDisplayName ?? "unknown",
    defaultDomain: org ? org.defaultDomain : (prev?.meta.defaultDomain ?? null),
    initialDomain: org ? org.initialDomain : (prev?.meta.initialDomain ?? null),
    capturedAt: params.to,
    source,
  });
  const out = { ...base } as unknown as Record<string, unknown>;
  // Collections not synced this time are carried over from the previous snapshot.
  if (prev) {
    for (const c of prev.meta.present) {
      if (c === "signIns" || c === "accessPatterns") continue;
      out[c] = (prev as unknown as Record<string, unknown>)[c];
      present.add(c);
    }
  }
  const simple: [SyncCollection, CollectionName][] = [
    ["users", "users"],
    ["roleDefinitions", "roleDefinitions"],
    ["servicePrincipals", "servicePrincipals"],
    ["policies", "policies"],
    ["namedLocations", "namedLocations"],
    ["authenticationStrengths", "authenticationStrengths"],
    ["subscribedSkus", "subscribedSkus"],
    ["registrations", "registrations"],
    ["authenticationMethods", "authenticationMethods"],
    ["rooms", "rooms"],
    ["directoryAudits", "directoryAudits"],
  ];
  for (const [sc, mc] of simple) {
    if (!has(sc)) continue;
    out[mc] = list(sc);
    present.add(mc);
  }
  for (const sc of ["authenticationMethodsPolicy", "securityDefaults"] as const) {
    if (!has(sc)) continue;
    out[sc] = list(sc)[0] ?? null;
    present.add(sc);
  }
  if (has("roleAssignments")) {
    out.roleAssignments = [
      ...list<RoleAssignment>("roleAssignments:active"),
      ...list<RoleAssignment>("roleAssignments:eligible"),
    ];
    present.add("roleAssignments");
  }
  if (has("groups")) {
    const incremental = Boolean(params.deltaLinks.groups) && prev !== null;
    const groups = new Map<string, Group>(incremental ? (prev as TenantSnapshot).groups.map((g) => [g.id, g]) : []);
    const members = new Map<string, Map<string, MemberType>>();
    if (incremental) {
      for (const m of (prev as TenantSnapshot).groupMembers) {
        let s = members.get(m.groupId);
        if (!s) members.set(m.groupId, (s = new Map()));
        s.set(m.memberId, m.memberType);
      }
    }
    for (const d of list<GroupDeltaItem>("groups")) {
      if (d.removed) {
        groups.delete(d.id);
        members.delete(d.id);
        continue;
      }
      if (d.group) groups.set(d.id, d.group as Group);
      let s = members.get(d.id);
      if (!s) members.set(d.id, (s = new Map()));
      for (const m of d.members) {
        if (m.removed) s.delete(m.id);
        else if (MEMBER_TYPES.has(m.type as MemberType)) s.set(m.id, m.type as MemberType);
      }
    }
    out.groups = [...groups.values()];
    const edges: GroupMember[] = [];
    for (const [groupId, s] of members) {
      if (!groups.has(groupId)) continue;
      for (const [memberId, memberType] of s) edges.push({ groupId, memberId, memberType });
    }
    out.groupMembers = edges;
    present.add("groups");
    present.add("groupMembers");
  }
  if (has("signIns")) {
    present.add("signIns");
    present.add("accessPatterns");
  } else if (prev?.meta.present.includes("signIns")) {
    present.add("signIns");
    present.add("accessPatterns");
  }
  const meta = {
    ...base.meta,
    present: [...present].sort(),
    ...(has("signIns")
      ? { signInWindow: { from: params.from, to: params.to } }
      : prev?.meta.signInWindow
        ? { signInWindow: prev.meta.signInWindow }
        : {}),
  };
  return { ...(out as unknown as TenantSnapshot), meta, signIns: [], accessPatterns: [] };
}
