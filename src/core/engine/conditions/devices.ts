// Filter for devices: include mode applies the policy to matching devices, exclude mode to the others.
// An unregistered device has every property null (see device-filter/evaluate.ts for the consequence).
// https://learn.microsoft.com/entra/identity/conditional-access/concept-condition-filters-for-devices

import { evaluateDeviceFilter } from "../device-filter/evaluate.js";
import type { DeviceFilterCondition, DeviceInfo } from "../types.js";
import { no, unknown, type Verdict, yes } from "./env.js";

export function evaluateDevices(c: DeviceFilterCondition | null, device: DeviceInfo | null | undefined): Verdict {
  if (!c) return yes("device filter not configured");
  if (!c.ast) return unknown("device filter rule does not parse");
  const hit = evaluateDeviceFilter(c.ast, device);
  const reg = device ? "device" : "unregistered device";
  if (c.mode === "include")
    return hit ? yes(`${reg} matches the include filter`) : no(`${reg} does not match the include filter`);
  return hit ? no(`${reg} matches the exclude filter`) : yes(`${reg} not excluded by the filter`);
}
