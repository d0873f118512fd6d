// CSV exports → model records: the Entra admin center's sign-in downloads (interactive, non-interactive,
// service principal, managed identity, authentication details), Log Analytics SigninLogs / AuditLogs
// exports (_dynamic columns, US timestamps, JSON in cells), and user / group / member / registration lists.
// Headers are matched by trimmed, whitespace-free, case-insensitive name, never by position.

import type { Result } from "../../core/model/diagnostics.js";
import type { AuthenticationDetail, SignIn, SignInEventType } from "../../core/model/index.js";
import { errorClassOf } from "../../core/model/index.js";
import { unneutralize } from "../../core/text/csv.js";
import { compact, mapDirectoryAudit, mapSignIn, toBool, toIsoTime } from "../graph/to-model/index.js";
import type { ImportKind } from "./kinds.js";

/** `Application ID ` → `applicationid`, `Date (UTC)` → `dateutc`, `Autonomous system  number` → `autonomoussystemnumber`. */
export function normHeader(h: string): string {
  return h
    .replace(/^\uFEFF/, "")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}

export type CsvVariant =
  | "portal-sign-ins"
  | "portal-auth-details"
  | "la-sign-ins"
  | "la-audits"
  | "users"
  | "groups"
  | "group-members"
  | "registrations";

export interface CsvShape {
  readonly kind: ImportKind;
  readonly variant: CsvVariant;
  readonly eventType?: SignInEventType;
}

/** Column index by normalised header (first occurrence wins: the portal repeats `Incoming token type`). */
export class Columns {
  readonly index = new Map<string, number>();
  constructor(readonly headers: readonly string[]) {
    headers.forEach((h, i) => {
      const k = normHeader(h);
      if (k && !this.index.has(k)) this.index.set(k, i);
    });
  }
  has(...names: string[]): boolean {
    return names.some((n) => this.index.has(n));
  }
  /** The first of `names` that exists. */
  pick(...names: string[]): number | undefined {
    for (const n of names) {
      const i = this.index.get(n);
      if (i !== undefined) return i;
    }
    return undefined;
  }
}

/** Detect what a CSV holds from its header; `fileName` only decides interactive vs non-interactive. */
export function detectCsv(cols: Columns, fileName: string): CsvShape | null {
  const name = fileName.toLowerCase();
  if (cols.has("requestid") && cols.has("authenticationmethod") && !cols.has("username", "serviceprincipalid")) {
    return { kind: "authentication-details", variant: "portal-auth-details" };
  }
  if (cols.has("requestid") && cols.has("dateutc")) {
    let eventType: SignInEventType = "interactiveUser";
    if (cols.has("serviceprincipalid")) {
      eventType =
        cols.has("managedidentitytype") || /msi|managedidentit/.test(name) ? "managedIdentity" : "servicePrincipal";
    } else if (/noninteractive|non-interactive|non_interactive/.test(name)) {
      eventType = "nonInteractiveUser";
    }
    return { kind: "sign-ins", variant: "portal-sign-ins", eventType };
  }
  if (
    cols.has("resulttype") &&
    cols.has("appid", "clientappused") &&
    cols.has("userprincipalname", "serviceprincipalid", "userid")
  ) {
    return { kind: "sign-ins", variant: "la-sign-ins" };
  }
  if (cols.has("activitydisplayname", "operationname") && cols.has("initiatedby", "targetresources")) {
    return { kind: "audits", variant: "la-audits" };
  }
  if (cols.has("groupid") && cols.has("memberid")) return { kind: "group-members", variant: "group-members" };
  if (cols.has("ismfacapable", "mfacapable", "multifactorauthenticationcapable") || cols.has("methodsregistered")) {
    return { kind: "registrations", variant: "registrations" };
  }
  if (cols.has("userprincipalname") && cols.has("id", "objectid", "userid")) return { kind: "users", variant: "users" };
  if (
    cols.has("displayname") &&
    cols.has("id", "objectid") &&
    cols.has("grouptypes", "securityenabled", "mailenabled", "grouptype", "membershiptype", "membershiprule")
  ) {
    return { kind: "groups", variant: "groups" };
  }
  return null;
}

