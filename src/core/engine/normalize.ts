// Normalisation of Conditional Access policies, in whatever shape they arrived, into NormalizedPolicy.
// Accepts Graph camelCase, PowerShell PascalCase, mixed key casing, OData annotations, null / absent /
// {} / all-null objects ("not configured"), comma-separated flag enums and any value casing.
// Never throws: a field it cannot read becomes a diagnostic naming the policy and the field path.
// Shapes: https://learn.microsoft.com/graph/api/resources/conditionalaccesspolicy

import { camelKey } from "../model/camel-key.js";
import type { Diagnostic } from "../model/diagnostics.js";
import { isGuid } from "../model/guid.js";
import { parseDeviceFilter } from "./device-filter/parser.js";
import type {
  ApplicationsCondition,
  ClientAppType,
  DeviceFilterCondition,
  GrantSpec,
  GuestSpec,
  GuestType,
  InsiderRiskLevel,
  LocationsCondition,
  NormalizedPolicy,
  NormalizedState,
  Platform,
  PlatformsCondition,
  Ref,
  RiskLevel,
  SessionSpec,
  TransferMethod,
  UserAction,
  UsersCondition,
  WorkloadCondition,
} from "./types.js";

export interface NormalizeOptions {
  /** Label of the source (file name) for diagnostics and derived ids; a function gets the index in `raw`. */
  readonly sourceName?: string | ((index: number) => string | undefined);
}

export interface NormalizeOutput {
  readonly policies: NormalizedPolicy[];
  readonly diagnostics: Diagnostic[];
}

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** An unset value is "not configured"; a set value that is not an object is reported and ignored. */
function section(v: unknown, path: string, c: Ctx): Obj | null {
  if (isUnset(v)) return null;
  if (!isObj(v)) {
    c.diag(
      "error",
      "policy.bad-type",
      path,
      `expected an object, found ${Array.isArray(v) ? "an array" : typeof v}; ignored`,
    );
    return null;
  }
  return v;
}

/** Deep copy with keys in camelCase and OData annotations dropped; duplicate keys keep the configured value. */
export function camelizeKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(camelizeKeys);
  if (!isObj(v)) return v;
  const out: Obj = {};
  for (const [k, val] of Object.entries(v)) {
    if (k.includes("@") || k.startsWith("odata.")) continue;
    const key = camelKey(k);
    const conv = camelizeKeys(val);
    if (key in out && isUnset(conv)) continue;
    out[key] = conv;
  }
  return out;
}

/** null, absent, "", [], {} and objects whose every member is unset all mean "not configured". */
export function isUnset(v: unknown): boolean {
  if (v === null || v === undefined) return true;
  if (typeof v === "string") return v.trim() === "";
  if (Array.isArray(v)) return v.length === 0;
  if (isObj(v)) return Object.values(v).every(isUnset);
  return false;
}

function canon<T extends string>(values: readonly T[]): Map<string, T> {
  return new Map(values.map((v) => [v.toLowerCase(), v]));
}

const STATES = new Map<string, NormalizedState>([
  ["enabled", "enabled"],
  ["on", "enabled"],
  ["disabled", "disabled"],
  ["off", "disabled"],
  ["enabledforreportingbutnotenforced", "reportOnly"],
  ["reportonly", "reportOnly"],
]);
const CLIENT_APPS = canon<ClientAppType | "easSupported" | "all">([
  "all",
  "browser",
  "mobileAppsAndDesktopClients",
  "exchangeActiveSync",
  "easSupported",
  "other",
]);
const PLATFORM_VALUES = canon<Platform | "all">(["all", "android", "iOS", "windows", "windowsPhone", "macOS", "linux"]);
const RISKS = canon<RiskLevel>(["none", "low", "medium", "high", "hidden"]);
const INSIDER = canon<InsiderRiskLevel | "none">(["none", "minor", "moderate", "elevated"]);
const TRANSFERS = canon<TransferMethod>(["none", "deviceCodeFlow", "authenticationTransfer"]);
const GUEST_TYPE_VALUES = canon<GuestType | "none">([
  "none",
  "internalGuest",
  "b2bCollaborationGuest",
  "b2bCollaborationMember",
  "b2bDirectConnectUser",
  "otherExternalUser",
  "serviceProvider",
]);
const CONTROLS = canon([
  "block",
  "mfa",
  "compliantDevice",
  "domainJoinedDevice",
  "approvedApplication",
  "compliantApplication",
  "passwordChange",
  "riskRemediation",
]);
const USER_ACTIONS = new Map<string, UserAction>([
  ["urn:user:registersecurityinfo", "registerSecurityInfo"],
  ["registersecurityinfo", "registerSecurityInfo"],
  ["registersecurityinformation", "registerSecurityInfo"],
  ["urn:user:registerdevice", "registerOrJoinDevices"],
  ["registerdevice", "registerOrJoinDevices"],
  ["registerorjoindevices", "registerOrJoinDevices"],
]);
/** Application keywords, canonical spelling. https://learn.microsoft.com/entra/identity/conditional-access/concept-conditional-access-cloud-apps */
export const APP_KEYWORDS = canon(["Office365", "MicrosoftAdminPortals", "AllAgentIdResources"]);

