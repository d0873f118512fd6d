// Client app types, and the mapping from the sign-in log's `clientAppUsed` strings.
// Stored clientAppTypes are evaluated literally (policies made before August 2020 keep what was saved);
// null / [] / ["all"] match every client.
// https://learn.microsoft.com/entra/identity/conditional-access/concept-conditional-access-conditions#client-apps

import type { ClientAppType, NormalizedPolicy, PlatformOrUnknown } from "../types.js";
import { no, type Verdict, yes } from "./env.js";

/**
 * Platforms on which Exchange ActiveSync counts as `easSupported` (unconfirmed: Microsoft documents the
 * value only in Graph; the portal's "supported platforms" were iOS, Android and Windows Phone).
 */
export const EAS_SUPPORTED_PLATFORMS: ReadonlySet<PlatformOrUnknown> = new Set(["android", "iOS", "windowsPhone"]);

/**
 * The CA client app type of a sign-in log `clientAppUsed` value (case-insensitive). Anything that is not
 * a browser, a modern client or EAS is a legacy protocol (`other`). See docs/reference/sign-in-logs.md#client-apps.
 * https://learn.microsoft.com/entra/identity/conditional-access/concept-conditional-access-conditions#client-apps
 */
export function clientAppTypeOf(clientAppUsed: string | null | undefined): ClientAppType {
  const v = (clientAppUsed ?? "").trim().toLowerCase().replace(/\s+/g, " ");
  if (v === "browser") return "browser";
  if (v === "mobile apps and desktop clients" || v === "mobileappsanddesktopclients")
    return "mobileAppsAndDesktopClients";
  if (v === "exchange activesync" || v === "exchangeactivesync") return "exchangeActiveSync";
  return "other";
}

/** Legacy clients cannot do MFA or send device state. */
export function isLegacyClient(t: ClientAppType): boolean {
  return t === "exchangeActiveSync" || t === "other";
}

export function evaluateClientApps(p: NormalizedPolicy, t: ClientAppType, platform: PlatformOrUnknown): Verdict {
  const list = p.clientAppTypes;
  if (list === null) return yes("all client apps");
  if (list.includes(t)) return yes(`client app ${t}`);
  if (t === "exchangeActiveSync" && list.includes("easSupported") && EAS_SUPPORTED_PLATFORMS.has(platform)) {
    return yes("Exchange ActiveSync on a supported platform");
  }
  return no(`client app ${t} not targeted`);
}
