// The evaluation environment: a snapshot's directory and locations resolved once, the tri-state used by
// every condition, and the resolved identity ("subject") of a sign-in.
// Unresolvable references evaluate to UNKNOWN; the evaluator counts them per docs/design.md#rule-6.

import type { Diagnostic } from "../../model/diagnostics.js";
import { buildDirectoryIndex, type DirectoryIndex } from "../../model/directory-index.js";
import { isGuid } from "../../model/guid.js";
import type { AuthenticationStrengthPolicy, NamedLocation } from "../../model/policy.js";
import type { TenantSnapshot } from "../../model/snapshot.js";
import { MFA_TRUSTED_IPS_LOCATION_ID, ROLE_NAMES } from "../../model/well-known.js";
import { type Cidr, cidrContains, type IpAddress, parseCidr, parseIp } from "../ip.js";
import type { EvaluatorOptions, GuestType, Ref, SignInContext } from "../types.js";

/** Tri-state match: NO, YES, or UNKNOWN (the engine cannot tell). */
export const NO = 0;
export const YES = 1;
export const UNKNOWN = 2;
export type Tri = typeof NO | typeof YES | typeof UNKNOWN;

/** A condition's verdict with a short human explanation. */
export interface Verdict {
  readonly m: Tri;
  readonly detail: string;
}

export const yes = (detail: string): Verdict => ({ m: YES, detail });
export const no = (detail: string): Verdict => ({ m: NO, detail });
export const unknown = (detail: string): Verdict => ({ m: UNKNOWN, detail });

/** The identity of a sign-in, resolved against the directory. `null` sets = membership unknown. */
export interface Subject {
  readonly kind: "user" | "servicePrincipal" | "managedIdentity";
  readonly id: string | null;
  readonly label: string;
  /** null for internal members. */
  readonly guestType: GuestType | null;
  readonly externalTenantId: string | null;
  readonly groups: ReadonlySet<string> | null;
  readonly roles: ReadonlySet<string> | null;
}

interface CompiledLocation {
  readonly id: string;
  readonly displayName: string;
  readonly kind: "ip" | "country";
  readonly trusted: boolean;
  readonly ranges: readonly Cidr[];
  readonly countries: ReadonlySet<string>;
  readonly includeUnknown: boolean;
  readonly gps: boolean;
}

/** Where a sign-in comes from, in terms of the tenant's named locations. */
export interface LocationFacts {
  readonly ids: ReadonlySet<string>;
  readonly trusted: boolean;
  /** Whether the sign-in is inside the legacy MFA trusted IPs: UNKNOWN when the list was not given. */
  readonly mfaTrustedIps: Tri;
}

export const UNRESOLVED = Symbol("unresolved");

/** Application keywords: bundles, and agent resources (which no user sign-in to an app targets). */
const APP_KEYWORD_SET: ReadonlySet<string> = new Set(["Office365", "MicrosoftAdminPortals", "AllAgentIdResources"]);
export type Resolved = string | typeof UNRESOLVED;

/** Everything the conditions need from the snapshot, built once per evaluator. */
export interface Env {
  readonly index: DirectoryIndex;
  readonly opts: EvaluatorOptions;
  readonly strengths: ReadonlyMap<string, AuthenticationStrengthPolicy>;
  readonly diagnostics: Diagnostic[];
  userRef(r: Ref): Resolved;
  groupRef(r: Ref): Resolved;
  roleRef(r: Ref): Resolved;
  locationRef(r: Ref): Resolved;
  appRef(r: Ref): Resolved;
  servicePrincipalRef(r: Ref): Resolved;
  locationName(id: string): string;
  groupName(id: string): string;
  locationFacts(
    ip: string | null | undefined,
    country: string | null | undefined,
    gps: string | null | undefined,
  ): LocationFacts;
  subjectOf(ctx: SignInContext): Subject;
}

const byLowerName = <T>(items: readonly T[], name: (t: T) => string | null | undefined, id: (t: T) => string) => {
  const m = new Map<string, string | null>();
  for (const it of items) {
    const n = name(it)?.toLowerCase();
    if (!n) continue;
    // Two objects with the same name: ambiguous, so unresolved.
    m.set(n, m.has(n) ? null : id(it));
  }
  return m;
};

