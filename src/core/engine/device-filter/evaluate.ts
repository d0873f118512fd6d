// Evaluation of a parsed device filter against the device of a sign-in.
// INVARIANT: a null property (unregistered device, unset attribute) fails every positive operator and
// satisfies every negative one, in include and exclude mode alike.
// https://learn.microsoft.com/entra/identity/conditional-access/concept-condition-filters-for-devices#policy-behavior-with-filter-for-devices
// Value comparison is case-insensitive (dynamic-rule convention; Microsoft does not state it for filters).

import type { DeviceInfo } from "../types.js";
import { type DeviceFilterNode, type FilterOperator, NEGATIVE_OPERATORS } from "./parser.js";

/** Case-insensitive equality without allocating when the lengths already differ or the case matches. */
function sameText(actual: string, value: string, lower: string): boolean {
  if (actual.length !== lower.length) return false;
  return actual === value || actual.toLowerCase() === lower;
}

function compare(
  op: FilterOperator,
  actual: string,
  value: string | readonly string[],
  lower: string | readonly string[],
): boolean {
  if (typeof value !== "string") {
    const ls = lower as readonly string[];
    let hit = false;
    for (let i = 0; i < value.length && !hit; i++) hit = sameText(actual, value[i] as string, ls[i] as string);
    return op === "in" ? hit : !hit;
  }
  const e = lower as string;
  if (op === "eq") return sameText(actual, value, e);
  if (op === "ne") return !sameText(actual, value, e);
  const a = actual.toLowerCase();
  switch (op) {
    case "startsWith":
      return a.startsWith(e);
    case "notStartsWith":
      return !a.startsWith(e);
    case "endsWith":
      return a.endsWith(e);
    case "notEndsWith":
      return !a.endsWith(e);
    case "contains":
      return a.includes(e);
    case "notContains":
      return !a.includes(e);
    default:
      return false;
  }
}

type Cmp = Extract<DeviceFilterNode, { kind: "cmp" }>;

/** One comparison against a raw property value (null/undefined = not set). */
function leafMatch(node: Cmp, v: unknown): boolean {
  if (v === null || v === undefined) return NEGATIVE_OPERATORS.has(node.operator);
  if (typeof v === "string") return compare(node.operator, v, node.value, node.lower);
  if (typeof v === "boolean") return compare(node.operator, v ? "true" : "false", node.value, node.lower);
  if (Array.isArray(v)) {
    // Collections (physicalIds, systemLabels): whole-element match.
    const value = typeof node.value === "string" ? node.value : "";
    const want = typeof node.lower === "string" ? node.lower : "";
    let hit = false;
    for (const x of v) if (sameText(String(x), value, want)) hit = true;
    return node.operator === "contains" ? hit : !hit;
  }
  return compare(node.operator, String(v), node.value, node.lower);
}

/** Does the rule match this device? `null`/`undefined` device = unregistered. */
export function evaluateDeviceFilter(node: DeviceFilterNode, device: DeviceInfo | null | undefined): boolean {
  switch (node.kind) {
    case "and":
      for (const n of node.items) if (!evaluateDeviceFilter(n, device)) return false;
      return true;
    case "or":
      for (const n of node.items) if (evaluateDeviceFilter(n, device)) return true;
      return false;
    default:
      return leafMatch(node, device ? (device as Record<string, unknown>)[node.property] : null);
  }
}

type Getter = (d: DeviceInfo) => unknown;
const GETTERS: Readonly<Record<string, Getter>> = {
  deviceId: (d) => d.deviceId,
  displayName: (d) => d.displayName,
  isCompliant: (d) => d.isCompliant,
  trustType: (d) => d.trustType,
  operatingSystem: (d) => d.operatingSystem,
  operatingSystemVersion: (d) => d.operatingSystemVersion,
  deviceOwnership: (d) => d.deviceOwnership,
  enrollmentProfileName: (d) => d.enrollmentProfileName,
  manufacturer: (d) => d.manufacturer,
  model: (d) => d.model,
  mdmAppId: (d) => d.mdmAppId,
  profileType: (d) => d.profileType,
  physicalIds: (d) => d.physicalIds,
  systemLabels: (d) => d.systemLabels,
};

/**
 * A device filter as a closure with direct property reads: the compiled path's version of
 * evaluateDeviceFilter, with the same leaf semantics (leafMatch).
 */
export function compileDeviceFilter(node: DeviceFilterNode): (device: DeviceInfo | null | undefined) => boolean {
  if (node.kind === "and" || node.kind === "or") {
    const parts = node.items.map(compileDeviceFilter);
    return node.kind === "and"
      ? (d) => {
          for (const f of parts) if (!f(d)) return false;
          return true;
        }
      : (d) => {
          for (const f of parts) if (f(d)) return true;
          return false;
        };
  }
  const leaf = node as Cmp;
  const prop = leaf.property;
  const get: Getter = GETTERS[prop] ?? ((d) => (d as Record<string, unknown>)[prop]);
  const unset = NEGATIVE_OPERATORS.has(leaf.operator);
  return (d) => (d ? leafMatch(leaf, get(d)) : unset);
}
