// The Graph endpoints the simulator serves: path pattern, versions, the permission Graph would demand
// (least-privileged, docs/reference/graph-api.md#permissions), $top limits, and the handler. Reads page like Graph; writes
// validate like Graph and change the tenant state (with a change log for groups/delta).

import { randomBytes, randomUUID } from "node:crypto";
import { GraphHttpError } from "./graph-errors.js";
import type { Raw, TenantState } from "./tenant-state.js";
import { validatePolicyBody } from "./validate-policy.js";

export type Version = "v1.0" | "beta";

/** The answer of a collection route: items (before $filter/$select/paging) plus options. */
export interface CollectionAnswer {
  readonly kind: "collection";
  readonly items: () => Iterable<Raw>;
  readonly defaultTop: number;
  readonly maxTop: number;
  /** Whether `$filter` may be used here. */
  readonly filterable?: boolean;
  /** An index for `$filter` time ranges [from, to) in epoch ms (sign-ins by day); a superset is fine. */
  readonly range?: (from: number, to: number) => Iterable<Raw>;
}

export interface ObjectAnswer {
  readonly kind: "object";
  readonly status: number;
  readonly body: Raw | null;
}

export type Answer = CollectionAnswer | ObjectAnswer | { readonly kind: "delta" };

export interface RouteContext {
  readonly version: Version;
  readonly match: RegExpExecArray;
  readonly query: URLSearchParams;
  readonly body: unknown;
  readonly state: TenantState;
}

export interface Route {
  readonly method: "GET" | "POST" | "PATCH" | "DELETE";
  readonly pattern: RegExp;
  readonly versions: readonly Version[];
  /** The permission the request needs (Graph's least-privileged one). */
  readonly permission: string | ((ctx: RouteContext) => string[]);
  /** Identity protection & CA resources answer 429 without Retry-After (docs/reference/graph-api.md#throttling). */
  readonly throttleWithoutRetryAfter?: boolean;
  handle(ctx: RouteContext): Answer;
}

const BOTH: readonly Version[] = ["v1.0", "beta"];

function notFound(what: string): never {
  throw new GraphHttpError(
    404,
    "Request_ResourceNotFound",
    `Resource '${what}' does not exist or one of its queried reference-property objects are not present.`,
  );
}

function list(items: () => Iterable<Raw>, maxTop = 999, defaultTop = 100): CollectionAnswer {
  return { kind: "collection", items, defaultTop, maxTop, filterable: true };
}

function obj(body: Raw | null, status = 200): ObjectAnswer {
  return { kind: "object", status, body };
}

function membersOf(state: TenantState, groupId: string): Map<string, string> {
  const m = state.members.get(groupId);
  if (!m || !state.groups.has(groupId)) notFound(groupId);
  return m;
}

function directoryObject(state: TenantState, id: string, type: string): Raw {
  const o = (
    type.endsWith(".user") ? state.users.get(id) : type.endsWith(".group") ? state.groups.get(id) : undefined
  ) as Raw | undefined;
  return { "@odata.type": type, id, ...(o?.displayName ? { displayName: o.displayName } : {}) };
}

function transitive(state: TenantState, groupId: string): Raw[] {
  const out = new Map<string, string>();
  const seen = new Set<string>([groupId]);
  const stack = [groupId];
  while (stack.length > 0) {
    const g = stack.pop() as string;
    for (const [id, type] of state.members.get(g) ?? []) {
      if (!out.has(id)) out.set(id, type);
      if (type.endsWith(".group") && !seen.has(id)) {
        seen.add(id);
        stack.push(id);
      }
    }
  }
  return [...out].map(([id, type]) => directoryObject(state, id, type));
}

function requireObject(body: unknown): Raw {
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    throw new GraphHttpError(400, "BadRequest", "The request body must be a JSON object.");
  }
  return body as Raw;
}

