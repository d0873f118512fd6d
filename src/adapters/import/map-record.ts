// Records of every import kind mapped to the model: the Graph mappers where Graph's shape is the input,
// and the few record shapes only exports have (group members, access patterns, the tenant record).

import type { Diagnostic, Result } from "../../core/model/diagnostics.js";
import {
  type AccessPattern,
  COLLECTIONS,
  type GroupMember,
  type SnapshotMeta,
  type SnapshotSource,
} from "../../core/model/index.js";
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

/** An ISO-8601 time with a zone whose date and time exist (2026-02-30 does not), as exports write them. */
const ISO_ZONED = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
function isIsoTime(v: unknown): v is string {
  if (typeof v !== "string") return false;
  const m = ISO_ZONED.exec(v);
  if (!m) return false;
  const [y, mo, d, h, mi] = m.slice(1, 6).map(Number) as [number, number, number, number, number];
  const day = new Date(Date.UTC(y, mo - 1, d));
  return Number.isFinite(Date.parse(v)) && day.getUTCMonth() === mo - 1 && day.getUTCDate() === d && h < 24 && mi < 60;
}

const SOURCES: readonly SnapshotSource[] = ["simulator", "graph", "import"];

/**
 * Glidepath's own tenant record (tenant.json of `export`). Every field is checked, for the snapshot's meta
 * feeds every command: a capture time that is not a time broke them all later ("Invalid time value"). Only
 * the known fields are kept; anything else in the record is ignored.
 */
function mapTenant(raw: unknown): Result<Partial<SnapshotMeta>> {
  if (!isObj(raw)) return { ok: false, diagnostics: [bad("the tenant record is not a JSON object", "")] };
  const o = raw;
  const d: Diagnostic[] = [];
  const out: Record<string, unknown> = {};
  if (typeof o.tenantId !== "string" || o.tenantId.trim() === "") d.push(missing("tenant", "tenantId"));
  else out.tenantId = o.tenantId;
  if (o.tenantDisplayName !== undefined) {
    if (typeof o.tenantDisplayName !== "string")
      d.push(bad("'tenantDisplayName' must be a string", "tenantDisplayName"));
    else out.tenantDisplayName = o.tenantDisplayName;
  }
  for (const k of ["defaultDomain", "initialDomain"] as const) {
    if (o[k] === undefined) continue;
    if (o[k] !== null && typeof o[k] !== "string") d.push(bad(`'${k}' must be a domain name or null`, k));
    else out[k] = o[k];
  }
  if (o.capturedAt !== undefined) {
    if (!isIsoTime(o.capturedAt))
      d.push(
        bad(
          `'capturedAt' must be an ISO-8601 time such as 2026-11-02T00:00:00Z, got ${show(o.capturedAt)}`,
          "capturedAt",
        ),
      );
    else out.capturedAt = o.capturedAt;
  }
  if (o.source !== undefined) {
    if (!SOURCES.includes(o.source as SnapshotSource))
      d.push(bad(`'source' must be one of ${SOURCES.join(", ")}, got ${show(o.source)}`, "source"));
    else out.source = o.source;
  }
  if (o.present !== undefined) {
    const unknown = Array.isArray(o.present)
      ? o.present.filter((c) => !(COLLECTIONS as readonly unknown[]).includes(c))
      : null;
    if (unknown === null) d.push(bad("'present' must be a list of collection names", "present"));
    else if (unknown.length > 0)
      d.push(bad(`'present' names unknown collection(s) ${unknown.map(show).join(", ")}`, "present"));
    else out.present = o.present;
  }
  if (o.signInWindow !== undefined && o.signInWindow !== null) {
    const w = o.signInWindow;
    if (!isObj(w) || !isIsoTime(w.from) || !isIsoTime(w.to) || Date.parse(w.from) > Date.parse(w.to))
      d.push(bad("'signInWindow' must be null or {from, to} with ISO-8601 times, from before to", "signInWindow"));
    else out.signInWindow = { from: w.from, to: w.to };
  }
  if (o.signInCount !== undefined) {
    if (typeof o.signInCount !== "number" || !Number.isSafeInteger(o.signInCount) || o.signInCount < 0)
      d.push(bad("'signInCount' must be a whole number, 0 or more", "signInCount"));
    else out.signInCount = o.signInCount;
  }
  if (d.length) return { ok: false, diagnostics: d };
  return { ok: true, value: out as Partial<SnapshotMeta>, diagnostics: [] };
}

function bad(message: string, path: string): Diagnostic {
  return { code: "graph.invalid-field", severity: "error", message: `tenant: ${message}`, path };
}

/** A value as shown in a message: short, and JSON so a string shows its quotes. */
function show(v: unknown): string {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
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
            : kind === "tenant"
              ? o.capturedAt
              : null;
  return typeof t === "string" ? t : null;
}