function compileLocation(l: NamedLocation, diags: Diagnostic[]): CompiledLocation {
  const ranges: Cidr[] = [];
  for (const r of l.ipRanges ?? []) {
    const c = parseCidr(r.cidrAddress);
    if (c) ranges.push(c);
    else {
      diags.push({
        code: "location.bad-cidr",
        severity: "warning",
        message: `named location '${l.displayName}' has an unreadable range '${r.cidrAddress}'; ignored`,
        path: `namedLocations[${l.id}].ipRanges`,
      });
    }
  }
  const isCountry =
    (l["@odata.type"] ?? "").toLowerCase().includes("country") || (l.countriesAndRegions?.length ?? 0) > 0;
  return {
    id: l.id,
    displayName: l.displayName,
    kind: isCountry ? "country" : "ip",
    trusted: !isCountry && l.isTrusted === true,
    ranges,
    countries: new Set((l.countriesAndRegions ?? []).map((c) => c.toUpperCase())),
    includeUnknown: l.includeUnknownCountriesAndRegions === true,
    gps: (l.countryLookupMethod ?? "").toLowerCase() === "authenticatorappgps",
  };
}

/** A guest kind for a directory user: Graph only says Member/Guest; `#EXT#` marks B2B accounts. */
export function guestTypeOfUser(userType: string, upn: string): GuestType | null {
  const external = upn.toUpperCase().includes("#EXT#");
  if (userType.toLowerCase() === "guest") return external ? "b2bCollaborationGuest" : "internalGuest";
  return external ? "b2bCollaborationMember" : null;
}

