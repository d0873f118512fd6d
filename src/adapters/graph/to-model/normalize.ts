// Key-casing and value normalisation for raw Graph JSON, whatever produced it: the Graph API (camelCase),
// PowerShell exports (PascalCase keys, /Date(ms)/ times, AdditionalProperties bags) or docs examples.

import { camelKey } from "../../../core/model/camel-key.js";

/** The key rule lives in the model (one rule for import and engine); re-exported for the adapters. */
export { camelKey };

/** OData annotations that carry no data for Glidepath (kept: `@odata.type`, the polymorphic discriminator). */
const DROP_KEY = /^@odata\.(context|id|editLink|etag|nextLink|deltaLink|count|readLink|navigationLink)$/i;

const DOTNET_DATE = /^\/Date\((-?\d+)([+-]\d{4})?\)\/$/;

/** `/Date(1647536088205)/` → ISO-8601 UTC; any other value is returned unchanged. */
export function fromDotNetDate(v: string): string {
  const m = DOTNET_DATE.exec(v);
  if (!m) return v;
  const ms = Number(m[1]);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : v;
}

/**
 * Recursively normalise a raw Graph object: keys to camelCase, `/Date(ms)/` strings to ISO, OData noise
 * dropped (`@odata.context`, `x@odata.type` sibling annotations, `#microsoft.graph.restore` action blocks),
 * `odata.type` → `@odata.type`, and PowerShell `AdditionalProperties` merged into their parent (existing keys win).
 * Never mutates its input.
 */
export function normalizeKeys(raw: unknown): unknown {
  if (Array.isArray(raw)) return raw.map(normalizeKeys);
  if (typeof raw === "string") return raw.length > 8 && raw.charCodeAt(0) === 47 ? fromDotNetDate(raw) : raw;
  if (raw === null || typeof raw !== "object") return raw;
  const out: Record<string, unknown> = {};
  let extra: unknown;
  for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
    if (k.startsWith("#") || DROP_KEY.test(k)) continue;
    const at = k.indexOf("@");
    if (at > 0) continue; // `createdDateTime@odata.type`, `authenticationStrength@odata.context`, ...
    if (k === "AdditionalProperties" || k === "additionalProperties") {
      if (v && typeof v === "object" && !Array.isArray(v)) extra = v;
      continue;
    }
    const key = camelKey(k);
    if (key in out) continue; // `grantControls` and `GrantControls` in one document: the first wins
    out[key] = normalizeKeys(v);
  }
  if (extra) {
    for (const [k, v] of Object.entries(normalizeKeys(extra) as Record<string, unknown>)) {
      if (!(k in out)) out[k] = v;
    }
  }
  return out;
}

const ISO_Z = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,7})?Z$/;
const US_LA = /^(\d{1,2})\/(\d{1,2})\/(\d{4}),?\s+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?\s*([AP]M)?$/i;

/**
 * Any timestamp an export writes → ISO-8601 UTC, or null when it cannot be read. ISO strings already in
 * UTC (`Z`) are kept as written (7 fractional digits included) so that re-imports compare equal;
 * offsets, `/Date(ms)/`, epoch milliseconds and Log Analytics' US form `4/28/2021, 2:08:45.221 PM`
 * (always UTC in exports) are converted.
 */
export function toIsoTime(v: unknown): string | null {
  if (typeof v === "number") return Number.isFinite(v) ? new Date(v).toISOString() : null;
  if (typeof v !== "string") return null;
  const s = v.trim();
  if (s === "") return null;
  if (ISO_Z.test(s)) return s;
  const d = DOTNET_DATE.exec(s);
  if (d) return fromDotNetDate(s);
  const us = US_LA.exec(s);
  if (us) {
    let h = Number(us[4]);
    const ampm = us[8]?.toUpperCase();
    if (ampm === "PM" && h < 12) h += 12;
    if (ampm === "AM" && h === 12) h = 0;
    const ms = us[7] ? Math.round(Number(`0.${us[7]}`) * 1000) : 0;
    const t = Date.UTC(Number(us[3]), Number(us[1]) - 1, Number(us[2]), h, Number(us[5]), Number(us[6] ?? 0), ms);
    return Number.isFinite(t) ? new Date(t).toISOString() : null;
  }
  if (!/^\d{4}-\d{2}-\d{2}/.test(s)) return null;
  // ISO with an offset or without a zone (exports write UTC): parse as UTC.
  const withZone = /[zZ]|[+-]\d{2}:?\d{2}$/.test(s.slice(10)) ? s : `${s.replace(" ", "T")}Z`;
  const t = Date.parse(withZone);
  return Number.isFinite(t) ? new Date(t).toISOString() : null;
}