const KNOWN_CONDITIONS = new Set([
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
]);

/** A stable id for a policy that has none: derived from its source name and display name (FNV-1a). */
export function derivedPolicyId(displayName: string, sourceName?: string): string {
  const text = `${sourceName ?? ""}\u0000${displayName}`;
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `local-${h.toString(16).padStart(8, "0")}`;
}

class Ctx {
  readonly diagnostics: Diagnostic[] = [];
  constructor(
    readonly policyId: string | undefined,
    readonly file: string | undefined,
  ) {}
  diag(severity: Diagnostic["severity"], code: string, path: string, message: string): void {
    const d: { -readonly [K in keyof Diagnostic]: Diagnostic[K] } = { code, severity, message, path };
    if (this.policyId) d.policyId = this.policyId;
    if (this.file) d.file = this.file;
    this.diagnostics.push(d);
  }
}

/** A list of strings from an array or a comma-separated string; null when unset. */
function strings(v: unknown, path: string, c: Ctx): string[] | null {
  if (v === null || v === undefined) return null;
  if (typeof v === "string") {
    const parts = v
      .split(",")
      .map((s) => s.trim())
      .filter((s) => s.length > 0);
    return parts;
  }
  if (Array.isArray(v)) {
    const out: string[] = [];
    v.forEach((x, i) => {
      if (typeof x === "string") {
        if (x.trim() !== "") out.push(x.trim());
      } else if (x !== null && x !== undefined) {
        c.diag("warning", "policy.bad-value", `${path}[${i}]`, `expected a string, found ${typeof x}; ignored`);
      }
    });
    return out;
  }
  c.diag("error", "policy.bad-type", path, `expected a list, found ${typeof v}; ignored`);
  return null;
}

function enumList<T extends string>(v: unknown, path: string, c: Ctx, table: Map<string, T>, what: string): T[] | null {
  const list = strings(v, path, c);
  if (list === null) return null;
  const out: T[] = [];
  list.forEach((s, i) => {
    const t = table.get(s.toLowerCase());
    if (t === undefined) {
      c.diag("warning", "policy.unknown-enum", `${path}[${i}]`, `unknown ${what} '${s}'; it can match nothing`);
    } else if (!out.includes(t)) out.push(t);
  });
  return out;
}

/** A reference: GUIDs lower-cased; anything that cannot be an id (placeholder, name) is flagged. */
function ref(raw: string, path: string, c: Ctx, keywords?: Map<string, string>): Ref {
  const kw = keywords?.get(raw.toLowerCase());
  if (kw) return { raw: kw, placeholder: false };
  if (isGuid(raw)) return { raw: raw.toLowerCase(), placeholder: false };
  const placeholder = /^<.*>$/.test(raw) || /\s/.test(raw);
  if (placeholder) {
    c.diag("warning", "policy.unresolved-reference", path, `'${raw}' is a placeholder or a name, not an id`);
  }
  return { raw, placeholder };
}

function refs(list: readonly string[] | null, path: string, c: Ctx, keywords?: Map<string, string>): Ref[] {
  return (list ?? []).map((s, i) => ref(s, `${path}[${i}]`, c, keywords));
}

