// The simulator's private description of each account: who it is and how it behaves. The snapshot and the
// sign-in stream are both derived from these profiles; nothing outside the simulator sees them.

import type { OfficeKey } from "./catalog.js";
import type { LegacyDependency } from "./ground-truth.js";

export type ProfileKind = "person" | "emergency" | "service" | "sync" | "shared" | "room" | "guest" | "leaver";
export type MethodCode = "A" | "P" | "V" | "O" | "F" | "W" | "E";
export type ServiceRole = "printer" | "erp" | "ropc";

export interface PlannedMethod {
  readonly code: MethodCode;
  readonly id: string;
  readonly createdDateTime: string;
  /** Authenticator/WHfB/FIDO2 display name. */
  readonly displayName?: string;
  readonly phoneNumber?: string;
  readonly model?: string;
  readonly aaGuid?: string;
  readonly phoneAppVersion?: string;
  readonly deviceTag?: string;
  /** Who added it: the user (combined registration) or an admin (helpdesk). */
  readonly addedBy?: "user" | "admin" | "attacker";
}

export interface DeviceInfo {
  readonly deviceId: string | null;
  readonly displayName: string | null;
  readonly operatingSystem: string;
  readonly browser: string | null;
  readonly isCompliant: boolean | null;
  readonly isManaged: boolean | null;
  readonly trustType: string | null;
  readonly userAgent: string;
  /** userAgent of the rich client (Teams, Office) on this device. */
  readonly appUserAgent: string;
  readonly appBrowser: string | null;
}

export interface Profile {
  /** Stable index: the sub-seed of this account's sign-ins. */
  readonly idx: number;
  readonly id: string;
  readonly upn: string;
  readonly displayName: string;
  readonly givenName: string | null;
  readonly surname: string | null;
  readonly kind: ProfileKind;
  readonly serviceRole?: ServiceRole;
  readonly enabled: boolean;
  /** Signs in within the window (and so within 30 days of now). */
  readonly active: boolean;
  readonly department: string | null;
  readonly jobTitle: string | null;
  readonly office: OfficeKey;
  readonly homeTown: string;
  readonly homeIp: string;
  readonly synced: boolean;
  readonly createdDateTime: string;
  readonly it: boolean;
  readonly exec: boolean;
  readonly deskless: boolean;
  readonly hasSmartphone: boolean;
  /** Laptop (or shared kiosk PC for deskless staff without one). */
  readonly desk: DeviceInfo;
  readonly usesKiosk: boolean;
  /** The phone in use now (null without a smartphone). */
  readonly phone: DeviceInfo | null;
  /** Stale-authenticator case: the old phone used before `newPhoneDay`. */
  readonly oldPhone?: DeviceInfo | null;
  readonly newPhoneDay?: number;
  /** Probability of an interactive session on a workday. */
  readonly activity: number;
  /** Probability of working from home on a workday. */
  readonly wfh: number;
  /** Travel: [firstDay, lastDay, travel index] inside the window. */
  readonly trip?: readonly [number, number, number];
  /** Active role template ids (tenant scope). */
  roles: string[];
  eligibleRoles: string[];
  /** Uses the Azure portal and Microsoft 365 admin center (with MFA). */
  portalUser: boolean;
  methods: PlannedMethod[];
  legacy?: LegacyDependency;
  /** The one workday on which an active account is sure to sign in (and on a phone if it has one). */
  anchorDay: number;
  /** Guests: where they sign in from. */
  guestHome?: number;
  /** Leavers and inactive members: when they last signed in (ISO) before the window. */
  lastSeenBefore?: string | null;
  staleDevice?: string;
  compromised?: boolean;
  /** Printers: model and place (not in the logs). */
  readonly legacyDevice?: string;
  /** Guests: their own e-mail address. */
  readonly mail?: string;
  /** Guest invitation state. */
  externalUserState?: string;
  licences: string[];
}

/** Authenticator, phone (SMS), office phone (voice), software OATH, FIDO2, Windows Hello, email (SSPR only). */
export const METHOD_VALUE: Readonly<Record<MethodCode, string>> = {
  A: "microsoftAuthenticatorPush",
  P: "mobilePhone",
  V: "officePhone",
  O: "softwareOneTimePasscode",
  F: "fido2SecurityKey",
  W: "windowsHelloForBusiness",
  E: "email",
};

export const METHOD_TYPE: Readonly<Record<MethodCode, string>> = {
  A: "#microsoft.graph.microsoftAuthenticatorAuthenticationMethod",
  P: "#microsoft.graph.phoneAuthenticationMethod",
  V: "#microsoft.graph.phoneAuthenticationMethod",
  O: "#microsoft.graph.softwareOathAuthenticationMethod",
  F: "#microsoft.graph.fido2AuthenticationMethod",
  W: "#microsoft.graph.windowsHelloForBusinessAuthenticationMethod",
  E: "#microsoft.graph.emailAuthenticationMethod",
};

export function isMfaCode(c: MethodCode): boolean {
  return c !== "E";
}