/** Header-level requirements: a missing column rejects the whole file, naming the column. */
export function missingColumns(cols: Columns, shape: CsvShape): string[] {
  const need: [string, string[]][] = [];
  switch (shape.variant) {
    case "portal-sign-ins":
      need.push(["Request ID", ["requestid"]], ["Date (UTC)", ["dateutc"]], ["Application ID", ["applicationid"]]);
      if (shape.eventType === "servicePrincipal" || shape.eventType === "managedIdentity")
        need.push(["Service principal ID", ["serviceprincipalid"]]);
      else need.push(["User ID", ["userid"]]);
      need.push(["Sign-in error code", ["signinerrorcode", "status"]]);
      break;
    case "portal-auth-details":
      need.push(["Request ID", ["requestid"]], ["Authentication method", ["authenticationmethod"]]);
      break;
    case "la-sign-ins":
      need.push(
        ["Id", ["id"]],
        [
          "CreatedDateTime or TimeGenerated",
          ["createddatetimeutc", "createddatetime", "timegeneratedutc", "timegenerated", "authenticationdetails"],
        ],
        ["AppId", ["appid"]],
      );
      break;
    case "la-audits":
      need.push(
        ["Id", ["id"]],
        [
          "ActivityDateTime or TimeGenerated",
          ["activitydatetimeutc", "activitydatetime", "timegeneratedutc", "timegenerated"],
        ],
      );
      break;
    default:
      break;
  }
  return need.filter(([, alts]) => !cols.has(...alts)).map(([n]) => n);
}

type Cell = (name: string, ...more: string[]) => string;

function cellReader(cols: Columns, fields: readonly string[]): Cell {
  return (...names: string[]) => {
    const i = cols.pick(...names);
    return i === undefined ? "" : unneutralize((fields[i] ?? "").trim());
  };
}

const CA_STATUS: Readonly<Record<string, string>> = {
  success: "success",
  failure: "failure",
  notapplied: "notApplied",
};
const AUTH_REQ: Readonly<Record<string, string>> = {
  singlefactorauthentication: "singleFactorAuthentication",
  multifactorauthentication: "multiFactorAuthentication",
  multifactorauthenticationmfa: "multiFactorAuthentication",
};

/** `Redmond, Washington, US` → location; a lone 2-letter value is a country code. */
export function parseLocation(v: string): SignIn["location"] {
  if (!v) return undefined;
  const parts = v.split(",").map((s) => s.trim());
  if (parts.length === 1)
    return /^[A-Za-z]{2}$/.test(parts[0] ?? "") ? { countryOrRegion: parts[0] ?? null } : { city: parts[0] || null };
  const cc = parts.pop() || null;
  // "City, State, CC" as the portal writes it; two parts are read as "City, CC".
  const state = parts.length >= 2 ? parts.pop() || null : null;
  const city = parts.join(", ") || null;
  return compact({ city: city ?? undefined, state: state ?? undefined, countryOrRegion: cc ?? undefined });
}

function nonEmpty<T extends object>(o: T): T | undefined {
  return Object.values(o).some((v) => v !== undefined && v !== null) ? o : undefined;
}

export interface RowError {
  readonly message: string;
  readonly column?: string;
}

export type RowResult<T> = { ok: true; value: T } | { ok: false; errors: RowError[] };