function guestSpec(v: unknown, path: string, c: Ctx): GuestSpec | null {
  if (isUnset(v) || !isObj(v)) return null;
  const types = (
    enumList(v.guestOrExternalUserTypes, `${path}.guestOrExternalUserTypes`, c, GUEST_TYPE_VALUES, "guest type") ?? []
  ).filter((t): t is GuestType => t !== "none");
  if (types.length === 0) return null;
  let tenants: GuestSpec["tenants"] = "all";
  const ext = v.externalTenants;
  if (isObj(ext) && typeof ext.membershipKind === "string" && ext.membershipKind.toLowerCase() === "enumerated") {
    tenants = (strings(ext.members, `${path}.externalTenants.members`, c) ?? []).map((s) => s.toLowerCase());
  }
  return { types, tenants };
}

function usersCondition(input: unknown, path: string, c: Ctx): UsersCondition | null {
  const v = section(input, path, c);
  if (!v) return null;
  const inc = strings(v.includeUsers, `${path}.includeUsers`, c) ?? [];
  const exc = strings(v.excludeUsers, `${path}.excludeUsers`, c) ?? [];
  let includeAll = false;
  let includeAllGuests = false;
  const includeUsers: Ref[] = [];
  inc.forEach((s, i) => {
    const l = s.toLowerCase();
    if (l === "all") includeAll = true;
    else if (l === "none") return;
    else if (l === "guestsorexternalusers") includeAllGuests = true;
    else includeUsers.push(ref(s, `${path}.includeUsers[${i}]`, c));
  });
  let excludeAllGuests = false;
  const excludeUsers: Ref[] = [];
  exc.forEach((s, i) => {
    if (s.toLowerCase() === "guestsorexternalusers") excludeAllGuests = true;
    else excludeUsers.push(ref(s, `${path}.excludeUsers[${i}]`, c));
  });
  return {
    includeAll,
    includeAllGuests,
    includeUsers,
    includeGroups: refs(strings(v.includeGroups, `${path}.includeGroups`, c), `${path}.includeGroups`, c),
    includeRoles: refs(strings(v.includeRoles, `${path}.includeRoles`, c), `${path}.includeRoles`, c),
    includeGuests: guestSpec(v.includeGuestsOrExternalUsers, `${path}.includeGuestsOrExternalUsers`, c),
    excludeAllGuests,
    excludeUsers,
    excludeGroups: refs(strings(v.excludeGroups, `${path}.excludeGroups`, c), `${path}.excludeGroups`, c),
    excludeRoles: refs(strings(v.excludeRoles, `${path}.excludeRoles`, c), `${path}.excludeRoles`, c),
    excludeGuests: guestSpec(v.excludeGuestsOrExternalUsers, `${path}.excludeGuestsOrExternalUsers`, c),
  };
}

function filterOf(v: unknown, path: string, c: Ctx): { mode: "include" | "exclude"; rule: string } | null {
  if (isUnset(v) || !isObj(v)) return null;
  const rule = typeof v.rule === "string" ? v.rule : "";
  if (rule.trim() === "") {
    c.diag("warning", "policy.filter-empty", `${path}.rule`, "filter has no rule; ignored");
    return null;
  }
  const m = typeof v.mode === "string" ? v.mode.toLowerCase() : "";
  if (m !== "include" && m !== "exclude") {
    c.diag(
      "error",
      "policy.unknown-enum",
      `${path}.mode`,
      `filter mode '${String(v.mode)}' is not include|exclude; read as include`,
    );
  }
  return { mode: m === "exclude" ? "exclude" : "include", rule };
}

function workloadCondition(input: unknown, path: string, c: Ctx): WorkloadCondition | null {
  const v = section(input, path, c);
  if (!v) return null;
  let includeAll = false;
  const include: Ref[] = [];
  (strings(v.includeServicePrincipals, `${path}.includeServicePrincipals`, c) ?? []).forEach((s, i) => {
    const l = s.toLowerCase();
    if (l === "serviceprincipalsinmytenant" || l === "all") includeAll = true;
    else if (l !== "none") include.push(ref(s, `${path}.includeServicePrincipals[${i}]`, c));
  });
  return {
    includeAll,
    include,
    exclude: refs(
      strings(v.excludeServicePrincipals, `${path}.excludeServicePrincipals`, c),
      `${path}.excludeServicePrincipals`,
      c,
    ),
    filter: filterOf(v.servicePrincipalFilter, `${path}.servicePrincipalFilter`, c),
  };
}

