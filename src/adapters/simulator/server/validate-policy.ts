// Validation of Conditional Access policy bodies the way Graph does it on POST/PATCH: unknown properties,
// enum values, required conditions, grant-control combinations and id formats answer 400.
// https://learn.microsoft.com/graph/api/conditionalaccessroot-post-policies

import { isGuid } from "../../../core/model/guid.js";
import { GraphHttpError } from "./graph-errors.js";

const STATES = ["enabled", "disabled", "enabledForReportingButNotEnforced"];
const BUILT_IN_CONTROLS = [
  "block",
  "mfa",
  "compliantDevice",
  "domainJoinedDevice",
  "approvedApplication",
  "compliantApplication",
  "passwordChange",
  "unknownFutureValue",
];
const CLIENT_APP_TYPES = [
  "all",
  "browser",
  "mobileAppsAndDesktopClients",
  "exchangeActiveSync",
  "easSupported",
  "other",
];
const TOP_LEVEL = new Set([
  "@odata.type",
  "@odata.context",
  "id",
  "displayName",
  "description",
  "state",
  "createdDateTime",
  "modifiedDateTime",
  "templateId",
  "conditions",
  "grantControls",
  "sessionControls",
]);
const CONDITIONS = new Set([
  "@odata.type",
  "users",
  "applications",
  "clientApplications",
  "clientAppTypes",
  "platforms",
  "locations",
  "signInRiskLevels",
  "userRiskLevels",
  "servicePrincipalRiskLevels",
  "insiderRiskLevels",
  "devices",
  "authenticationFlows",
  "times",
  "deviceStates",
  "agentIdRiskLevels",
]);

function bad(message: string, target?: string): never {
  throw new GraphHttpError(
    400,
    "BadRequest",
    message,
    target ? [{ code: "InvalidValue", message, target }] : undefined,
  );
}

function isObj(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

function strArray(v: unknown, path: string): string[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || v.some((x) => typeof x !== "string"))
    bad(`Invalid value for '${path}': expected an array of strings.`, path);
  return v as string[];
}

function ids(v: unknown, path: string, specials: readonly string[]): void {
  for (const x of strArray(v, path)) {
    if (!specials.includes(x) && !isGuid(x)) bad(`Invalid value '${x}' in '${path}': not an object id.`, path);
  }
}

/** Validate a CA policy body; `partial` for PATCH (nothing is required). Throws GraphHttpError(400). */
export function validatePolicyBody(body: unknown, partial: boolean): Record<string, unknown> {
  if (!isObj(body)) bad("The request body must be a JSON object.");
  for (const k of Object.keys(body)) if (!TOP_LEVEL.has(k)) bad(`Invalid property '${k}'.`, k);
  if (!partial || "displayName" in body) {
    if (typeof body.displayName !== "string" || body.displayName.trim() === "")
      bad("displayName is required and must be a non-empty string.", "displayName");
    if (body.displayName.length > 256) bad("displayName must be at most 256 characters.", "displayName");
  }
  if (!partial || "state" in body) {
    if (typeof body.state !== "string" || !STATES.includes(body.state))
      bad(`Invalid value '${String(body.state)}' for 'state'; expected one of ${STATES.join(", ")}.`, "state");
  }
  if (!partial || "conditions" in body) {
    const c = body.conditions;
    if (!isObj(c)) bad("conditions is required.", "conditions");
    for (const k of Object.keys(c))
      if (!CONDITIONS.has(k)) bad(`Invalid property 'conditions.${k}'.`, `conditions.${k}`);
    const users = c.users;
    const apps = c.applications;
    if (!isObj(apps)) bad("conditions.applications is required.", "conditions.applications");
    if (
      strArray(apps.includeApplications, "conditions.applications.includeApplications").length === 0 &&
      strArray(apps.includeUserActions, "conditions.applications.includeUserActions").length === 0 &&
      strArray(
        apps.includeAuthenticationContextClassReferences,
        "conditions.applications.includeAuthenticationContextClassReferences",
      ).length === 0 &&
      !isObj(apps.applicationFilter)
    )
      bad("conditions.applications must include applications, user actions or authentication contexts.");
    const hasWorkload = isObj(c.clientApplications);
    if (!hasWorkload) {
      if (!isObj(users)) bad("conditions.users is required.", "conditions.users");
      const specials = ["All", "None", "GuestsOrExternalUsers"];
      ids(users.includeUsers, "conditions.users.includeUsers", specials);
      ids(users.excludeUsers, "conditions.users.excludeUsers", specials);
      ids(users.includeGroups, "conditions.users.includeGroups", []);
      ids(users.excludeGroups, "conditions.users.excludeGroups", []);
      ids(users.includeRoles, "conditions.users.includeRoles", []);
      ids(users.excludeRoles, "conditions.users.excludeRoles", []);
      const anyInclude =
        strArray(users.includeUsers, "").length +
          strArray(users.includeGroups, "").length +
          strArray(users.includeRoles, "").length >
          0 || isObj(users.includeGuestsOrExternalUsers);
      if (!anyInclude) bad("conditions.users must include users, groups, roles or guests.", "conditions.users");
    }
    for (const t of strArray(c.clientAppTypes, "conditions.clientAppTypes")) {
      if (!CLIENT_APP_TYPES.includes(t)) bad(`Invalid value '${t}' for 'conditions.clientAppTypes'.`);
    }
  }
  if (!partial && !isObj(body.grantControls) && !isObj(body.sessionControls)) {
    bad("A policy needs grantControls or sessionControls.");
  }
  if (isObj(body.grantControls)) {
    const g = body.grantControls;
    const controls = strArray(g.builtInControls, "grantControls.builtInControls");
    for (const x of controls) {
      if (!BUILT_IN_CONTROLS.includes(x)) bad(`Invalid value '${x}' for 'grantControls.builtInControls'.`);
    }
    if (controls.includes("block") && controls.length > 1) bad("'block' cannot be combined with other grant controls.");
    if (g.operator !== undefined && g.operator !== null && g.operator !== "AND" && g.operator !== "OR")
      bad("grantControls.operator must be AND or OR.", "grantControls.operator");
    const strength = g.authenticationStrength;
    if (strength !== undefined && strength !== null && (!isObj(strength) || typeof strength.id !== "string"))
      bad("grantControls.authenticationStrength must be an object with an id.");
    if (controls.includes("mfa") && isObj(strength))
      bad("'mfa' and an authentication strength cannot be required together.");
  }
  return body;
}
