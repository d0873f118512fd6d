// The simulated tenant as the server holds it: the generator's snapshot turned back into raw Graph
// objects (what Graph would return), sign-ins indexed by UTC day, and the mutable parts the roll-out
// writes (policies, groups, members, outbox, Temporary Access Passes) with a change log for delta.

import { randomUUID } from "node:crypto";
import type { SignIn, TenantSnapshot } from "../../../core/model/index.js";

/** What the server serves: the generator's output (structurally; `groundTruth` is ignored). */
export interface SimulatedTenantData {
  readonly snapshot: TenantSnapshot;
  signIns(): Iterable<SignIn>;
}

export type Raw = Record<string, unknown>;

export interface GroupChange {
  readonly seq: number;
  readonly groupId: string;
  readonly kind: "upsert" | "deleted" | "memberAdded" | "memberRemoved";
  readonly memberId?: string;
  readonly memberType?: string;
}

export interface OutboxMessage {
  readonly from: string;
  readonly message: unknown;
  readonly saveToSentItems: boolean;
  readonly at: string;
}

const DAY_MS = 86_400_000;

/** Graph `@odata.type` of a directory object by model member type. */
export function odataTypeOf(memberType: string): string {
  return `#microsoft.graph.${memberType}`;
}

/** A model sign-in back in Graph beta shape: `signInEventTypes` is an array there. */
export function signInToGraph(s: SignIn): Raw {
  const { signInEventType, ...rest } = s;
  return { ...rest, isInteractive: signInEventType === "interactiveUser", signInEventTypes: [signInEventType] };
}

export class TenantState {
  readonly tenantId: string;
  readonly organization: Raw;
  readonly users = new Map<string, Raw>();
  readonly groups = new Map<string, Raw>();
  /** groupId -> memberId -> member @odata.type */
  readonly members = new Map<string, Map<string, string>>();
  readonly roleDefinitions: Raw[];
  readonly activeAssignments: Raw[];
  readonly eligibleAssignments: Raw[];
  readonly servicePrincipals: Raw[];
  readonly policies = new Map<string, Raw>();
  readonly namedLocations: Raw[];
  readonly authenticationStrengths: Raw[];
  readonly authenticationMethodsPolicy: Raw | null;
  readonly securityDefaults: Raw | null;
  readonly subscribedSkus: Raw[];
  readonly registrations: Raw[];
  readonly methodsByUser = new Map<string, Raw[]>();
  readonly rooms: Raw[];
  readonly directoryAudits: Raw[];
  /** UTC day start (ms) -> sign-ins of that day, newest first (Graph's order). */
  readonly signInsByDay = new Map<number, Raw[]>();
  readonly signInCount: number;
  /** Each sign-in's JSON, serialised once: pages of 1,000 sign-ins are assembled from these strings. */
  readonly signInJson = new WeakMap<Raw, string>();
  readonly changes: GroupChange[] = [];
  readonly outbox: OutboxMessage[] = [];
  readonly temporaryAccessPasses: { userId: string; method: Raw }[] = [];
  private seq = 0;

  constructor(data: SimulatedTenantData) {
    const s = data.snapshot;
    const plain = <T>(xs: readonly T[]): Raw[] => xs.map((x) => ({ ...(x as Raw) }));
    this.tenantId = s.meta.tenantId;
    const domains = [s.meta.defaultDomain, s.meta.initialDomain].filter((d): d is string => !!d);
    this.organization = {
      id: s.meta.tenantId,
      displayName: s.meta.tenantDisplayName,
      verifiedDomains: [...new Set(domains)].map((name) => ({
        name,
        isDefault: name === s.meta.defaultDomain,
        isInitial: name === s.meta.initialDomain,
      })),
    };
    for (const u of s.users) this.users.set(u.id, { ...u });
    for (const g of s.groups) {
      this.groups.set(g.id, { ...g });
      this.members.set(g.id, new Map());
    }
    for (const m of s.groupMembers) {
      let set = this.members.get(m.groupId);
      if (!set) this.members.set(m.groupId, (set = new Map()));
      set.set(m.memberId, odataTypeOf(m.memberType));
    }
    this.roleDefinitions = plain(s.roleDefinitions);
    const assignment = (a: (typeof s.roleAssignments)[number]): Raw => {
      const { assignmentType, ...rest } = a;
      return {
        ...rest,
        memberType: "Direct",
        ...(assignmentType === "active" ? { assignmentType: a.startDateTime ? "Activated" : "Assigned" } : {}),
      };
    };
    this.activeAssignments = s.roleAssignments.filter((a) => a.assignmentType === "active").map(assignment);
    this.eligibleAssignments = s.roleAssignments.filter((a) => a.assignmentType === "eligible").map(assignment);
    this.servicePrincipals = plain(s.servicePrincipals);
    for (const p of s.policies) {
      const id = p.id ?? randomUUID();
      this.policies.set(id, { ...p, id });
    }
    this.namedLocations = plain(s.namedLocations);
    this.authenticationStrengths = plain(s.authenticationStrengths);
    this.authenticationMethodsPolicy = s.authenticationMethodsPolicy ? { ...s.authenticationMethodsPolicy } : null;
    this.securityDefaults = s.securityDefaults ? { ...s.securityDefaults } : null;
    this.subscribedSkus = plain(s.subscribedSkus);
    this.registrations = plain(s.registrations);
    for (const m of s.authenticationMethods) {
      const { userId, ...rest } = m;
      let l = this.methodsByUser.get(userId);
      if (!l) this.methodsByUser.set(userId, (l = []));
      l.push(rest);
    }
    this.rooms = s.rooms.map((r) => ({ "@odata.type": "#microsoft.graph.room", ...r }));
    this.directoryAudits = plain(s.directoryAudits).sort((a, b) =>
      String(b.activityDateTime).localeCompare(String(a.activityDateTime)),
    );
    let n = 0;
    for (const si of data.signIns()) {
      const t = Date.parse(si.createdDateTime);
      const day = t - (t % DAY_MS);
      let l = this.signInsByDay.get(day);
      if (!l) this.signInsByDay.set(day, (l = []));
      l.push(signInToGraph(si));
      n++;
    }
    for (const l of this.signInsByDay.values()) {
      l.sort((a, b) => String(b.createdDateTime).localeCompare(String(a.createdDateTime)));
      for (const o of l) this.signInJson.set(o, JSON.stringify(o));
    }
    this.signInCount = n;
  }

  /** The current change sequence number (what a delta link remembers). */
  get changeSeq(): number {
    return this.seq;
  }

  record(change: Omit<GroupChange, "seq">): void {
    this.changes.push({ ...change, seq: ++this.seq });
  }

  /** Sign-ins in [from, to) newest first, day by day (only the days that overlap). */
  *signInsBetween(from: number, to: number): Iterable<Raw> {
    const days = [...this.signInsByDay.keys()].filter((d) => d + DAY_MS > from && d < to).sort((a, b) => b - a);
    for (const d of days) yield* this.signInsByDay.get(d) as Raw[];
  }

  allSignIns(): Iterable<Raw> {
    return this.signInsBetween(-Infinity, Infinity);
  }
}
