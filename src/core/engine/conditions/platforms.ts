// Device platforms, and the mapping from the sign-in log's operating system strings.
// The platform comes from the (unverified) user agent; an unknown platform matches only `all`.
// https://learn.microsoft.com/entra/identity/conditional-access/concept-conditional-access-conditions#device-platforms

import type { PlatformOrUnknown, PlatformsCondition } from "../types.js";
import { no, type Verdict, yes } from "./env.js";

/** The CA platform of a sign-in log `deviceDetail.operatingSystem` value ("Windows 10", "iOS 17.1", "MacOs", ...). */
export function platformOf(operatingSystem: string | null | undefined): PlatformOrUnknown {
  const v = (operatingSystem ?? "").trim().toLowerCase();
  if (v === "") return "unknown";
  if (v.startsWith("windows phone") || v.startsWith("windowsphone")) return "windowsPhone";
  if (v.startsWith("windows") || v.startsWith("win")) return "windows";
  if (v.startsWith("ios") || v.startsWith("ipados") || v.startsWith("iphone") || v.startsWith("ipad")) return "iOS";
  if (v.startsWith("mac") || v.startsWith("os x")) return "macOS";
  if (v.startsWith("android")) return "android";
  if (v.startsWith("linux") || v.startsWith("ubuntu")) return "linux";
  return "unknown";
}

export function evaluatePlatforms(c: PlatformsCondition | null, p: PlatformOrUnknown): Verdict {
  if (!c) return yes("platforms not configured");
  if (p === "unknown")
    return c.includeAll ? yes("unknown platform, all platforms included") : no("unknown platform matches only 'all'");
  if (c.exclude.includes(p)) return no(`platform ${p} excluded`);
  if (c.includeAll || c.include.includes(p)) return yes(`platform ${p}`);
  return no(`platform ${p} not included`);
}
