// Records of every import kind mapped to the model: the Graph mappers where Graph's shape is the input,
// and the few record shapes only exports have (group members, access patterns, the tenant record).

import type { Diagnostic, Result } from "../../core/model/diagnostics.js";
import type { AccessPattern, GroupMember, SnapshotMeta } from "../../core/model/index.js";
import {
  isObj,
  mapAuthenticationMethod,
  mapAuthenticationMethodsPolicy,
  mapAuthenticationStrength,
  mapDirectoryAudit,
  mapGroup,
  mapNamedLocation,
  mapPolicy,
  mapRegistration,
  mapRoleAssignment,
  mapRoleDefinition,
  mapRoom,
  mapSecurityDefaults,
  mapServicePrincipal,
  mapSignIn,
  mapSubscribedSku,
  mapUser,
} from "../graph/to-model/index.js";
import type { ImportKind } from "./kinds.js";

/**
 * Map one record of `kind`. `context` is the JSON page's `@odata.context` and `file` its path (some
 * records name their group or user only there). Policy records go through mapPolicy, the one reader of
 * Conditional Access policies.
 */
export function mapByKind(kind: ImportKind, raw: unknown, context: string | null, file = ""): Result<unknown> {
  switch (kind) {
    case "policies":
      return mapPolicy(raw);
    case "named-locations":
      return mapNamedLocation(raw);
    case "sign-ins":
      return mapSignIn(raw);
    case "registrations":
      return mapRegistration(raw);
    case "users":
      return mapUser(raw);
    case "groups":
      return mapGroup(raw);
    case "audits":
      return mapDirectoryAudit(raw);
    case "authentication-strengths":
      return mapAuthenticationStrength(raw);
    case "authentication-methods-policy":
      return mapAuthenticationMethodsPolicy(raw);
    case "security-defaults":
      return mapSecurityDefaults(raw);
    case "role-definitions":
      return mapRoleDefinition(raw);
    case "role-assignments": {
      const t =
        isObj(raw) && (raw.assignmentType === "eligible" || /Eligibility/i.test(context ?? "")) ? "eligible" : "active";
      return mapRoleAssignment(raw, t);
    }
    case "service-principals":
      return mapServicePrincipal(raw);
    case "subscribed-skus":
      return mapSubscribedSku(raw);
    case "rooms":
      return mapRoom(raw);
    case "authentication-methods": {
      const fromCtx = /users\('([^']+)'\)/.exec(context ?? "")?.[1];
      const uid = isObj(raw) && typeof raw.userId === "string" ? raw.userId : (fromCtx ?? "");
      return mapAuthenticationMethod(uid, raw);
    }
    case "group-members": {
      // Graph's /groups/{id}/members pages (context #directoryObjects) name the group only in the
      // request: in the context, or in the path of a Graph-mirror folder (the simulator's layout).
      const gid =
        /groups\('([^']+)'\)\/members/.exec(context ?? "")?.[1] ??
        /groups[\\/]([0-9a-f-]{36})[\\/]members/i.exec(file)?.[1] ??
        null;
      if (isObj(raw) && raw.groupId === undefined && gid) {
        const t = typeof raw["@odata.type"] === "string" ? (raw["@odata.type"] as string) : undefined;
        return mapGroupMember({ groupId: gid, memberId: raw.memberId ?? raw.id, memberType: raw.memberType ?? t });
      }
      return mapGroupMember(raw);
    }
    case "access-patterns":
      return mapAccessPattern(raw);
    case "tenant":
      return mapTenant(raw);
    case "authentication-details":
      return { ok: false, diagnostics: [missing("authenticationDetail", "Request ID")] };
  }
}

function missing(kind: string, field: string): Diagnostic {
  return { code: "graph.missing-field", severity: "error", message: `${kind}: '${field}' is missing`, path: field };
}

function mapGroupMember(raw: unknown): Result<GroupMember> {
  const o = isObj(raw) ? raw : {};
  const d: Diagnostic[] = [];
  if (typeof o.groupId !== "string" || !o.groupId) d.push(missing("groupMember", "groupId"));
  if (typeof o.memberId !== "string" || !o.memberId) d.push(missing("groupMember", "memberId"));
  if (d.length) return { ok: false, diagnostics: d };
  const t = typeof o.memberType === "string" ? o.memberType.replace(/^#?microsoft\.graph\./, "") : "user";
  const memberType = (
    ["user", "group", "servicePrincipal", "device"].includes(t) ? t : "user"
  ) as GroupMember["memberType"];
  return {
    ok: true,
    value: { groupId: o.groupId as string, memberId: o.memberId as string, memberType },
    diagnostics: [],
  };
}

function mapAccessPattern(raw: unknown): Result<AccessPattern> {
  const o = isObj(raw) ? raw : {};
  const d: Diagnostic[] = [];
  for (const k of ["userId", "signInEventType", "appId", "firstSeen", "lastSeen"])
    if (typeof o[k] !== "string") d.push(missing("accessPattern", k));
  for (const k of ["count", "successCount", "failureCount", "interruptCount", "mfaCount"])
    if (typeof o[k] !== "number") d.push(missing("accessPattern", k));
  if (d.length) return { ok: false, diagnostics: d };
  return { ok: true, value: o as unknown as AccessPattern, diagnostics: [] };
}

function mapTenant(raw: unknown): Result<Partial<SnapshotMeta>> {
  const o = isObj(raw) ? raw : {};
  if (typeof o.tenantId !== "string") return { ok: false, diagnostics: [missing("tenant", "tenantId")] };
  const { "@odata.context": _c, ...rest } = o;
  return { ok: true, value: rest as Partial<SnapshotMeta>, diagnostics: [] };
}

/** The time a record carries (its creation or change), for the snapshot's capture time. */
export function timeOf(kind: ImportKind, v: unknown): string | null {
  const o = v as Record<string, unknown>;
  const t =
    kind === "sign-ins"
      ? o.createdDateTime
      : kind === "audits"
        ? o.activityDateTime
        : kind === "registrations"
          ? o.lastUpdatedDateTime
          : kind === "policies" || kind === "named-locations"
            ? (o.modifiedDateTime ?? o.createdDateTime)
            : null;
  return typeof t === "string" ? t : null;
}
