// The document shapes a policy file comes in, and where its policies and named locations sit: one policy,
// an array (policies and locations mixed), a Graph list page {value: [...]}, a named location, or a
// ScubaGear tenant export {conditional_access_policies: [...]}.

import type { NamedLocation } from "../../core/model/policy.js";

/** Policies and named locations in a parsed file: one policy, an array, a Graph list or a ScubaGear export. */
export function policiesInDocument(doc: unknown): { policies: unknown[]; locations: NamedLocation[] } {
  if (Array.isArray(doc)) {
    const locations = doc.filter((d) =>
      String((d as Record<string, unknown>)?.["@odata.type"] ?? "").includes("NamedLocation"),
    );
    return { policies: doc.filter((d) => !locations.includes(d)), locations: locations as NamedLocation[] };
  }
  if (typeof doc !== "object" || doc === null) return { policies: [doc], locations: [] };
  const d = doc as Record<string, unknown>;
  if (String(d["@odata.type"] ?? "").includes("NamedLocation"))
    return { policies: [], locations: [d as unknown as NamedLocation] };
  if ("conditional_access_policies" in d) {
    const c = d.conditional_access_policies;
    return { policies: Array.isArray(c) ? c : c ? [c] : [], locations: [] };
  }
  if (Array.isArray(d.value)) return policiesInDocument(d.value);
  return { policies: [d], locations: [] };
}
