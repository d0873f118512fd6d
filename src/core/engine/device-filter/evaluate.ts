// Evaluation of a parsed device filter against the device of a sign-in.
// INVARIANT: a null property (unregistered device, unset attribute) fails every positive operator and
// satisfies every negative one, in include and exclude mode alike.
// https://learn.microsoft.com/entra/identity/conditional-access/concept-condition-filters-for-devices#policy-behavior-with-filter-for-devices
// Value comparison is case-insensitive (dynamic-rule convention; Microsoft does not state it for filters).

import type { DeviceInfo } from "../types.js";
import { type DeviceFilterNode, type FilterOperator, NEGATIVE_OPERATORS } from "./parser.js";

function propertyValue(device: DeviceInfo | null | undefined, property: string): string | readonly string[] | null {
  if (!device) return null;
  const v = (device as Record<string, unknown>)[property];
  if (v === null || v === undefined) return null;
  if (typeof v === "boolean") return v ? "true" : "false";
  if (Array.isArray(v)) return v.map((x) => String(x));
  return String(v);
}

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

/** Does the rule match this device? `null`/`undefined` device = unregistered. */
export function evaluateDeviceFilter(node: DeviceFilterNode, device: DeviceInfo | null | undefined): boolean {
  switch (node.kind) {
    case "and":
      for (const n of node.items) if (!evaluateDeviceFilter(n, device)) return false;
      return true;
    case "or":
      for (const n of node.items) if (evaluateDeviceFilter(n, device)) return true;
      return false;
    default: {
      const actual = propertyValue(device, node.property);
      if (actual === null) return NEGATIVE_OPERATORS.has(node.operator);
      if (typeof actual !== "string") {
        // Collections (physicalIds, systemLabels): whole-element match.
        const value = typeof node.value === "string" ? node.value : "";
        const want = typeof node.lower === "string" ? node.lower : "";
        let hit = false;
        for (const x of actual) if (sameText(x, value, want)) hit = true;
        return node.operator === "contains" ? hit : !hit;
      }
      return compare(node.operator, actual, node.value, node.lower);
    }
  }
}
