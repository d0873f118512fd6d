// Import kinds and their detection from content: @odata.context of the wrapper, wrapper keys, and the
// fields of the records themselves (file names are only a hint for the sign-in event type of CSVs).

export const IMPORT_KINDS = [
  "policies",
  "named-locations",
  "sign-ins",
  "registrations",
  "users",
  "groups",
  "audits",
  "authentication-strengths",
  "authentication-methods-policy",
  "security-defaults",
  "role-definitions",
  "role-assignments",
  "service-principals",
  "subscribed-skus",
  "rooms",
  "authentication-methods",
  "group-members",
  "access-patterns",
  "tenant",
  "authentication-details",
] as const;

export type ImportKind = (typeof IMPORT_KINDS)[number];

/** Kinds a user may force with --kind (the rest are detected only; they come from Glidepath's own export). */
export const USER_KINDS = [
  "policies",
  "named-locations",
  "sign-ins",
  "registrations",
  "users",
  "groups",
  "audits",
  "authentication-strengths",
] as const satisfies readonly ImportKind[];

type Obj = Record<string, unknown>;

/** @odata.context fragments (after `$metadata#`) → kind. Checked in order; more specific first. */
const CONTEXT: readonly [RegExp, ImportKind][] = [
  [/glidepath\.tenant/i, "tenant"],
  [/glidepath\.accessPatterns/i, "access-patterns"],
  [/glidepath\.groupMembers|groups\('[^']*'\)\/members|#directoryObjects$/i, "group-members"],
  [/glidepath\.userAuthenticationMethods|\/authentication\/methods/i, "authentication-methods"],
  [/auditLogs\/signIns/i, "sign-ins"],
  [/auditLogs\/directoryAudits/i, "audits"],
  [/userRegistrationDetails/i, "registrations"],
  [/authenticationStrength(Policies|\/policies)/i, "authentication-strengths"],
  [/namedLocations/i, "named-locations"],
  [/conditionalAccess\/policies|conditionalAccessPolicies/i, "policies"],
  [/authenticationMethodsPolicy/i, "authentication-methods-policy"],
  [/identitySecurityDefaultsEnforcementPolicy/i, "security-defaults"],
  [/roleDefinitions/i, "role-definitions"],
  [/roleAssignments|roleAssignmentScheduleInstances|roleEligibilityScheduleInstances/i, "role-assignments"],
  [/servicePrincipals/i, "service-principals"],
  [/subscribedSkus/i, "subscribed-skus"],
  [/microsoft\.graph\.room|places/i, "rooms"],
  [/#groups/i, "groups"],
  [/#users/i, "users"],
];

export function kindFromContext(context: unknown): ImportKind | null {
  if (typeof context !== "string") return null;
  const frag = context.includes("#") ? context.slice(context.indexOf("#")) : context;
  for (const [re, k] of CONTEXT) if (re.test(frag)) return k;
  return null;
}

/** Wrapper keys other tools use for records (compared case-insensitively, `_` ignored). */
const WRAPPERS: Readonly<Record<string, ImportKind | "auto">> = {
  value: "auto",
  policyconfig: "policies",
  conditionalaccesspolicies: "policies",
  policies: "policies",
  namedlocations: "named-locations",
  users: "users",
  groups: "groups",
  signins: "sign-ins",
  registrations: "registrations",
  userregistrationdetails: "registrations",
  directoryaudits: "audits",
  audits: "audits",
  authenticationstrengthpolicies: "authentication-strengths",
};

export function wrapperKind(key: string): ImportKind | "auto" | null {
  return WRAPPERS[key.toLowerCase().replace(/_/g, "")] ?? null;
}

const TYPE: readonly [RegExp, ImportKind][] = [
  [/conditionalAccessPolicy$/i, "policies"],
  [/NamedLocation$/i, "named-locations"],
  [/authenticationStrengthPolicy$/i, "authentication-strengths"],
  [/authenticationMethodsPolicy$/i, "authentication-methods-policy"],
  [/identitySecurityDefaultsEnforcementPolicy$/i, "security-defaults"],
  [/userRegistrationDetails$/i, "registrations"],
  [/signIn$/i, "sign-ins"],
  [/directoryAudit$/i, "audits"],
  [/AuthenticationMethod$/i, "authentication-methods"],
  [/\.user$/i, "users"],
  [/\.group$/i, "groups"],
  [/servicePrincipal$/i, "service-principals"],
  [/unifiedRoleDefinition$/i, "role-definitions"],
  [/room$/i, "rooms"],
];

/** The kind of one record from its (key-normalised) fields, or null when it matches none. */
export function kindOfRecord(o: Obj): ImportKind | null {
  const t = o["@odata.type"];
  if (typeof t === "string") for (const [re, k] of TYPE) if (re.test(t)) return k;
  const has = (k: string) => k in o;
  if (has("conditions") || has("grantControls") || has("sessionControls")) return "policies";
  if (has("ipRanges") || has("countriesAndRegions")) return "named-locations";
  if (has("allowedCombinations")) return "authentication-strengths";
  if (has("authenticationMethodConfigurations")) return "authentication-methods-policy";
  if (has("isMfaCapable") || has("isMfaRegistered") || has("methodsRegistered")) return "registrations";
  if (has("activityDateTime") || has("activityDisplayName")) return "audits";
  if (
    has("createdDateTime") &&
    (has("status") ||
      has("clientAppUsed") ||
      has("signInEventTypes") ||
      has("appliedConditionalAccessPolicies") ||
      has("isInteractive"))
  ) {
    return "sign-ins";
  }
  if (has("groupId") && has("memberId")) return "group-members";
  if (has("skuPartNumber")) return "subscribed-skus";
  if (has("principalId") && has("roleDefinitionId")) return "role-assignments";
  if (has("rolePermissions") || (has("templateId") && has("isBuiltIn"))) return "role-definitions";
  if (has("appId") && has("servicePrincipalType")) return "service-principals";
  if (has("groupTypes") || has("securityEnabled") || has("mailEnabled") || has("membershipRule")) return "groups";
  if (has("userPrincipalName")) return "users";
  return null;
}
