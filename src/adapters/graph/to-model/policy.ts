// Raw Graph policy objects (Conditional Access, named locations, authentication strengths, the
// authentication methods policy, security defaults) → model types. Policies are kept as given after
// key-casing normalisation: src/core/engine normalises their semantics (All/all, {} = unset, ...).
// https://learn.microsoft.com/graph/api/resources/conditionalaccesspolicy

import { fail, ok, type Result } from "../../../core/model/diagnostics.js";
import type {
  AuthenticationMethodConfiguration,
  AuthenticationMethodsPolicy,
  AuthenticationStrengthPolicy,
  ConditionalAccessPolicy,
  NamedLocation,
  SecurityDefaults,
} from "../../../core/model/policy.js";
import { begin, done, notObject } from "./directory.js";
import { compact, isObj } from "./fields.js";

/**
 * A Conditional Access policy. Only `displayName` is required (templates and request bodies have no id);
 * times become ISO; everything else is kept as written after key-casing normalisation.
 */
export function mapPolicy(raw: unknown): Result<ConditionalAccessPolicy> {
  // Always in depth: Graph nests annotations (`authenticationStrength@odata.context`) and tools nest PascalCase.
  const f = begin("policy", raw, true);
  if (!f) return notObject("policy", raw);
  f.reqStr("displayName");
  const o = { ...f.o };
  delete o["@odata.type"];
  for (const t of ["createdDateTime", "modifiedDateTime"])
    if (o[t] !== undefined && o[t] !== null) o[t] = f.time(t) ?? o[t];
  if (!f.has("conditions")) {
    f.diagnostics.push({
      code: "graph.missing-field",
      severity: "warning",
      message: "policy: 'conditions' is missing; the policy is kept but applies to nothing",
      path: "conditions",
    });
  }
  return done(f, o as unknown as ConditionalAccessPolicy);
}

const IP = "#microsoft.graph.ipNamedLocation";
const COUNTRY = "#microsoft.graph.countryNamedLocation";

/** An IP or country named location; the type is inferred from the fields when `@odata.type` is missing. */
export function mapNamedLocation(raw: unknown): Result<NamedLocation> {
  const f = begin("namedLocation", raw);
  if (!f) return notObject("namedLocation", raw);
  const declared = f.str("@odata.type");
  const type = declared
    ? declared.startsWith("#")
      ? declared
      : `#${declared}`
    : f.has("ipRanges")
      ? IP
      : f.has("countriesAndRegions")
        ? COUNTRY
        : null;
  const id = f.reqStr("id");
  const displayName = f.reqStr("displayName");
  if (type !== IP && type !== COUNTRY) {
    return fail([
      ...f.diagnostics,
      {
        code: "graph.unsupported-type",
        severity: "error",
        message: type
          ? `namedLocation: type ${type} is not supported (only IP and country named locations are evaluated)`
          : "namedLocation: neither '@odata.type' nor 'ipRanges'/'countriesAndRegions' is present",
        path: "@odata.type",
      },
    ]);
  }
  const base = {
    "@odata.type": type,
    id,
    displayName,
    createdDateTime: f.time("createdDateTime") ?? undefined,
    modifiedDateTime: f.time("modifiedDateTime") ?? undefined,
  } as const;
  if (type === IP) {
    const ranges = (f.arr("ipRanges") ?? []).filter(isObj).map((r) =>
      compact({
        "@odata.type": typeof r["@odata.type"] === "string" ? (r["@odata.type"] as string) : undefined,
        cidrAddress: String(r.cidrAddress ?? ""),
      }),
    );
    return done(f, compact<NamedLocation>({ ...base, isTrusted: f.bool("isTrusted") ?? false, ipRanges: ranges }));
  }
  return done(
    f,
    compact<NamedLocation>({
      ...base,
      countriesAndRegions: f.strs("countriesAndRegions") ?? [],
      includeUnknownCountriesAndRegions: f.bool("includeUnknownCountriesAndRegions") ?? false,
      countryLookupMethod: f.str("countryLookupMethod") ?? undefined,
    }),
  );
}