/** One portal sign-in row (interactive, non-interactive, service principal or managed identity download). */
export function portalSignIn(cols: Columns, fields: readonly string[], eventType: SignInEventType): RowResult<SignIn> {
  const c = cellReader(cols, fields);
  const errors: RowError[] = [];
  const id = c("requestid");
  if (!id) errors.push({ message: "'Request ID' is empty", column: "Request ID" });
  const when = c("dateutc");
  const createdDateTime = toIsoTime(when);
  if (!createdDateTime)
    errors.push({
      message: when ? `'Date (UTC)' is not a timestamp: ${when.slice(0, 40)}` : "'Date (UTC)' is empty",
      column: "Date (UTC)",
    });
  const workload = eventType === "servicePrincipal" || eventType === "managedIdentity";
  const userId = workload ? c("serviceprincipalid") : c("userid");
  if (!userId)
    errors.push({
      message: workload ? "'Service principal ID' is empty" : "'User ID' is empty",
      column: workload ? "Service principal ID" : "User ID",
    });
  const appId = c("applicationid");
  if (!appId) errors.push({ message: "'Application ID' is empty", column: "Application ID" });
  const codeText = c("signinerrorcode");
  const statusText = c("status").toLowerCase();
  let errorCode: number | null = codeText === "" ? (statusText === "success" ? 0 : null) : Number(codeText);
  if (errorCode !== null && !Number.isInteger(errorCode)) errorCode = null;
  if (errorCode === null) {
    errors.push({
      message: codeText
        ? `'Sign-in error code' is not a number: ${codeText.slice(0, 20)}`
        : "'Sign-in error code' is empty and the status is not Success",
      column: "Sign-in error code",
    });
  }
  if (errors.length > 0) return { ok: false, errors };
  const ca = c("conditionalaccess");
  const req = c("authenticationrequirement");
  const s: SignIn = compact<SignIn>({
    id,
    createdDateTime: createdDateTime as string,
    signInEventType: eventType,
    userId,
    userPrincipalName: workload ? c("serviceprincipalname") : c("username"),
    userDisplayName: c("user") || undefined,
    userType: c("usertype").toLowerCase() || undefined,
    appId,
    appDisplayName: c("application") || undefined,
    resourceId: c("resourceid") || undefined,
    resourceDisplayName: c("resource") || undefined,
    clientAppUsed: c("clientapp"),
    correlationId: c("correlationid") || undefined,
    ipAddress: c("ipaddress") || undefined,
    location: parseLocation(c("location")),
    deviceDetail: nonEmpty(
      compact({
        deviceId: c("deviceid") || undefined,
        displayName: c("devicename") || undefined,
        operatingSystem: c("operatingsystem") || undefined,
        browser: c("browser") || undefined,
        isCompliant: toBool(c("compliant")) ?? undefined,
        isManaged: toBool(c("managed")) ?? undefined,
        trustType: c("jointype") || undefined,
      }),
    ),
    userAgent: c("useragent") || undefined,
    status: compact({
      errorCode: errorCode as number,
      failureReason: c("failurereason") || undefined,
      additionalDetails: c("multifactorauthenticationresult") || undefined,
    }),
    conditionalAccessStatus: ca ? (CA_STATUS[normHeader(ca)] ?? ca) : undefined,
    authenticationRequirement: req ? (AUTH_REQ[normHeader(req)] ?? req) : undefined,
    mfaDetail: nonEmpty(
      compact({
        authMethod: c("multifactorauthenticationauthmethod") || undefined,
        authDetail: c("multifactorauthenticationauthdetail") || undefined,
      }),
    ),
    originalTransferMethod: c("originaltransfermethod") || undefined,
    authenticationProtocol: c("authenticationprotocol") || undefined,
    servicePrincipalId: workload ? userId : c("serviceprincipalid") || undefined,
  });
  return { ok: true, value: s };
}

/** One row of an authentication-details download, joined to its sign-in by Request ID. */
export function portalAuthDetail(
  cols: Columns,
  fields: readonly string[],
): RowResult<{ requestId: string; detail: AuthenticationDetail }> {
  const c = cellReader(cols, fields);
  const requestId = c("requestid");
  if (!requestId) return { ok: false, errors: [{ message: "'Request ID' is empty", column: "Request ID" }] };
  return {
    ok: true,
    value: {
      requestId,
      detail: compact<AuthenticationDetail>({
        authenticationStepDateTime: toIsoTime(c("authenticationstepdate", "dateutc", "date")) ?? undefined,
        authenticationMethod: c("authenticationmethod") || undefined,
        authenticationMethodDetail: c("authenticationmethoddetail") || undefined,
        succeeded: toBool(c("succeeded")) ?? undefined,
        authenticationStepResultDetail: c("resultdetail") || undefined,
        authenticationStepRequirement: c("requirement", "authenticationsteprequirement") || undefined,
      }),
    },
  };
}

/** A JSON cell (Log Analytics dynamic columns); `_dynamic` beats `_string` beats the plain column. */
function jsonCell(c: Cell, base: string, errors: RowError[], header: string): unknown {
  const v = c(`${base}dynamic`) || c(`${base}string`) || c(base);
  if (!v) return undefined;
  if (v[0] !== "{" && v[0] !== "[") return v;
  try {
    return JSON.parse(v);
  } catch (e) {
    errors.push({
      message: `column '${header}' holds invalid JSON (${(e as Error).message.slice(0, 60)})`,
      column: header,
    });
    return undefined;
  }
}

const LA_EVENT: Readonly<Record<string, SignInEventType>> = {
  signinlogs: "interactiveUser",
  noninteractiveusersigninlogs: "nonInteractiveUser",
  aadnoninteractiveusersigninlogs: "nonInteractiveUser",
  serviceprincipalsigninlogs: "servicePrincipal",
  aadserviceprincipalsigninlogs: "servicePrincipal",
  managedidentitysigninlogs: "managedIdentity",
  aadmanagedidentitysigninlogs: "managedIdentity",
};

