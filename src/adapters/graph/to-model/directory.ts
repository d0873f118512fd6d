// Raw Graph directory objects (users, groups, roles, service principals, licences, rooms) → model types.
// https://learn.microsoft.com/graph/api/resources/user, /group, /unifiedroleassignment, /serviceprincipal

import { fail, ok, type Result } from "../../../core/model/diagnostics.js";
import type {
  Group,
  RoleAssignment,
  RoleDefinition,
  Room,
  ServicePrincipal,
  SubscribedSku,
  User,
} from "../../../core/model/directory.js";
import { compact, Fields, isObj, type Obj } from "./fields.js";
import { normalizeKeys } from "./normalize.js";

function notObject<T>(kind: string, raw: unknown): Result<T> {
  return fail([
    {
      code: "graph.not-an-object",
      severity: "error",
      message: `${kind}: expected a JSON object, got ${raw === null ? "null" : Array.isArray(raw) ? "an array" : typeof raw}`,
    },
  ]);
}

/**
 * True when a record needs key normalisation: a PascalCase, `@`/`#`-annotated or `odata.type` key at the
 * top level (PowerShell and tool exports). Graph's own camelCase records skip the copy: the hot path of
 * multi-gigabyte sign-in imports.
 */
function needsNormalize(raw: Record<string, unknown>): boolean {
  for (const k in raw) {
    const c = k.charCodeAt(0);
    if ((c >= 65 && c <= 90) || c === 64 || c === 35 || k.indexOf("@") > 0 || k === "odata.type") return true;
    const v = raw[k];
    if (typeof v === "string" && v.charCodeAt(0) === 47 && v.startsWith("/Date(")) return true;
  }
  return false;
}

/** Normalise and wrap; the shared first step of every mapper. */
export function begin(kind: string, raw: unknown, deep = false): Fields | null {
  if (!deep && isObj(raw) && !needsNormalize(raw)) return new Fields(raw, kind);
  const n = normalizeKeys(raw);
  return isObj(n) ? new Fields(n, kind) : null;
}

export function done<T>(f: Fields, value: T): Result<T> {
  return f.failed ? fail(f.diagnostics) : ok(value, f.diagnostics);
}

export { notObject };

/** A Graph `user`. `userType` is normalised to `Member`/`Guest` (a `#EXT#` UPN means Guest when it is missing). */
export function mapUser(raw: unknown): Result<User> {
  const f = begin("user", raw);
  if (!f) return notObject("user", raw);
  const id = f.reqStr("id");
  const upn = f.reqStr("userPrincipalName");
  const ut = f.str("userType")?.toLowerCase();
  const userType: User["userType"] =
    ut === "guest" ? "Guest" : ut === "member" ? "Member" : upn.includes("#EXT#") ? "Guest" : "Member";
  const activity = f.obj("signInActivity");
  const lic = f.arr("assignedLicenses");
  return done(
    f,
    compact<User>({
      id,
      userPrincipalName: upn,
      displayName: f.str("displayName") ?? upn,
      userType,
      accountEnabled: f.bool("accountEnabled") ?? true,
      jobTitle: f.str("jobTitle") ?? undefined,
      department: f.str("department") ?? undefined,
      mail: f.str("mail") ?? undefined,
      onPremisesSyncEnabled: f.bool("onPremisesSyncEnabled") ?? undefined,
      createdDateTime: f.time("createdDateTime") ?? undefined,
      signInActivity: activity
        ? compact({
            lastSignInDateTime: new Fields(activity, "user").time("lastSignInDateTime"),
            lastNonInteractiveSignInDateTime: new Fields(activity, "user").time("lastNonInteractiveSignInDateTime"),
            lastSuccessfulSignInDateTime:
              new Fields(activity, "user").time("lastSuccessfulSignInDateTime") ?? undefined,
          })
        : undefined,
      assignedLicenses: lic
        ? lic.filter(isObj).map((l) =>
            compact({
              skuId: String(l.skuId ?? ""),
              disabledPlans: Array.isArray(l.disabledPlans) ? l.disabledPlans.map(String) : undefined,
            }),
          )
        : undefined,
      externalUserState: f.str("externalUserState") ?? undefined,
    }),
  );
}