export function mapAuthenticationStrength(raw: unknown): Result<AuthenticationStrengthPolicy> {
  const f = begin("authenticationStrength", raw);
  if (!f) return notObject("authenticationStrength", raw);
  const id = f.reqStr("id");
  const displayName = f.reqStr("displayName");
  const combos = f.strs("allowedCombinations");
  if (!combos) {
    f.diagnostics.push({
      code: "graph.missing-field",
      severity: "error",
      message: "authenticationStrength: 'allowedCombinations' is missing",
      path: "allowedCombinations",
    });
  }
  return done(
    f,
    compact<AuthenticationStrengthPolicy>({
      id,
      displayName,
      description: f.str("description") ?? undefined,
      policyType: f.str("policyType") ?? "custom",
      requirementsSatisfied: f.str("requirementsSatisfied") ?? undefined,
      allowedCombinations: combos ?? [],
    }),
  );
}

/**
 * The tenant's authentication methods policy. Entries of `authenticationMethodConfigurations` that are
 * not objects (PowerShell writes the .NET type name instead of the object) are dropped with a warning.
 */
export function mapAuthenticationMethodsPolicy(raw: unknown): Result<AuthenticationMethodsPolicy> {
  const f = begin("authenticationMethodsPolicy", raw, true);
  if (!f) return notObject("authenticationMethodsPolicy", raw);
  const list = f.arr("authenticationMethodConfigurations");
  if (!list) {
    return fail([
      {
        code: "graph.missing-field",
        severity: "error",
        message: "authenticationMethodsPolicy: 'authenticationMethodConfigurations' is missing",
        path: "authenticationMethodConfigurations",
      },
    ]);
  }
  const configs: AuthenticationMethodConfiguration[] = [];
  let dropped = 0;
  for (const c of list) {
    if (!isObj(c) || typeof c.id !== "string") {
      dropped++;
      continue;
    }
    configs.push(
      compact({
        "@odata.type": typeof c["@odata.type"] === "string" ? (c["@odata.type"] as string) : undefined,
        id: c.id,
        state: typeof c.state === "string" ? c.state : "disabled",
        includeTargets: Array.isArray(c.includeTargets)
          ? (c.includeTargets as AuthenticationMethodConfiguration["includeTargets"])
          : undefined,
        excludeTargets: Array.isArray(c.excludeTargets)
          ? (c.excludeTargets as AuthenticationMethodConfiguration["excludeTargets"])
          : undefined,
        featureSettings: isObj(c.featureSettings) ? c.featureSettings : undefined,
        isUsableOnce: typeof c.isUsableOnce === "boolean" ? c.isUsableOnce : undefined,
        defaultLifetimeInMinutes:
          typeof c.defaultLifetimeInMinutes === "number" ? c.defaultLifetimeInMinutes : undefined,
      }),
    );
  }
  if (dropped > 0) {
    f.diagnostics.push({
      code: "graph.dropped-entries",
      severity: "warning",
      message: `authenticationMethodsPolicy: ${dropped} method configuration(s) were not objects with an id and were dropped`,
      path: "authenticationMethodConfigurations",
    });
  }
  const re = f.obj("registrationEnforcement");
  return done(
    f,
    compact<AuthenticationMethodsPolicy>({
      id: f.str("id") ?? undefined,
      policyVersion: f.str("policyVersion") ?? undefined,
      policyMigrationState: f.str("policyMigrationState") ?? undefined,
      registrationEnforcement: re ? (re as AuthenticationMethodsPolicy["registrationEnforcement"]) : undefined,
      authenticationMethodConfigurations: configs,
    }),
  );
}

/** `identitySecurityDefaultsEnforcementPolicy` → `{ isEnabled }`. */
export function mapSecurityDefaults(raw: unknown): Result<SecurityDefaults> {
  const f = begin("securityDefaults", raw);
  if (!f) return notObject("securityDefaults", raw);
  const isEnabled = f.reqBool("isEnabled");
  return f.failed ? fail(f.diagnostics) : ok({ isEnabled }, f.diagnostics);
}