function applicationsCondition(input: unknown, path: string, c: Ctx): ApplicationsCondition | null {
  const v = section(input, path, c);
  if (!v) return null;
  let includeAll = false;
  const include: Ref[] = [];
  (strings(v.includeApplications, `${path}.includeApplications`, c) ?? []).forEach((s, i) => {
    const l = s.toLowerCase();
    if (l === "all") includeAll = true;
    else if (l !== "none") include.push(ref(s, `${path}.includeApplications[${i}]`, c, APP_KEYWORDS));
  });
  const userActions: UserAction[] = [];
  (strings(v.includeUserActions, `${path}.includeUserActions`, c) ?? []).forEach((s, i) => {
    const a = USER_ACTIONS.get(s.toLowerCase());
    if (!a) c.diag("warning", "policy.unknown-enum", `${path}.includeUserActions[${i}]`, `unknown user action '${s}'`);
    else if (!userActions.includes(a)) userActions.push(a);
  });
  return {
    includeAll,
    include,
    exclude: refs(
      strings(v.excludeApplications, `${path}.excludeApplications`, c),
      `${path}.excludeApplications`,
      c,
      APP_KEYWORDS,
    ),
    userActions,
    authContexts: (
      strings(
        v.includeAuthenticationContextClassReferences,
        `${path}.includeAuthenticationContextClassReferences`,
        c,
      ) ?? []
    ).map((s) => s.toLowerCase()),
    filter: filterOf(v.applicationFilter, `${path}.applicationFilter`, c),
  };
}

function platformsCondition(input: unknown, path: string, c: Ctx): PlatformsCondition | null {
  const v = section(input, path, c);
  if (!v) return null;
  const inc = enumList(v.includePlatforms, `${path}.includePlatforms`, c, PLATFORM_VALUES, "platform") ?? [];
  const exc = enumList(v.excludePlatforms, `${path}.excludePlatforms`, c, PLATFORM_VALUES, "platform") ?? [];
  if (exc.includes("all")) {
    c.diag(
      "warning",
      "policy.unknown-enum",
      `${path}.excludePlatforms`,
      "excluding 'all' platforms excludes every known platform",
    );
  }
  const include = inc.filter((p): p is Platform => p !== "all");
  if (inc.length === 0 && exc.length > 0) {
    c.diag(
      "warning",
      "policy.platforms-no-include",
      `${path}.includePlatforms`,
      "platforms excluded but none included: matches nothing",
    );
  }
  return {
    includeAll: inc.includes("all"),
    include,
    exclude: exc.includes("all")
      ? ["android", "iOS", "windows", "windowsPhone", "macOS", "linux"]
      : exc.filter((p): p is Platform => p !== "all"),
  };
}

const LOCATION_KEYWORDS = new Map([["alltrusted", "AllTrusted"]]);

function locationsCondition(input: unknown, path: string, c: Ctx): LocationsCondition | null {
  const v = section(input, path, c);
  if (!v) return null;
  let includeAll = false;
  let includeAllTrusted = false;
  const include: Ref[] = [];
  (strings(v.includeLocations, `${path}.includeLocations`, c) ?? []).forEach((s, i) => {
    const l = s.toLowerCase();
    if (l === "all") includeAll = true;
    else if (l === "alltrusted") includeAllTrusted = true;
    else include.push(ref(s, `${path}.includeLocations[${i}]`, c, LOCATION_KEYWORDS));
  });
  let excludeAllTrusted = false;
  const exclude: Ref[] = [];
  (strings(v.excludeLocations, `${path}.excludeLocations`, c) ?? []).forEach((s, i) => {
    const l = s.toLowerCase();
    if (l === "alltrusted") excludeAllTrusted = true;
    else if (l === "all") {
      c.diag(
        "warning",
        "policy.unknown-enum",
        `${path}.excludeLocations[${i}]`,
        "excluding 'All' locations: matches nothing",
      );
      exclude.push({ raw: "All", placeholder: false });
    } else exclude.push(ref(s, `${path}.excludeLocations[${i}]`, c));
  });
  if (!includeAll && !includeAllTrusted && include.length === 0 && (excludeAllTrusted || exclude.length > 0)) {
    // Graph requires an include; exports of "All locations except X" sometimes drop it.
    c.diag(
      "warning",
      "policy.locations-no-include",
      `${path}.includeLocations`,
      "no location included: matches nothing",
    );
  }
  return { includeAll, includeAllTrusted, include, excludeAllTrusted, exclude };
}

