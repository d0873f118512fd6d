// Per-user capabilities (registered and enabled methods) for a whole tenant in one pass: the engine's
// capabilitiesFromSnapshot scans the snapshot per call, which is quadratic at 100,000 users.
// Same rules: registration report + method objects, filtered by the Authentication methods policy,
// TAP dropped for guests. https://learn.microsoft.com/entra/identity/authentication/concept-authentication-strengths

import {
  filterByMethodsPolicy,
  type ModeToken,
  modesFromMethodsRegistered,
  modesFromMethodType,
  type UserCapabilities,
} from "../engine/index.js";
import type { DirectoryIndex } from "../model/directory-index.js";
import type { TenantSnapshot } from "../model/snapshot.js";

export interface CapabilityIndex {
  of(userId: string): UserCapabilities;
  /** A short stable key of the capabilities, for memo tables. */
  keyOf(userId: string): string;
  /** Registered an MFA-capable method at all (beyond password). */
  hasMfa(userId: string): boolean;
}

const MFA_ALONE = new Set([
  "windowsHelloForBusiness",
  "fido2",
  "x509CertificateMultiFactor",
  "deviceBasedPush",
  "temporaryAccessPassOneTime",
  "temporaryAccessPassMultiUse",
]);
const SECOND = new Set([
  "microsoftAuthenticatorPush",
  "softwareOath",
  "hardwareOath",
  "sms",
  "voice",
  "externalAuthenticationMethod",
]);

export function isGuestUser(userType: string, upn: string): boolean {
  return userType.toLowerCase() === "guest" || upn.toUpperCase().includes("#EXT#");
}

export function buildCapabilityIndex(snapshot: TenantSnapshot, index: DirectoryIndex): CapabilityIndex {
  const raw = new Map<string, Set<ModeToken>>();
  const get = (id: string) => {
    let s = raw.get(id);
    if (!s) raw.set(id, (s = new Set<ModeToken>(["password"])));
    return s;
  };
  for (const r of snapshot.registrations)
    for (const m of modesFromMethodsRegistered(r.methodsRegistered)) get(r.id).add(m);
  for (const m of snapshot.authenticationMethods)
    for (const t of modesFromMethodType(m["@odata.type"], m.phoneType)) get(m.userId).add(t);
  const memo = new Map<string, { caps: UserCapabilities; key: string }>();
  const entry = (userId: string) => {
    let e = memo.get(userId);
    if (e) return e;
    const user = index.findUser(userId);
    const id = user?.id ?? userId;
    const modes = filterByMethodsPolicy(
      raw.get(id) ?? new Set(["password"]),
      snapshot.authenticationMethodsPolicy,
      id,
      index.groupsOf(id),
    );
    const isGuest = user ? isGuestUser(user.userType, user.userPrincipalName) : false;
    if (isGuest) {
      modes.delete("temporaryAccessPassOneTime");
      modes.delete("temporaryAccessPassMultiUse");
    }
    e = { caps: { modes, isGuest }, key: `${isGuest ? "g" : "m"}:${[...modes].sort().join(",")}` };
    memo.set(userId, e);
    return e;
  };
  return {
    of: (id) => entry(id).caps,
    keyOf: (id) => entry(id).key,
    hasMfa(id) {
      const m = entry(id).caps.modes;
      for (const t of m) if (MFA_ALONE.has(t) || SECOND.has(t)) return true;
      return false;
    },
  };
}