/** One Log Analytics SigninLogs (or AAD*SignInLogs) row. */
export function laSignIn(cols: Columns, fields: readonly string[]): RowResult<SignIn> {
  const c = cellReader(cols, fields);
  const errors: RowError[] = [];
  const status = jsonCell(c, "status", errors, "Status");
  const device = jsonCell(c, "devicedetail", errors, "DeviceDetail");
  const loc = jsonCell(c, "locationdetails", errors, "LocationDetails");
  const mfa = jsonCell(c, "mfadetail", errors, "MfaDetail");
  const policies = jsonCell(c, "conditionalaccesspolicies", errors, "ConditionalAccessPolicies");
  const auth = jsonCell(c, "authenticationdetails", errors, "AuthenticationDetails");
  if (errors.length > 0) return { ok: false, errors };
  let when = c("createddatetimeutc", "createddatetime", "timegeneratedutc", "timegenerated");
  if (!when && Array.isArray(auth)) {
    // Some exports drop the time columns; the first authentication step carries the sign-in time.
    const first = auth[0] as { authenticationStepDateTime?: string } | undefined;
    when = first?.authenticationStepDateTime ?? "";
  }
  const resultType = c("resulttype");
  const st = status && typeof status === "object" ? (status as Record<string, unknown>) : {};
  const category = normHeader(c("category") || c("type"));
  const raw = {
    id: c("id"),
    createdDateTime: when,
    signInEventTypes: LA_EVENT[category] ? [LA_EVENT[category]] : undefined,
    isInteractive: c("isinteractive") || undefined,
    userId: c("userid"),
    userPrincipalName: c("userprincipalname"),
    userDisplayName: c("userdisplayname"),
    userType: c("usertype").toLowerCase() || undefined,
    appId: c("appid"),
    appDisplayName: c("appdisplayname"),
    resourceId: c("resourceidentity", "resourceid"),
    resourceDisplayName: c("resourcedisplayname"),
    clientAppUsed: c("clientappused"),
    correlationId: c("correlationid"),
    ipAddress: c("ipaddress"),
    location: loc && typeof loc === "object" ? loc : c("location") ? { countryOrRegion: c("location") } : undefined,
    deviceDetail: device && typeof device === "object" ? device : undefined,
    userAgent: c("useragent"),
    status: {
      ...st,
      errorCode: resultType !== "" && Number.isFinite(Number(resultType)) ? Number(resultType) : st.errorCode,
      failureReason: st.failureReason ?? (c("resultdescription") || undefined),
    },
    conditionalAccessStatus: c("conditionalaccessstatus"),
    appliedConditionalAccessPolicies: Array.isArray(policies) ? policies : undefined,
    authenticationRequirement: c("authenticationrequirement"),
    authenticationDetails: Array.isArray(auth) ? auth : undefined,
    mfaDetail: mfa && typeof mfa === "object" ? mfa : undefined,
    riskLevelDuringSignIn: c("risklevelduringsignin"),
    servicePrincipalId: c("serviceprincipalid"),
    servicePrincipalName: c("serviceprincipalname"),
  };
  return fromResult(mapSignIn(raw));
}

/** One Log Analytics AuditLogs row. */
export function laAudit(
  cols: Columns,
  fields: readonly string[],
): RowResult<import("../../core/model/index.js").DirectoryAudit> {
  const c = cellReader(cols, fields);
  const errors: RowError[] = [];
  const initiatedBy = jsonCell(c, "initiatedby", errors, "InitiatedBy");
  const targets = jsonCell(c, "targetresources", errors, "TargetResources");
  const details = jsonCell(c, "additionaldetails", errors, "AdditionalDetails");
  if (errors.length > 0) return { ok: false, errors };
  return fromResult(
    mapDirectoryAudit({
      id: c("id"),
      activityDateTime: c("activitydatetimeutc", "activitydatetime", "timegeneratedutc", "timegenerated"),
      activityDisplayName: c("activitydisplayname", "operationname"),
      category: c("category"),
      correlationId: c("correlationid"),
      loggedByService: c("loggedbyservice"),
      operationType: c("aadoperationtype", "operationtype"),
      result: c("result"),
      resultReason: c("resultreason"),
      initiatedBy,
      targetResources: targets,
      additionalDetails: Array.isArray(details) ? details : undefined,
    }),
  );
}

function fromResult<T>(r: Result<T>): RowResult<T> {
  return r.ok
    ? { ok: true, value: r.value }
    : {
        ok: false,
        errors: r.diagnostics
          .filter((d) => d.severity === "error")
          .map((d) => ({ message: d.message, column: d.path })),
      };
}

