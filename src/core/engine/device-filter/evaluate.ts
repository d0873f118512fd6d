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

function compare(op: FilterOperator, actual: string, expected: string | readonly string[]): boolean {
  const a = actual.toLowerCase();
  if (typeof expected !== "string") {
    const hit = expected.some((e) => e.toLowerCase() === a);
    return op === "in" ? hit : !hit;
  }
  const e = expected.toLowerCase();
  switch (op) {
    case "eq":
      return a === e;
    case "ne":
      return a !== e;
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
      return node.items.every((n) => evaluateDeviceFilter(n, device));
    case "or":
      return node.items.some((n) => evaluateDeviceFilter(n, device));
    default: {
      const actual = propertyValue(device, node.property);
      if (actual === null) return NEGATIVE_OPERATORS.has(node.operator);
      if (typeof actual !== "string") {
        // Collections (physicalIds, systemLabels): whole-element match.
        const want = (typeof node.value === "string" ? node.value : "").toLowerCase();
        const hit = actual.some((x) => x.toLowerCase() === want);
        return node.operator === "contains" ? hit : !hit;
      }
      return compare(node.operator, actual, node.value);
    }
  }
}