function optionalLevels<T extends string>(
  v: unknown,
  path: string,
  c: Ctx,
  table: Map<string, T>,
  what: string,
): T[] | null {
  const l = enumList(v, path, c, table, what);
  if (l === null) return null;
  if (l.length === 0) {
    // Empty = not configured, unless the source had only unknown values (then it can match nothing).
    return (strings(v, path, c) ?? []).length > 0 ? [] : null;
  }
  return l;
}

function deviceFilterCondition(input: unknown, path: string, c: Ctx): DeviceFilterCondition | null {
  const v = section(input, path, c);
  if (!v) return null;
  const f = filterOf(v.deviceFilter, `${path}.deviceFilter`, c);
  if (!f) return null;
  const parsed = parseDeviceFilter(f.rule);
  if ("error" in parsed) {
    c.diag(
      "error",
      "filter.syntax",
      `${path}.deviceFilter.rule`,
      `device filter does not parse at character ${parsed.error.pos + 1}: ${parsed.error.message}`,
    );
    return { mode: f.mode, rule: f.rule, ast: null };
  }
  return { mode: f.mode, rule: f.rule, ast: parsed.ast };
}

function grantSpec(input: unknown, path: string, c: Ctx): GrantSpec | null {
  const v = section(input, path, c);
  if (!v) return null;
  const controls: string[] = [];
  (strings(v.builtInControls, `${path}.builtInControls`, c) ?? []).forEach((s, i) => {
    const k = CONTROLS.get(s.toLowerCase());
    if (k) {
      if (!controls.includes(k)) controls.push(k);
    } else {
      c.diag(
        "warning",
        "policy.unknown-enum",
        `${path}.builtInControls[${i}]`,
        `unknown grant control '${s}'; treated as unsatisfiable`,
      );
      controls.push(`unknown:${s}`);
    }
  });
  let authenticationStrength: Ref | null = null;
  const st = v.authenticationStrength;
  if (!isUnset(st) && isObj(st)) {
    const id = typeof st.id === "string" && st.id.trim() !== "" ? st.id.trim() : null;
    const name = typeof st.displayName === "string" ? st.displayName : null;
    if (id || name) {
      authenticationStrength = id
        ? ref(id, `${path}.authenticationStrength.id`, c)
        : { raw: name as string, placeholder: true };
      if (!id)
        c.diag(
          "warning",
          "policy.unresolved-reference",
          `${path}.authenticationStrength`,
          `strength named '${name}' without an id`,
        );
      controls.push(`authenticationStrength:${authenticationStrength.raw}`);
    }
  }
  for (const t of strings(v.termsOfUse, `${path}.termsOfUse`, c) ?? []) controls.push(`termsOfUse:${t}`);
  for (const t of strings(v.customAuthenticationFactors, `${path}.customAuthenticationFactors`, c) ?? []) {
    controls.push(`custom:${t}`);
  }
  if (controls.length === 0) return null;
  let operator: "AND" | "OR" = "OR";
  if (typeof v.operator === "string") {
    const o = v.operator.toUpperCase();
    if (o === "AND" || o === "OR") operator = o;
    else
      c.diag(
        "warning",
        "policy.unknown-enum",
        `${path}.operator`,
        `operator '${v.operator}' is not AND|OR; read as OR`,
      );
  } else if (controls.length > 1) {
    c.diag(
      "warning",
      "policy.missing-operator",
      `${path}.operator`,
      "several controls without an operator; read as OR",
    );
  }
  if (controls.includes("mfa") && authenticationStrength) {
    c.diag(
      "warning",
      "policy.mfa-and-strength",
      path,
      "'Require MFA' and an authentication strength cannot share a policy in Entra",
    );
  }
  return { operator, controls, authenticationStrength };
}

function enabledObj(v: unknown): Obj | null {
  if (isUnset(v) || !isObj(v)) return null;
  if (v.isEnabled === false) return null;
  return v;
}