const MEMBER_REF = /\/directoryObjects\/([0-9a-f-]{36})$/i;

/** The routes, in match order. Paths are relative to the version segment. */
export const ROUTES: readonly Route[] = [
  {
    method: "GET",
    pattern: /^\/organization$/,
    versions: BOTH,
    permission: "Organization.Read.All",
    handle: ({ state }) => list(() => [state.organization]),
  },
  {
    method: "GET",
    pattern: /^\/users$/,
    versions: BOTH,
    permission: ({ query }) =>
      (query.get("$select") ?? "").includes("signInActivity")
        ? ["User.Read.All", "AuditLog.Read.All"]
        : ["User.Read.All"],
    handle: ({ state, query }) =>
      list(() => state.users.values(), (query.get("$select") ?? "").includes("signInActivity") ? 500 : 999),
  },
  {
    method: "GET",
    pattern: /^\/users\/([^/]+)\/authentication\/methods$/,
    versions: BOTH,
    permission: "UserAuthenticationMethod.Read.All",
    handle: ({ state, match }) => {
      const id = decodeURIComponent(match[1] as string);
      if (!state.users.has(id)) notFound(id);
      return list(() => state.methodsByUser.get(id) ?? []);
    },
  },
  {
    method: "GET",
    pattern: /^\/groups$/,
    versions: BOTH,
    permission: "GroupMember.Read.All",
    handle: ({ state }) => list(() => state.groups.values()),
  },
  {
    method: "GET",
    pattern: /^\/groups\/delta$/,
    versions: BOTH,
    permission: "GroupMember.Read.All",
    handle: () => ({ kind: "delta" }),
  },
  {
    method: "GET",
    pattern: /^\/groups\/([^/]+)\/members$/,
    versions: BOTH,
    permission: "GroupMember.Read.All",
    handle: ({ state, match }) => {
      const id = match[1] as string;
      const m = membersOf(state, id);
      return list(() => [...m].map(([mid, type]) => directoryObject(state, mid, type)));
    },
  },
  {
    method: "GET",
    pattern: /^\/groups\/([^/]+)\/transitiveMembers$/,
    versions: BOTH,
    permission: "GroupMember.Read.All",
    handle: ({ state, match }) => {
      const id = match[1] as string;
      membersOf(state, id);
      return list(() => transitive(state, id));
    },
  },
  {
    method: "GET",
    pattern: /^\/roleManagement\/directory\/roleDefinitions$/,
    versions: BOTH,
    permission: "RoleManagement.Read.Directory",
    handle: ({ state }) => list(() => state.roleDefinitions),
  },
  {
    method: "GET",
    pattern: /^\/roleManagement\/directory\/roleAssignments$/,
    versions: BOTH,
    permission: "RoleManagement.Read.Directory",
    handle: ({ state }) =>
      list(() =>
        state.activeAssignments.map((a) => ({
          id: a.id,
          principalId: a.principalId,
          roleDefinitionId: a.roleDefinitionId,
          directoryScopeId: a.directoryScopeId,
        })),
      ),
  },
  {
    method: "GET",
    pattern: /^\/roleManagement\/directory\/roleAssignmentScheduleInstances$/,
    versions: BOTH,
    permission: "RoleAssignmentSchedule.Read.Directory",
    handle: ({ state }) => list(() => state.activeAssignments),
  },
  {
    method: "GET",
    pattern: /^\/roleManagement\/directory\/roleEligibilityScheduleInstances$/,
    versions: BOTH,
    permission: "RoleEligibilitySchedule.Read.Directory",
    handle: ({ state }) => list(() => state.eligibleAssignments),
  },
  {
    method: "GET",
    pattern: /^\/servicePrincipals$/,
    versions: BOTH,
    permission: "Application.Read.All",
    handle: ({ state }) => list(() => state.servicePrincipals),
  },
  {
    method: "GET",
    pattern: /^\/identity\/conditionalAccess\/policies$/,
    versions: BOTH,
    permission: "Policy.Read.All",
    throttleWithoutRetryAfter: true,
    handle: ({ state }) => list(() => state.policies.values()),
  },
  {
    method: "GET",
    pattern: /^\/identity\/conditionalAccess\/policies\/([^/]+)$/,
    versions: BOTH,
    permission: "Policy.Read.All",
    throttleWithoutRetryAfter: true,
    handle: ({ state, match }) => {
      const p = state.policies.get(match[1] as string);
      if (!p) notFound(match[1] as string);
      return obj(p);
    },
  },
  {
    method: "POST",
    pattern: /^\/identity\/conditionalAccess\/policies$/,
    versions: BOTH,
    permission: "Policy.ReadWrite.ConditionalAccess",
    throttleWithoutRetryAfter: true,
    handle: ({ state, body }) => {
      const b = validatePolicyBody(body, false);
      const now = new Date().toISOString();
      const p: Raw = { ...b, id: randomUUID(), createdDateTime: now, modifiedDateTime: null };
      state.policies.set(p.id as string, p);
      return obj(p, 201);
    },
  },
  {
    method: "PATCH",
    pattern: /^\/identity\/conditionalAccess\/policies\/([^/]+)$/,
    versions: BOTH,
    permission: "Policy.ReadWrite.ConditionalAccess",
    throttleWithoutRetryAfter: true,
    handle: ({ state, match, body }) => {
      const id = match[1] as string;
      const p = state.policies.get(id);
      if (!p) notFound(id);
      const b = validatePolicyBody(body, true);
      const merged = { ...p, ...b, id, modifiedDateTime: new Date().toISOString() };
      validatePolicyBody(
        Object.fromEntries(Object.entries(merged).filter(([k]) => k !== "modifiedDateTime" || merged[k] !== null)),
        false,
      );
      state.policies.set(id, merged);
      return obj(null, 204);
    },
  },
  {
    method: "DELETE",
    pattern: /^\/identity\/conditionalAccess\/policies\/([^/]+)$/,
    versions: BOTH,
    permission: "Policy.ReadWrite.ConditionalAccess",
    throttleWithoutRetryAfter: true,
    handle: ({ state, match }) => {
      const id = match[1] as string;
      if (!state.policies.delete(id)) notFound(id);
      return obj(null, 204);
    },
  },
  {
    method: "GET",
    pattern: /^\/identity\/conditionalAccess\/namedLocations$/,
    versions: BOTH,
    permission: "Policy.Read.All",
    throttleWithoutRetryAfter: true,
    handle: ({ state }) => list(() => state.namedLocations),
  },
  {
    method: "GET",
    pattern:
      /^\/(?:policies\/authenticationStrengthPolicies|identity\/conditionalAccess\/authenticationStrength\/policies)$/,
    versions: BOTH,
    permission: "Policy.Read.All",
    handle: ({ state }) => list(() => state.authenticationStrengths),
  },
  {
    method: "GET",
    pattern: /^\/policies\/authenticationMethodsPolicy$/,
    versions: BOTH,
    permission: "Policy.Read.All",
    handle: ({ state }) => {
      if (!state.authenticationMethodsPolicy) notFound("authenticationMethodsPolicy");
      return obj(state.authenticationMethodsPolicy);
    },
  },
  {
    method: "GET",
    pattern: /^\/policies\/identitySecurityDefaultsEnforcementPolicy$/,
    versions: BOTH,
    permission: "Policy.Read.All",
    handle: ({ state }) => {
      if (!state.securityDefaults) notFound("identitySecurityDefaultsEnforcementPolicy");
      return obj(state.securityDefaults);
    },
  },
  {
    method: "GET",
    pattern: /^\/subscribedSkus$/,
    versions: BOTH,
    permission: "LicenseAssignment.Read.All",
    handle: ({ state }) => list(() => state.subscribedSkus),
  },
  {
    method: "GET",
    pattern: /^\/reports\/authenticationMethods\/userRegistrationDetails$/,
    versions: BOTH,
    permission: "AuditLog.Read.All",
    handle: ({ state, version }) =>
      list(
        () =>
          version === "beta" ? state.registrations : state.registrations.map(({ defaultMfaMethod: _d, ...r }) => r),
        999,
        100,
      ),
  },
  {
    method: "GET",
    pattern: /^\/places\/microsoft\.graph\.room$/,
    versions: BOTH,
    permission: "Place.Read.All",
    handle: ({ state }) => list(() => state.rooms),
  },
  {
    method: "GET",
    pattern: /^\/auditLogs\/directoryAudits$/,
    versions: BOTH,
    permission: "AuditLog.Read.All",
    handle: ({ state }) => list(() => state.directoryAudits, 999, 100),
  },
  {
    method: "GET",
    pattern: /^\/auditLogs\/signIns$/,
    versions: BOTH,
    permission: "AuditLog.Read.All",
    // Pre-selection by time range and event type happens in the app (it sees the parsed filter).
    handle: ({ state }) => ({
      ...list(() => state.allSignIns(), 1000, 1000),
      range: (from: number, to: number) => state.signInsBetween(from, to),
    }),
  },
  // ---- writes the roll-out makes ---------------------------------------------------------------
  {
    method: "POST",
    pattern: /^\/groups$/,
    versions: BOTH,
    permission: "Group.ReadWrite.All",
    handle: ({ state, body }) => {
      const b = requireObject(body);
      for (const k of ["displayName", "mailNickname"]) {
        if (typeof b[k] !== "string" || (b[k] as string).trim() === "")
          throw new GraphHttpError(
            400,
            "Request_BadRequest",
            `Invalid value specified for property '${k}' of resource 'Group'.`,
          );
      }
      for (const k of ["mailEnabled", "securityEnabled"]) {
        if (typeof b[k] !== "boolean")
          throw new GraphHttpError(
            400,
            "Request_BadRequest",
            `Invalid value specified for property '${k}' of resource 'Group'.`,
          );
      }
      const id = randomUUID();
      const { "members@odata.bind": binds, "owners@odata.bind": _owners, ...props } = b;
      const g: Raw = {
        id,
        displayName: props.displayName,
        description: props.description ?? null,
        groupTypes: props.groupTypes ?? [],
        mailEnabled: props.mailEnabled,
        securityEnabled: props.securityEnabled,
        isAssignableToRole: props.isAssignableToRole ?? null,
        createdDateTime: new Date().toISOString(),
      };
      state.groups.set(id, g);
      const members = new Map<string, string>();
      state.members.set(id, members);
      state.record({ groupId: id, kind: "upsert" });
      for (const ref of Array.isArray(binds) ? binds : []) {
        const mid = MEMBER_REF.exec(String(ref))?.[1];
        if (!mid) throw new GraphHttpError(400, "Request_BadRequest", `Invalid object reference '${String(ref)}'.`);
        const type = state.users.has(mid) ? "#microsoft.graph.user" : "#microsoft.graph.group";
        members.set(mid, type);
        state.record({ groupId: id, kind: "memberAdded", memberId: mid, memberType: type });
      }
      return obj(g, 201);
    },
  },
  {
    method: "POST",
    pattern: /^\/groups\/([^/]+)\/members\/\$ref$/,
    versions: BOTH,
    permission: "GroupMember.ReadWrite.All",
    handle: ({ state, match, body }) => {
      const gid = match[1] as string;
      const members = membersOf(state, gid);
      const ref = requireObject(body)["@odata.id"];
      const mid = MEMBER_REF.exec(String(ref ?? ""))?.[1];
      if (!mid) throw new GraphHttpError(400, "Request_BadRequest", "Invalid object identifier in '@odata.id'.");
      const type = state.users.has(mid)
        ? "#microsoft.graph.user"
        : state.groups.has(mid)
          ? "#microsoft.graph.group"
          : null;
      if (!type) notFound(mid);
      if (members.has(mid))
        throw new GraphHttpError(
          400,
          "Request_BadRequest",
          "One or more added object references already exist for the following modified properties: 'members'.",
        );
      members.set(mid, type);
      state.record({ groupId: gid, kind: "memberAdded", memberId: mid, memberType: type });
      return obj(null, 204);
    },
  },
  {
    method: "DELETE",
    pattern: /^\/groups\/([^/]+)\/members\/([^/]+)\/\$ref$/,
    versions: BOTH,
    permission: "GroupMember.ReadWrite.All",
    handle: ({ state, match }) => {
      const gid = match[1] as string;
      const mid = match[2] as string;
      const members = membersOf(state, gid);
      if (!members.delete(mid)) notFound(mid);
      state.record({ groupId: gid, kind: "memberRemoved", memberId: mid });
      return obj(null, 204);
    },
  },
  {
    method: "POST",
    pattern: /^\/users\/([^/]+)\/sendMail$/,
    versions: BOTH,
    permission: "Mail.Send",
    handle: ({ state, match, body }) => {
      const from = decodeURIComponent(match[1] as string);
      const known = state.users.has(from) || [...state.users.values()].some((u) => u.userPrincipalName === from);
      if (!known) notFound(from);
      const b = requireObject(body);
      const m = b.message as Raw | undefined;
      const to = m?.toRecipients;
      if (!m || typeof m.subject !== "string" || !Array.isArray(to) || to.length === 0)
        throw new GraphHttpError(
          400,
          "ErrorInvalidRecipients",
          "At least one recipient is not valid., A message can't be sent because it contains no recipients.",
        );
      state.outbox.push({
        from,
        message: m,
        saveToSentItems: b.saveToSentItems !== false,
        at: new Date().toISOString(),
      });
      return obj(null, 202);
    },
  },
  {
    method: "POST",
    pattern: /^\/users\/([^/]+)\/authentication\/temporaryAccessPassMethods$/,
    versions: BOTH,
    permission: "UserAuthMethod-TAP.ReadWrite.All",
    handle: ({ state, match, body }) => {
      const uid = decodeURIComponent(match[1] as string);
      const u = state.users.get(uid);
      if (!u) notFound(uid);
      if (u.userType === "Guest")
        throw new GraphHttpError(400, "badRequest", "Temporary Access Pass cannot be added to a guest user.");
      const b = requireObject(body);
      const lifetime = b.lifetimeInMinutes ?? 60;
      if (typeof lifetime !== "number" || lifetime < 10 || lifetime > 43200)
        throw new GraphHttpError(400, "badRequest", "lifetimeInMinutes must be between 10 and 43200.");
      const method: Raw = {
        "@odata.type": "#microsoft.graph.temporaryAccessPassAuthenticationMethod",
        id: randomUUID(),
        temporaryAccessPass: randomBytes(6).toString("base64url"),
        createdDateTime: new Date().toISOString(),
        startDateTime: typeof b.startDateTime === "string" ? b.startDateTime : new Date().toISOString(),
        lifetimeInMinutes: lifetime,
        isUsableOnce: b.isUsableOnce === true,
        isUsable: true,
        methodUsabilityReason: "EnabledByPolicy",
      };
      // One usable TAP per user: a new one replaces the old.
      const l = (state.methodsByUser.get(uid) ?? []).filter(
        (x) => !String(x["@odata.type"]).includes("temporaryAccessPass"),
      );
      const { temporaryAccessPass: _secret, ...stored } = method;
      l.push(stored);
      state.methodsByUser.set(uid, l);
      state.temporaryAccessPasses.push({ userId: uid, method });
      return obj(method, 201);
    },
  },
];