/** Header aliases of list downloads → Graph property names, so the to-model mappers read them. */
const ALIASES: Readonly<Record<string, string>> = {
  objectid: "id",
  userid: "id",
  directorysynced: "onPremisesSyncEnabled",
  invitationstate: "externalUserState",
  creationtime: "createdDateTime",
  lastsignindatetime: "lastSignInDateTime",
  admin: "isAdmin",
  mfacapable: "isMfaCapable",
  multifactorauthenticationcapable: "isMfaCapable",
  mfaregistered: "isMfaRegistered",
  multifactorauthenticationregistered: "isMfaRegistered",
  passwordlesscapable: "isPasswordlessCapable",
  ssprregistered: "isSsprRegistered",
  ssprenabled: "isSsprEnabled",
  ssprcapable: "isSsprCapable",
  defaultmethod: "defaultMfaMethod",
  defaultmultifactorauthenticationmethod: "defaultMfaMethod",
  name: "userDisplayName",
  systempreferredmfaenabled: "isSystemPreferredAuthenticationMethodEnabled",
  systempreferredmfamethod: "systemPreferredAuthenticationMethods",
  lastupdatedtime: "lastUpdatedDateTime",
  username: "userPrincipalName",
};

/** Known Graph property names by normalised form (so `User principal name` → `userPrincipalName`). */
const GRAPH_NAMES = [
  "id",
  "userPrincipalName",
  "displayName",
  "userDisplayName",
  "userType",
  "accountEnabled",
  "jobTitle",
  "department",
  "mail",
  "onPremisesSyncEnabled",
  "createdDateTime",
  "externalUserState",
  "description",
  "groupTypes",
  "membershipRule",
  "securityEnabled",
  "mailEnabled",
  "isAssignableToRole",
  "groupId",
  "memberId",
  "memberType",
  "isAdmin",
  "isMfaRegistered",
  "isMfaCapable",
  "isPasswordlessCapable",
  "isSsprRegistered",
  "isSsprEnabled",
  "isSsprCapable",
  "isSystemPreferredAuthenticationMethodEnabled",
  "systemPreferredAuthenticationMethods",
  "userPreferredMethodForSecondaryAuthentication",
  "defaultMfaMethod",
  "methodsRegistered",
  "lastUpdatedDateTime",
  "lastSignInDateTime",
  "lastNonInteractiveSignInDateTime",
  "lastSuccessfulSignInDateTime",
  "assignedLicenses",
];
const GRAPH_BY_NORM = new Map(GRAPH_NAMES.map((n) => [n.toLowerCase(), n]));

/** Graph property name for each column (null = ignored). */
export function listColumnNames(cols: Columns): (string | null)[] {
  return cols.headers.map((h) => {
    const n = normHeader(h);
    return ALIASES[n] ?? GRAPH_BY_NORM.get(n) ?? null;
  });
}

/** A list-download row → a Graph-shaped object for the to-model mappers (array cells: JSON or comma-separated). */
export function listRow(
  names: readonly (string | null)[],
  fields: readonly string[],
  variant: CsvVariant,
): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  names.forEach((n, i) => {
    if (!n) return;
    const v = unneutralize((fields[i] ?? "").trim());
    if (v === "" || n in o) return;
    if ((v[0] === "[" || v[0] === "{") && v.length > 1) {
      try {
        o[n] = JSON.parse(v);
        return;
      } catch {
        // not JSON: keep the text
      }
    }
    o[n] = v;
  });
  // An empty "Methods registered" cell is an empty list, not a missing column.
  if (variant === "registrations" && o.methodsRegistered === undefined && names.includes("methodsRegistered")) {
    o.methodsRegistered = [];
  }
  if (
    variant === "users" &&
    (o.lastSignInDateTime || o.lastNonInteractiveSignInDateTime || o.lastSuccessfulSignInDateTime)
  ) {
    o.signInActivity = {
      lastSignInDateTime: o.lastSignInDateTime,
      lastNonInteractiveSignInDateTime: o.lastNonInteractiveSignInDateTime,
      lastSuccessfulSignInDateTime: o.lastSuccessfulSignInDateTime,
    };
  }
  return o;
}

/** Portal groups downloads name the type ("Microsoft 365", "Security") and membership ("Dynamic"). */
export function portalGroupExtras(cols: Columns, fields: readonly string[], o: Record<string, unknown>): void {
  const c = cellReader(cols, fields);
  const gt = c("grouptype").toLowerCase();
  const mt = c("membershiptype").toLowerCase();
  if (o.groupTypes === undefined && (gt || mt)) {
    const types: string[] = [];
    if (gt.includes("365") || gt.includes("unified")) types.push("Unified");
    if (mt.includes("dynamic")) types.push("DynamicMembership");
    o.groupTypes = types;
  }
  if (o.securityEnabled === undefined && gt.includes("security")) o.securityEnabled = true;
}

export { errorClassOf };