function sessionSpec(v: unknown): SessionSpec | null {
  if (isUnset(v) || !isObj(v)) return null;
  const sif = enabledObj(v.signInFrequency);
  const pb = enabledObj(v.persistentBrowser);
  const mcas = enabledObj(v.cloudAppSecurity);
  const aer = enabledObj(v.applicationEnforcedRestrictions);
  const cae = isObj(v.continuousAccessEvaluation) ? v.continuousAccessEvaluation.mode : null;
  const s: SessionSpec = {
    signInFrequency: sif
      ? {
          value: typeof sif.value === "number" ? sif.value : null,
          type: sif.type === "days" || sif.type === "hours" ? sif.type : null,
          everyTime: typeof sif.frequencyInterval === "string" && sif.frequencyInterval.toLowerCase() === "everytime",
          authenticationType: typeof sif.authenticationType === "string" ? sif.authenticationType : null,
        }
      : null,
    persistentBrowser: pb && (pb.mode === "always" || pb.mode === "never") ? pb.mode : null,
    cloudAppSecurity: mcas && typeof mcas.cloudAppSecurityType === "string" ? mcas.cloudAppSecurityType : null,
    applicationEnforcedRestrictions: aer !== null,
    disableResilienceDefaults: v.disableResilienceDefaults === true,
    continuousAccessEvaluation: typeof cae === "string" ? cae : null,
    secureSignInSession: enabledObj(v.secureSignInSession) !== null,
  };
  const any =
    s.signInFrequency ||
    s.persistentBrowser ||
    s.cloudAppSecurity ||
    s.applicationEnforcedRestrictions ||
    s.disableResilienceDefaults ||
    s.continuousAccessEvaluation ||
    s.secureSignInSession;
  return any ? s : null;
}

function sourceOf(opts: NormalizeOptions | undefined, index: number): string | undefined {
  const s = opts?.sourceName;
  return typeof s === "function" ? s(index) : s;
}

/**
 * Normalise one parsed policy. Returns null (with an error diagnostic) when the value is not a policy
 * at all: not an object, or without `conditions`.
 */
