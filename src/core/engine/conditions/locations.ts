// Network locations: IPv4/IPv6 named locations, countries (with the unknown-country option), AllTrusted
// and the legacy MFA trusted IPs location. Exclusion beats inclusion.
// https://learn.microsoft.com/entra/identity/conditional-access/concept-assignment-network

import { MFA_TRUSTED_IPS_LOCATION_ID } from "../../model/well-known.js";
import type { LocationsCondition, Ref } from "../types.js";
import {
  type Env,
  type LocationFacts,
  NO,
  no,
  type Tri,
  UNKNOWN,
  UNRESOLVED,
  unknown,
  type Verdict,
  YES,
  yes,
} from "./env.js";

function refMatch(refs: readonly Ref[], f: LocationFacts, env: Env): { m: Tri; ref?: Ref } {
  let unk: Ref | undefined;
  for (const r of refs) {
    const id = env.locationRef(r);
    if (id === UNRESOLVED) {
      unk ??= r;
      continue;
    }
    if (id === "all") return { m: YES, ref: r };
    if (id === MFA_TRUSTED_IPS_LOCATION_ID) {
      if (f.mfaTrustedIps === YES) return { m: YES, ref: r };
      if (f.mfaTrustedIps === UNKNOWN) unk ??= r;
      continue;
    }
    if (f.ids.has(id)) return { m: YES, ref: r };
  }
  return unk ? { m: UNKNOWN, ref: unk } : { m: NO };
}

export function evaluateLocations(c: LocationsCondition | null, f: LocationFacts, env: Env): Verdict {
  if (!c) return yes("locations not configured");
  if (c.excludeAllTrusted && f.trusted) return no("sign-in from a trusted location (excluded)");
  const ex = refMatch(c.exclude, f, env);
  if (ex.m === YES) return no(`location ${name(ex.ref, env)} excluded`);
  let inc: { m: Tri; ref?: Ref; why?: string } = { m: NO };
  if (c.includeAll) inc = { m: YES, why: "any location" };
  else if (c.includeAllTrusted && f.trusted) inc = { m: YES, why: "trusted location" };
  else {
    const r = refMatch(c.include, f, env);
    inc = { ...r, why: `location ${name(r.ref, env)}` };
  }
  if (inc.m === NO) return no("sign-in location not included");
  if (inc.m === UNKNOWN) return unknown(`location reference '${inc.ref?.raw}' cannot be resolved`);
  if (ex.m === UNKNOWN)
    return unknown(`included (${inc.why}) but excluded location '${ex.ref?.raw}' cannot be resolved`);
  return yes(`included (${inc.why})`);
}

function name(r: Ref | undefined, env: Env): string {
  if (!r) return "";
  const id = env.locationRef(r);
  return id === UNRESOLVED ? r.raw : env.locationName(id);
}
