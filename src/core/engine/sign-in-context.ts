// Sign-in log records -> SignInContext, so replay and the CLI evaluate what really happened.
// Mappings: docs/reference/sign-in-logs.md#client-apps, deviceDetail display strings for trustType.
// https://learn.microsoft.com/graph/api/resources/signin

import type { AccessPattern, SignIn } from "../model/sign-in.js";
import { clientAppTypeOf } from "./conditions/client-apps.js";
import { platformOf } from "./conditions/platforms.js";
import type { DeviceInfo, RiskLevel, SignInContext, TransferMethod } from "./types.js";

/** Filter-language trust type of a sign-in log display string ("Hybrid Azure AD joined" -> ServerAD). */
export function trustTypeOf(display: string | null | undefined): string | null {
  const v = (display ?? "").toLowerCase();
  if (v === "") return null;
  if (v.includes("hybrid") || v === "serverad") return "ServerAD";
  if (v.includes("registered") || v === "workplace") return "Workplace";
  if (v.includes("joined") || v === "azuread") return "AzureAD";
  return null;
}

function deviceOf(d: {
  deviceId?: string | null;
  displayName?: string | null;
  operatingSystem?: string | null;
  isCompliant?: boolean | null;
  trustType?: string | null;
}): DeviceInfo | null {
  const trustType = trustTypeOf(d.trustType);
  if (!d.deviceId && !trustType) return null; // unregistered
  return {
    deviceId: d.deviceId ?? null,
    displayName: d.displayName ?? null,
    operatingSystem: d.operatingSystem ?? null,
    isCompliant: d.isCompliant ?? null,
    trustType,
  };
}

const RISKS = new Set(["none", "low", "medium", "high", "hidden"]);
const FLOWS = new Set(["deviceCodeFlow", "authenticationTransfer"]);

/** The context of a logged sign-in (application = the resource when known, else the client app). */
export function contextFromSignIn(s: SignIn): SignInContext {
  const risk = (s.riskLevelDuringSignIn ?? "none").toLowerCase();
  const flow = s.originalTransferMethod ?? "none";
  return {
    user: s.userId,
    application: s.resourceId || s.appId,
    clientAppType: clientAppTypeOf(s.clientAppUsed),
    platform: platformOf(s.deviceDetail?.operatingSystem),
    ipAddress: s.ipAddress ?? null,
    country: s.location?.countryOrRegion ?? null,
    signInRisk: (RISKS.has(risk) ? risk : "none") as RiskLevel,
    device: s.deviceDetail ? deviceOf(s.deviceDetail) : null,
    authenticationFlow: (FLOWS.has(flow) ? flow : "none") as TransferMethod,
  };
}

/** The context of an aggregated access pattern. */
export function contextFromAccessPattern(p: AccessPattern): SignInContext {
  return {
    user: p.userId,
    application: p.resourceId || p.appId,
    clientAppType: clientAppTypeOf(p.clientAppUsed),
    platform: platformOf(p.operatingSystem),
    ipAddress: p.ipAddress,
    country: p.countryOrRegion,
    device: deviceOf({
      deviceId: p.deviceId,
      displayName: p.deviceDisplayName,
      operatingSystem: p.operatingSystem,
      isCompliant: p.isCompliant,
      trustType: p.trustType,
    }),
  };
}