export function mapGroup(raw: unknown): Result<Group> {
  const f = begin("group", raw);
  if (!f) return notObject("group", raw);
  const id = f.reqStr("id");
  const displayName = f.reqStr("displayName");
  return done(
    f,
    compact<Group>({
      id,
      displayName,
      description: f.str("description") ?? undefined,
      groupTypes: f.strs("groupTypes"),
      membershipRule: f.str("membershipRule") ?? undefined,
      securityEnabled: f.bool("securityEnabled") ?? undefined,
      mailEnabled: f.bool("mailEnabled") ?? undefined,
      isAssignableToRole: f.bool("isAssignableToRole") ?? undefined,
      onPremisesSyncEnabled: f.bool("onPremisesSyncEnabled") ?? undefined,
      createdDateTime: f.time("createdDateTime") ?? undefined,
    }),
  );
}

/** A `unifiedRoleDefinition` (or a legacy `directoryRole`, whose `roleTemplateId` becomes `templateId`). */
export function mapRoleDefinition(raw: unknown): Result<RoleDefinition> {
  const f = begin("roleDefinition", raw);
  if (!f) return notObject("roleDefinition", raw);
  const id = f.reqStr("id");
  const displayName = f.reqStr("displayName");
  const templateId = f.str("templateId") ?? f.str("roleTemplateId") ?? id;
  return done(f, { id, templateId, displayName, isBuiltIn: f.bool("isBuiltIn") ?? true });
}

/**
 * A role assignment from `roleAssignments` / `roleAssignmentScheduleInstances` (`active`) or
 * `roleEligibilityScheduleInstances` (`eligible`). `directoryScopeId` defaults to "/" (tenant-wide).
 */
export function mapRoleAssignment(
  raw: unknown,
  assignmentType: RoleAssignment["assignmentType"],
): Result<RoleAssignment> {
  const f = begin("roleAssignment", raw);
  if (!f) return notObject("roleAssignment", raw);
  const id = f.reqStr("id");
  const principalId = f.reqStr("principalId");
  const roleDefinitionId = f.has("roleDefinitionId")
    ? f.reqStr("roleDefinitionId")
    : (f.str("roleTemplateId") ?? f.reqStr("roleDefinitionId"));
  return done(
    f,
    compact<RoleAssignment>({
      id,
      principalId,
      roleDefinitionId,
      directoryScopeId: f.str("directoryScopeId") ?? "/",
      assignmentType,
      startDateTime: f.time("startDateTime") ?? undefined,
      endDateTime: f.has("endDateTime") ? f.time("endDateTime") : null,
    }),
  );
}

export function mapServicePrincipal(raw: unknown): Result<ServicePrincipal> {
  const f = begin("servicePrincipal", raw);
  if (!f) return notObject("servicePrincipal", raw);
  const id = f.reqStr("id");
  const appId = f.reqStr("appId");
  return done(
    f,
    compact<ServicePrincipal>({
      id,
      appId,
      displayName: f.str("displayName") ?? appId,
      servicePrincipalType: f.str("servicePrincipalType") ?? undefined,
      appOwnerOrganizationId: f.str("appOwnerOrganizationId") ?? undefined,
      accountEnabled: f.bool("accountEnabled") ?? undefined,
    }),
  );
}

export function mapSubscribedSku(raw: unknown): Result<SubscribedSku> {
  const f = begin("subscribedSku", raw);
  if (!f) return notObject("subscribedSku", raw);
  const skuId = f.reqStr("skuId");
  const skuPartNumber = f.reqStr("skuPartNumber");
  const pp = f.obj("prepaidUnits");
  const plans = (f.arr("servicePlans") ?? []).filter(isObj);
  return done(
    f,
    compact<SubscribedSku>({
      skuId,
      skuPartNumber,
      capabilityStatus: f.str("capabilityStatus") ?? undefined,
      consumedUnits: f.num("consumedUnits") ?? undefined,
      prepaidUnits: pp
        ? compact({
            enabled: Number(pp.enabled ?? 0),
            suspended: typeof pp.suspended === "number" ? pp.suspended : undefined,
            warning: typeof pp.warning === "number" ? pp.warning : undefined,
          })
        : undefined,
      servicePlans: plans.map((p: Obj) =>
        compact({
          servicePlanId: String(p.servicePlanId ?? ""),
          servicePlanName: String(p.servicePlanName ?? ""),
          provisioningStatus: typeof p.provisioningStatus === "string" ? p.provisioningStatus : undefined,
        }),
      ),
    }),
  );
}

export function mapRoom(raw: unknown): Result<Room> {
  const f = begin("room", raw);
  if (!f) return notObject("room", raw);
  const id = f.reqStr("id");
  const emailAddress = f.reqStr("emailAddress");
  return done(
    f,
    compact<Room>({
      id,
      displayName: f.str("displayName") ?? emailAddress,
      emailAddress,
      capacity: f.num("capacity") ?? undefined,
      building: f.str("building") ?? undefined,
    }),
  );
}
