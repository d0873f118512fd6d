// The Entra admin center's CSV downloads: the 56-column sign-in header exactly as exports carry it
// (docs/reference/sign-in-logs.md#portal-downloads) and the user-registration-details header (UNCONFIRMED, ours).

import type { UserRegistrationDetails } from "../../core/model/registration.js";
import type { SignIn } from "../../core/model/sign-in.js";
import { csvField } from "../../core/text/csv.js";

export { SIGN_IN_CSV_HEADER } from "../formats/portal-csv.js";

/**
 * User registration details download (Entra admin center › Authentication methods › User registration details).
 * UNCONFIRMED: no public source lists these headers; chosen to read like the portal's column names.
 */
export const REGISTRATION_CSV_HEADER: readonly string[] = [
  "User principal name",
  "Name",
  "User type",
  "Admin",
  "Multifactor authentication capable",
  "Multifactor authentication registered",
  "Passwordless capable",
  "SSPR capable",
  "SSPR registered",
  "SSPR enabled",
  "Default multifactor authentication method",
  "Methods registered",
  "System preferred MFA enabled",
  "System preferred MFA method",
  "Last updated time",
  "Id",
];

export const BOM = "\uFEFF";
export const CRLF = "\r\n";
export const MICROSOFT_TENANT_ID = "f8cdef31-a31e-4b4a-93e4-5f571e91255a";

/** Microsoft's downloads are reproduced as the portal writes them: quoted where CSV needs it, nothing else. */
const AS_THE_PORTAL_WRITES = { neutralize: false, quoteEdgeSpace: false } as const;

export function cell(v: string | number | boolean | null | undefined): string {
  if (v === null || v === undefined) return "";
  return csvField(typeof v === "boolean" ? (v ? "True" : "False") : String(v), AS_THE_PORTAL_WRITES);
}

export function csvLine(cells: readonly (string | number | boolean | null | undefined)[]): string {
  return cells.map(cell).join(",") + CRLF;
}

/** Deterministic latency and ASN derived from the record itself (the simulator does not model them). */
export function latencyOf(id: string): number {
  return 40 + (Number.parseInt(id.slice(0, 4), 16) % 460);
}

function asnOf(ip: string | null | undefined): number | null {
  if (!ip) return null;
  const a = Number(ip.split(".")[0]);
  // Documentation ASNs (RFC 5398) for every network: the simulator does not pretend to know real ones.
  return 64496 + (a % 16);
}

const STATUS_TEXT = (code: number) =>
  code === 0 ? "Success" : code === 50074 || code === 50076 ? "Interrupted" : "Failure";
const CA_TEXT: Readonly<Record<string, string>> = { success: "Success", failure: "Failure", notApplied: "Not Applied" };

export function signInCsvRow(s: SignIn, tenantId: string, tenantName: string): string {
  const d = s.deviceDetail ?? {};
  const l = s.location ?? {};
  const loc = [l.city, l.state, l.countryOrRegion].filter((x) => x).join(", ");
  const interactive = s.signInEventType === "interactiveUser";
  const incoming = interactive ? "none" : "refreshToken";
  return csvLine([
    s.createdDateTime,
    s.id,
    s.userAgent ?? "",
    s.correlationId,
    s.userId,
    s.userDisplayName,
    s.userPrincipalName,
    s.userType === "guest" ? "Guest" : "Member",
    s.userType === "guest" ? "b2bCollaboration" : "none",
    incoming,
    s.authenticationProtocol ?? "none",
    uniqueTokenIdentifier(s.id),
    "none",
    "none",
    "",
    "",
    s.appDisplayName,
    s.appId,
    MICROSOFT_TENANT_ID,
    s.resourceDisplayName,
    s.resourceId,
    tenantId,
    MICROSOFT_TENANT_ID,
    tenantId,
    tenantName,
    s.ipAddress,
    loc,
    STATUS_TEXT(s.status.errorCode),
    s.status.errorCode,
    s.status.errorCode === 0 ? "" : s.status.failureReason,
    s.clientAppUsed,
    d.deviceId,
    d.browser,
    d.operatingSystem,
    d.isCompliant,
    d.isManaged,
    d.trustType,
    s.status.additionalDetails,
    s.mfaDetail?.authMethod,
    s.mfaDetail?.authDetail,
    s.authenticationRequirement === "multiFactorAuthentication"
      ? "Multifactor authentication"
      : "Single-factor authentication",
    s.userPrincipalName,
    "",
    "",
    "No",
    "",
    asnOf(s.ipAddress),
    "No",
    "AzureAD",
    incoming,
    "",
    latencyOf(s.id),
    CA_TEXT[s.conditionalAccessStatus ?? "notApplied"] ?? "Not Applied",
    "",
    "",
    "",
    "",
  ]);
}

/** A stable, token-identifier-looking string derived from the request id. */
export function uniqueTokenIdentifier(id: string): string {
  const hex = id.replace(/-/g, "");
  return Buffer.from(hex.slice(0, 32), "hex").toString("base64url").slice(0, 22);
}

export function registrationCsvRow(r: UserRegistrationDetails): string {
  return csvLine([
    r.userPrincipalName,
    r.userDisplayName,
    r.userType === "guest" ? "Guest" : "Member",
    r.isAdmin,
    r.isMfaCapable,
    r.isMfaRegistered,
    r.isPasswordlessCapable,
    r.isSsprCapable,
    r.isSsprRegistered,
    r.isSsprEnabled,
    r.defaultMfaMethod,
    r.methodsRegistered.join(", "),
    r.isSystemPreferredAuthenticationMethodEnabled,
    (r.systemPreferredAuthenticationMethods ?? []).join(", "),
    r.lastUpdatedDateTime,
    r.id,
  ]);
}
