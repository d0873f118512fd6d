// Registered authentication methods -> authentication-strength mode tokens, and the user capabilities
// satisfy() reasons about. A method counts only if registered AND enabled for the user by the
// Authentication methods policy. https://learn.microsoft.com/entra/identity/authentication/concept-authentication-strengths
// The methodsRegistered mapping is derived (docs/reference/authentication-methods.md#registration-report), not a Microsoft table.

import { buildDirectoryIndex, type DirectoryIndex } from "../model/directory-index.js";
import type { AuthenticationMethodsPolicy, AuthenticationStrengthPolicy } from "../model/policy.js";
import type { TenantSnapshot } from "../model/snapshot.js";
import { BUILT_IN_STRENGTH_COMBINATIONS, STRENGTH } from "../model/well-known.js";
import { guestTypeOfUser } from "./conditions/env.js";

/** Strength mode tokens (the words of `allowedCombinations`). */
export type ModeToken = string;

const REGISTERED: Readonly<Record<string, readonly ModeToken[]>> = {
  fido2securitykey: ["fido2"],
  passkeydevicebound: ["fido2"],
  passkeydeviceboundauthenticator: ["fido2"],
  passkeydeviceboundwindowshello: ["fido2"],
  windowshelloforbusiness: ["windowsHelloForBusiness"],
  macossecureenclavekey: ["windowsHelloForBusiness"],
  microsoftauthenticatorpasswordless: ["deviceBasedPush"],
  microsoftauthenticatorpush: ["microsoftAuthenticatorPush"],
  softwareonetimepasscode: ["softwareOath"],
  hardwareonetimepasscode: ["hardwareOath"],
  mobilephone: ["sms", "voice"],
  alternatemobilephone: ["voice"],
  officephone: ["voice"],
  temporaryaccesspass: ["temporaryAccessPassOneTime", "temporaryAccessPassMultiUse"],
  x509certificate: ["x509CertificateMultiFactor"],
  certificatebasedauthentication: ["x509CertificateMultiFactor"],
  externalauthmethod: ["externalAuthenticationMethod"],
};

/** Mode tokens of `userRegistrationDetails.methodsRegistered`; unknown values (email, securityQuestion, ...) give none. */
export function modesFromMethodsRegistered(
  values: readonly string[],
  opts: { syncedPasskeysAsFido2?: boolean } = {},
): Set<ModeToken> {
  const out = new Set<ModeToken>();
  for (const v of values) {
    const l = v.toLowerCase();
    if (l === "passkeysynced") {
      if (opts.syncedPasskeysAsFido2) out.add("fido2");
      continue;
    }
    for (const t of REGISTERED[l] ?? []) out.add(t);
  }
  return out;
}