/** Build the environment for a snapshot. */
export function buildEnv(snapshot: TenantSnapshot, opts: EvaluatorOptions): Env {
  const diagnostics: Diagnostic[] = [];
  const index = buildDirectoryIndex(snapshot, opts.now);
  const groupsByName = byLowerName(
    snapshot.groups,
    (g) => g.displayName,
    (g) => g.id,
  );
  const usersByName = byLowerName(
    snapshot.users,
    (u) => u.displayName,
    (u) => u.id,
  );
  const roleByName = new Map<string, string>();
  for (const [id, name] of Object.entries(ROLE_NAMES)) roleByName.set(name.toLowerCase(), id);
  for (const d of snapshot.roleDefinitions) roleByName.set(d.displayName.toLowerCase(), d.templateId);
  const spByName = byLowerName(
    snapshot.servicePrincipals,
    (s) => s.displayName,
    (s) => s.appId.toLowerCase(),
  );
  const spIds = new Set(snapshot.servicePrincipals.map((s) => s.id));
  const spByAppName = byLowerName(
    snapshot.servicePrincipals,
    (s) => s.displayName,
    (s) => s.id,
  );
  const locations = new Map<string, CompiledLocation>();
  for (const l of snapshot.namedLocations) locations.set(l.id.toLowerCase(), compileLocation(l, diagnostics));
  const locByName = byLowerName(
    snapshot.namedLocations,
    (l) => l.displayName,
    (l) => l.id.toLowerCase(),
  );
  const strengths = new Map(snapshot.authenticationStrengths.map((s) => [s.id.toLowerCase(), s]));
  const mfaRanges = opts.mfaTrustedIps?.map((c) => parseCidr(c)).filter((c): c is Cidr => c !== null);

  const named = (r: Ref, names: Map<string, string | null>): Resolved => names.get(r.raw.toLowerCase()) ?? UNRESOLVED;

  const locCache = new Map<string, LocationFacts>();

  return {
    index,
    opts,
    strengths,
    diagnostics,
    // Resolution order: an id of the snapshot, a GUID (an object the snapshot may lack, compared as is), a
    // display name (UPN for users); anything else is UNRESOLVED and evaluates to UNKNOWN.
    userRef(r) {
      if (index.userById.has(r.raw)) return r.raw;
      const u = index.userByUpn.get(r.raw.toLowerCase());
      if (u) return u.id;
      if (isGuid(r.raw)) return r.raw;
      return named(r, usersByName);
    },
    groupRef(r) {
      if (index.groupById.has(r.raw) || isGuid(r.raw)) return r.raw;
      return named(r, groupsByName);
    },
    roleRef(r) {
      const byName = roleByName.get(r.raw.toLowerCase());
      if (byName) return byName;
      return isGuid(r.raw) ? r.raw.toLowerCase() : UNRESOLVED;
    },
    locationRef(r) {
      const id = r.raw.toLowerCase();
      if (locations.has(id) || id === MFA_TRUSTED_IPS_LOCATION_ID || id === "all") return id;
      return named(r, locByName);
    },
    appRef(r) {
      if (APP_KEYWORD_SET.has(r.raw)) return r.raw;
      if (isGuid(r.raw)) return r.raw.toLowerCase();
      return named(r, spByName);
    },
    servicePrincipalRef(r) {
      if (spIds.has(r.raw) || isGuid(r.raw)) return r.raw;
      return named(r, spByAppName);
    },
    locationName(id) {
      return locations.get(id)?.displayName ?? (id === MFA_TRUSTED_IPS_LOCATION_ID ? "MFA trusted IPs" : id);
    },
    groupName(id) {
      return index.groupById.get(id)?.displayName ?? id;
    },
    locationFacts(ipText, countryText, gpsText) {
      const key = `${ipText ?? ""}|${countryText ?? ""}|${gpsText ?? ""}`;
      const hit = locCache.get(key);
      if (hit) return hit;
      const ip: IpAddress | null = ipText ? parseIp(ipText) : null;
      const country = countryText ? countryText.toUpperCase() : null;
      const gps = gpsText ? gpsText.toUpperCase() : null;
      const ids = new Set<string>();
      let trusted = false;
      for (const l of locations.values()) {
        let inside = false;
        if (l.kind === "ip") inside = ip !== null && l.ranges.some((c) => cidrContains(c, ip));
        else {
          const c = l.gps ? gps : country;
          inside = c === null ? l.includeUnknown : l.countries.has(c);
        }
        if (inside) {
          ids.add(l.id.toLowerCase());
          if (l.trusted) trusted = true;
        }
      }
      let mfaTrustedIps: Tri = UNKNOWN;
      if (mfaRanges) mfaTrustedIps = ip !== null && mfaRanges.some((c) => cidrContains(c, ip)) ? YES : NO;
      else if (ip === null) mfaTrustedIps = NO;
      const facts: LocationFacts = { ids, trusted: trusted || mfaTrustedIps === YES, mfaTrustedIps };
      if (locCache.size > 100_000) locCache.clear();
      locCache.set(key, facts);
      return facts;
    },
    subjectOf(ctx) {
      const u = ctx.user;
      if (typeof u === "string") {
        const user = index.findUser(u);
        if (!user) {
          return { kind: "user", id: u, label: u, guestType: null, externalTenantId: null, groups: null, roles: null };
        }
        return {
          kind: "user",
          id: user.id,
          label: user.userPrincipalName,
          guestType: guestTypeOfUser(user.userType, user.userPrincipalName),
          externalTenantId: null,
          groups: index.groupsOf(user.id),
          roles: index.activeRolesOf(user.id),
        };
      }
      const kind = u.isManagedIdentity ? "managedIdentity" : u.isServicePrincipal ? "servicePrincipal" : "user";
      const guestType =
        u.userType === "guest"
          ? (u.guestType ?? "b2bCollaborationGuest")
          : u.guestType === "b2bCollaborationMember"
            ? u.guestType
            : null;
      return {
        kind,
        id: u.id ?? null,
        label: u.id ?? `ad-hoc ${u.userType}`,
        guestType,
        externalTenantId: u.externalTenantId?.toLowerCase() ?? null,
        groups: new Set(u.groupIds),
        roles: new Set(u.roleTemplateIds.map((r) => r.toLowerCase())),
      };
    },
  };
}
