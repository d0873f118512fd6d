// What a user's registered methods mean for the roll-out: MFA-capable, phishing-resistant, phone-only,
// usable without a smartphone. Reads `methodsRegistered` (userRegistrationDetails) and per-user method objects.
// Vocabulary: docs/reference/authentication-methods.md. Unknown values count as nothing, never as MFA.

import type { UserAuthenticationMethod, UserRegistrationDetails } from "../../model/registration.js";

/** methodsRegistered values (lower-cased) that can complete MFA and last (a Temporary Access Pass does not last). */
const MFA_VALUES = new Set([
  "microsoftauthenticatorpush",
  "microsoftauthenticatorpasswordless",
  "softwareonetimepasscode",
  "hardwareonetimepasscode",
  "windowshelloforbusiness",
  "fido2securitykey",
  "passkeydevicebound",
  "passkeydeviceboundauthenticator",
  "passkeydeviceboundwindowshello",
  "passkeysynced",
  "macossecureenclavekey",
  "mobilephone",
  "alternatemobilephone",
  "officephone",
  "externalauthmethod",
  "x509certificate",
  "certificatebasedauthentication",
]);
const PHONE_VALUES = new Set(["mobilephone", "alternatemobilephone", "officephone"]);
/** Portable phishing-resistant credentials suitable for an emergency account: passkey / FIDO2 key or certificate. */
const PORTABLE_PHISHING_RESISTANT = new Set([
  "fido2securitykey",
  "passkeydevicebound",
  "passkeydeviceboundauthenticator",
  "x509certificate",
  "certificatebasedauthentication",
]);
/** Methods that live in an app on a smartphone. */
const SMARTPHONE_VALUES = new Set([
  "microsoftauthenticatorpush",
  "microsoftauthenticatorpasswordless",
  "softwareonetimepasscode",
  "passkeydeviceboundauthenticator",
  "passkeysynced",
]);

const METHOD_TYPE_VALUE: Readonly<Record<string, string>> = {
  fido2authenticationmethod: "fido2SecurityKey",
  windowshelloforbusinessauthenticationmethod: "windowsHelloForBusiness",
  platformcredentialauthenticationmethod: "macOsSecureEnclaveKey",
  microsoftauthenticatorauthenticationmethod: "microsoftAuthenticatorPush",
  passwordlessmicrosoftauthenticatorauthenticationmethod: "microsoftAuthenticatorPasswordless",
  softwareoathauthenticationmethod: "softwareOneTimePasscode",
  hardwareoathauthenticationmethod: "hardwareOneTimePasscode",
  externalauthenticationmethod: "externalAuthMethod",
  emailauthenticationmethod: "email",
  temporaryaccesspassauthenticationmethod: "temporaryAccessPass",
};

/** The methodsRegistered-style value of a per-user method object, or null (password, unknown). */
export function valueOfMethodObject(m: UserAuthenticationMethod): string | null {
  const t = m["@odata.type"].toLowerCase().replace(/^#?microsoft\.graph\./, "");
  if (t === "phoneauthenticationmethod") {
    const p = (m.phoneType ?? "mobile").toLowerCase();
    return p === "office" ? "officePhone" : p === "alternatemobile" ? "alternateMobilePhone" : "mobilePhone";
  }
  return METHOD_TYPE_VALUE[t] ?? null;
}

export interface MethodProfile {
  /** Distinct lasting MFA-capable methods (methodsRegistered spelling). */
  readonly mfa: readonly string[];
  /** `isMfaRegistered` when the registration report has the user, else: holds an MFA method object. */
  readonly registered: boolean;
  /** Only SMS / voice among MFA methods. */
  readonly phoneOnly: boolean;
  /** A passkey / FIDO2 key or a certificate. */
  readonly portablePhishingResistant: boolean;
  /** An app-based method that needs a smartphone. */
  readonly smartphoneMethod: boolean;
  /** A FIDO2 security key or a hardware OATH token. */
  readonly hardwareKey: boolean;
}

/** Summarise methods from the registration row and/or the method objects (either may be missing). */
export function methodProfile(
  reg: UserRegistrationDetails | undefined,
  objects: readonly UserAuthenticationMethod[] | undefined,
): MethodProfile {
  const values = new Map<string, string>();
  for (const v of reg?.methodsRegistered ?? []) values.set(v.toLowerCase(), v);
  for (const o of objects ?? []) {
    const v = valueOfMethodObject(o);
    if (v) values.set(v.toLowerCase(), v);
  }
  const mfa = [...values.entries()].filter(([k]) => MFA_VALUES.has(k));
  const keys = mfa.map(([k]) => k);
  return {
    mfa: mfa.map(([, v]) => v).sort(),
    registered: reg ? reg.isMfaRegistered : mfa.length > 0,
    phoneOnly: keys.length > 0 && keys.every((k) => PHONE_VALUES.has(k)),
    portablePhishingResistant: keys.some((k) => PORTABLE_PHISHING_RESISTANT.has(k)),
    smartphoneMethod: keys.some((k) => SMARTPHONE_VALUES.has(k)),
    hardwareKey: keys.some((k) => k === "fido2securitykey" || k === "hardwareonetimepasscode"),
  };
}