/** Mode tokens of one `/users/{id}/authentication/methods` item, by its `@odata.type`. */
export function modesFromMethodType(odataType: string, phoneType?: string | null): ModeToken[] {
  const t = odataType.toLowerCase().replace(/^#?microsoft\.graph\./, "");
  switch (t) {
    case "fido2authenticationmethod":
      return ["fido2"];
    case "windowshelloforbusinessauthenticationmethod":
    case "platformcredentialauthenticationmethod":
      return ["windowsHelloForBusiness"];
    case "microsoftauthenticatorauthenticationmethod":
      return ["microsoftAuthenticatorPush"];
    case "passwordlessmicrosoftauthenticatorauthenticationmethod":
      return ["deviceBasedPush"];
    case "softwareoathauthenticationmethod":
      return ["softwareOath"];
    case "hardwareoathauthenticationmethod":
      return ["hardwareOath"];
    case "phoneauthenticationmethod":
      return (phoneType ?? "mobile").toLowerCase() === "mobile" ? ["sms", "voice"] : ["voice"];
    case "temporaryaccesspassauthenticationmethod":
      return ["temporaryAccessPassOneTime", "temporaryAccessPassMultiUse"];
    case "passwordauthenticationmethod":
      return ["password"];
    case "externalauthenticationmethod":
      return ["externalAuthenticationMethod"];
    default:
      return [];
  }
}

/** The Authentication methods policy configuration id that governs each mode token. */
const CONFIG_OF: Readonly<Record<string, string>> = {
  fido2: "fido2",
  microsoftAuthenticatorPush: "microsoftauthenticator",
  deviceBasedPush: "microsoftauthenticator",
  sms: "sms",
  voice: "voice",
  softwareOath: "softwareoath",
  hardwareOath: "hardwareoath",
  temporaryAccessPassOneTime: "temporaryaccesspass",
  temporaryAccessPassMultiUse: "temporaryaccesspass",
  x509CertificateMultiFactor: "x509certificate",
};

/**
 * Built-in strengths' allowed combinations (docs/reference/conditional-access.md#authentication-strengths), used when the snapshot lacks them.
 * https://learn.microsoft.com/entra/identity/authentication/concept-authentication-strengths#built-in-authentication-strengths
 */
export const BUILT_IN_STRENGTHS: Readonly<Record<string, readonly string[]>> = {
  ...BUILT_IN_STRENGTH_COMBINATIONS,
  [STRENGTH.mfa]: [
    ...(BUILT_IN_STRENGTH_COMBINATIONS[STRENGTH.mfa] ?? []),
    // External authentication methods satisfy MFA (docs/reference/authentication-methods.md#emergency-access).
    "password,externalAuthenticationMethod",
  ],
};

/** What one user can do at sign-in. */
export interface UserCapabilities {
  /** Registered and enabled mode tokens (`password` included for users with a password). */
  readonly modes: ReadonlySet<ModeToken>;
  readonly isGuest: boolean;
}

function targeted(
  targets: readonly { id: string; targetType: string }[] | undefined,
  userId: string,
  groups: ReadonlySet<string>,
): boolean {
  return (targets ?? []).some((t) => t.id === "all_users" || t.id === userId || groups.has(t.id));
}

/** Drop modes the Authentication methods policy does not enable for this user (policy absent = keep all). */
export function filterByMethodsPolicy(
  modes: ReadonlySet<ModeToken>,
  policy: AuthenticationMethodsPolicy | null,
  userId: string,
  groups: ReadonlySet<string>,
): Set<ModeToken> {
  if (!policy) return new Set(modes);
  const configs = new Map(policy.authenticationMethodConfigurations.map((c) => [c.id.toLowerCase(), c]));
  const out = new Set<ModeToken>();
  for (const m of modes) {
    const cid = CONFIG_OF[m];
    const cfg = cid ? configs.get(cid) : undefined;
    if (!cid || !cfg) {
      out.add(m); // not governed by the policy (password, WHfB, external)
      continue;
    }
    if (cfg.state.toLowerCase() !== "enabled") continue;
    if (!targeted(cfg.includeTargets, userId, groups)) continue;
    if ((cfg.excludeTargets ?? []).some((t) => t.id === userId || groups.has(t.id))) continue;
    out.add(m);
  }
  return out;
}

/**
 * Capabilities of a directory user from a snapshot: registration report + per-user methods, filtered by
 * the Authentication methods policy when present. TAP is dropped for guests (it does not work for them).
 */
export function capabilitiesFromSnapshot(
  snapshot: TenantSnapshot,
  userId: string,
  opts: { index?: DirectoryIndex; syncedPasskeysAsFido2?: boolean } = {},
): UserCapabilities {
  const index = opts.index ?? buildDirectoryIndex(snapshot);
  const user = index.findUser(userId);
  const id = user?.id ?? userId;
  const modes = new Set<ModeToken>(["password"]);
  const reg = snapshot.registrations.find((r) => r.id === id);
  if (reg) for (const m of modesFromMethodsRegistered(reg.methodsRegistered, opts)) modes.add(m);
  for (const m of snapshot.authenticationMethods) {
    if (m.userId === id) for (const t of modesFromMethodType(m["@odata.type"], m.phoneType)) modes.add(t);
  }
  const isGuest = user ? guestTypeOfUser(user.userType, user.userPrincipalName) !== null : false;
  const filtered = filterByMethodsPolicy(modes, snapshot.authenticationMethodsPolicy, id, index.groupsOf(id));
  if (isGuest) {
    filtered.delete("temporaryAccessPassOneTime");
    filtered.delete("temporaryAccessPassMultiUse");
  }
  return { modes: filtered, isGuest };
}

/** Capabilities from a list of method names (`methodsRegistered` values or mode tokens), for ad-hoc users. */
export function capabilitiesFromMethods(methods: readonly string[], isGuest = false): UserCapabilities {
  const modes = new Set<ModeToken>(["password"]);
  for (const m of modesFromMethodsRegistered(methods)) modes.add(m);
  const tokens = new Set(Object.values(BUILT_IN_STRENGTHS).flatMap((cs) => cs.flatMap((c) => c.split(","))));
  for (const m of methods) if (tokens.has(m)) modes.add(m);
  if (isGuest) {
    modes.delete("temporaryAccessPassOneTime");
    modes.delete("temporaryAccessPassMultiUse");
  }
  return { modes, isGuest };
}

/** Allowed combinations of a strength id: the snapshot's policy, else the built-in table, else null (unknown). */
export function combinationsOf(
  strengthId: string,
  strengths: ReadonlyMap<string, AuthenticationStrengthPolicy> | readonly AuthenticationStrengthPolicy[],
): readonly string[] | null {
  const id = strengthId.toLowerCase();
  const s =
    strengths instanceof Map
      ? strengths.get(id)
      : (strengths as readonly AuthenticationStrengthPolicy[]).find(
          (x) => x.id.toLowerCase() === id || x.displayName.toLowerCase() === id,
        );
  return s?.allowedCombinations ?? BUILT_IN_STRENGTHS[id] ?? null;
}

/** Can these modes complete one of the combinations? */
export function satisfiesCombinations(combinations: readonly string[], modes: ReadonlySet<ModeToken>): boolean {
  return combinations.some((c) => c.split(",").every((t) => modes.has(t.trim())));
}