export function normalizePolicy(
  raw: unknown,
  sourceName?: string,
): { policy: NormalizedPolicy | null; diagnostics: Diagnostic[] } {
  const p = camelizeKeys(raw);
  if (!isObj(p)) {
    const c = new Ctx(undefined, sourceName);
    c.diag(
      "error",
      "policy.not-an-object",
      "",
      `expected a policy object, found ${Array.isArray(raw) ? "an array" : typeof raw}`,
    );
    return { policy: null, diagnostics: c.diagnostics };
  }
  const displayName =
    typeof p.displayName === "string" && p.displayName.trim() !== ""
      ? p.displayName
      : (sourceName ?? "(unnamed policy)");
  const rawId = typeof p.id === "string" && p.id.trim() !== "" ? p.id.trim() : null;
  const id = rawId ?? derivedPolicyId(displayName, sourceName);
  const c = new Ctx(id, sourceName);
  if (!rawId) c.diag("info", "policy.derived-id", "id", `no id; using ${id} derived from the name`);
  if (typeof p.displayName !== "string" || p.displayName.trim() === "") {
    c.diag("warning", "policy.missing-name", "displayName", "no displayName");
  }
  if (isUnset(p.conditions) || !isObj(p.conditions)) {
    c.diag(
      "error",
      "policy.no-conditions",
      "conditions",
      "policy has no conditions; rejected (Entra requires users and applications)",
    );
    return { policy: null, diagnostics: c.diagnostics };
  }
  let state: NormalizedState = "enabled";
  if (typeof p.state === "string") {
    const s = STATES.get(p.state.toLowerCase());
    if (s) state = s;
    else c.diag("error", "policy.unknown-enum", "state", `unknown state '${p.state}'; evaluated as enabled`);
  } else {
    c.diag("warning", "policy.missing-state", "state", "no state; evaluated as enabled");
  }
  const cond = p.conditions;
  for (const k of Object.keys(cond)) {
    if (!KNOWN_CONDITIONS.has(k) && !isUnset(cond[k])) {
      c.diag("warning", "policy.unsupported-condition", `conditions.${k}`, `condition '${k}' is not evaluated offline`);
    }
  }
  let users = usersCondition(cond.users, "conditions.users", c);
  const workload = workloadCondition(cond.clientApplications, "conditions.clientApplications", c);
  const includesSomeone = (u: UsersCondition) =>
    u.includeAll ||
    u.includeAllGuests ||
    u.includeUsers.length > 0 ||
    u.includeGroups.length > 0 ||
    u.includeRoles.length > 0 ||
    u.includeGuests !== null;
  // Workload-identity policies carry users {includeUsers: ["None"]} next to clientApplications.
  if (users && workload && !includesSomeone(users)) users = null;
  if (users && workload) {
    c.diag(
      "warning",
      "policy.users-and-workload",
      "conditions.clientApplications",
      "both users and workload identities configured; workload part ignored",
    );
  }
  if (!users && !workload) {
    c.diag(
      "warning",
      "policy.no-users",
      "conditions.users",
      "no users or workload identities included: the policy matches nobody",
    );
    users = null;
  }
  const applications = applicationsCondition(cond.applications, "conditions.applications", c);
  if (!applications) {
    c.diag(
      "warning",
      "policy.no-applications",
      "conditions.applications",
      "no target resources: the policy matches nothing",
    );
  }
  let clientAppTypes: NormalizedPolicy["clientAppTypes"] = null;
  const cats = enumList(cond.clientAppTypes, "conditions.clientAppTypes", c, CLIENT_APPS, "client app type");
  if (cats && cats.length > 0 && !cats.includes("all")) {
    clientAppTypes = cats.filter((x): x is ClientAppType | "easSupported" => x !== "all");
  } else if (
    cats &&
    cats.length === 0 &&
    (strings(cond.clientAppTypes, "conditions.clientAppTypes", c) ?? []).length > 0
  ) {
    clientAppTypes = [];
  }
  let insider: InsiderRiskLevel[] | null = optionalLevels(
    cond.insiderRiskLevels,
    "conditions.insiderRiskLevels",
    c,
    INSIDER,
    "insider risk level",
  );
  if (insider && insider.length === 1 && insider[0] === "none") insider = null;
  let flows: TransferMethod[] | null = null;
  if (isObj(cond.authenticationFlows)) {
    flows = optionalLevels(
      cond.authenticationFlows.transferMethods,
      "conditions.authenticationFlows.transferMethods",
      c,
      TRANSFERS,
      "transfer method",
    );
    if (flows && flows.length > 0 && flows.every((f) => f === "none")) flows = null;
  }
  const policy: NormalizedPolicy = {
    id,
    displayName,
    ...(sourceName ? { sourceName } : {}),
    state,
    users,
    workload: users ? null : workload,
    applications,
    clientAppTypes,
    platforms: platformsCondition(cond.platforms, "conditions.platforms", c),
    locations: locationsCondition(cond.locations, "conditions.locations", c),
    signInRiskLevels: optionalLevels(cond.signInRiskLevels, "conditions.signInRiskLevels", c, RISKS, "risk level"),
    userRiskLevels: optionalLevels(cond.userRiskLevels, "conditions.userRiskLevels", c, RISKS, "risk level"),
    servicePrincipalRiskLevels: optionalLevels(
      cond.servicePrincipalRiskLevels,
      "conditions.servicePrincipalRiskLevels",
      c,
      RISKS,
      "risk level",
    ),
    insiderRiskLevels: insider,
    authenticationFlows: flows,
    deviceFilter: deviceFilterCondition(cond.devices, "conditions.devices", c),
    grant: grantSpec(p.grantControls, "grantControls", c),
    session: sessionSpec(p.sessionControls),
  };
  return { policy, diagnostics: c.diagnostics };
}

/**
 * Normalise a list of parsed policies. Policies without an id get a stable derived one; duplicate ids
 * get a `#2`, `#3` suffix and a diagnostic. Never throws.
 */
export function normalizePolicies(raw: readonly unknown[], opts?: NormalizeOptions): NormalizeOutput {
  const policies: NormalizedPolicy[] = [];
  const diagnostics: Diagnostic[] = [];
  const seen = new Map<string, number>();
  raw.forEach((r, i) => {
    const { policy, diagnostics: d } = normalizePolicy(r, sourceOf(opts, i));
    diagnostics.push(...d);
    if (!policy) return;
    const n = (seen.get(policy.id) ?? 0) + 1;
    seen.set(policy.id, n);
    if (n > 1) {
      const id = `${policy.id}#${n}`;
      diagnostics.push({
        code: "policy.duplicate-id",
        severity: "warning",
        message: `duplicate policy id; renamed ${id}`,
        path: "id",
        policyId: policy.id,
      });
      policies.push({ ...policy, id });
    } else policies.push(policy);
  });
  return { policies, diagnostics };
}
