// Flags of `glidepath evaluate` -> the typed request of the use case: application names, user actions,
// platforms, risk levels, device JSON. A flag that cannot be read is a GlidepathError `evaluate.*` with a remedy.

import { isIP } from "node:net";
import type { EvaluateRequest, SignInConditions } from "../../app/evaluate.js";
import {
  CLIENT_APP_TYPES,
  type ClientAppType,
  clientAppTypeOf,
  type DeviceInfo,
  INSIDER_RISK_LEVELS,
  type InsiderRiskLevel,
  isGuid,
  PLATFORMS,
  type PlatformOrUnknown,
  platformOf,
  RISK_LEVELS,
  type RiskLevel,
  type TransferMethod,
  type UnknownPolicy,
  type UserAction,
} from "../../core/engine/index.js";
import { COUNTRY_CODE_MISTAKES, COUNTRY_CODES } from "../../core/model/country-codes.js";
import { APP, GlidepathError } from "../../core/model/index.js";
import { quoted } from "../arg-parsers.js";

/** Flags of `glidepath evaluate`: the request's plain fields as given, the sign-in's as strings. */
export interface EvaluateFlags
  extends Pick<EvaluateRequest, "workspace" | "policies" | "user" | "memberOf" | "roles" | "guest" | "methods"> {
  readonly app?: string;
  readonly clientApp?: string;
  readonly clientAppUsed?: string;
  readonly platform?: string;
  readonly ip?: string;
  readonly country?: string;
  readonly signInRisk?: string;
  readonly userRisk?: string;
  readonly insiderRisk?: string;
  readonly device?: string;
  readonly userAction?: string;
  readonly authContext?: string;
  readonly authFlow?: string;
  readonly unknownApplies?: string;
  readonly reportOnlyAsEnabled?: boolean;
}

const bad = (code: string, message: string, remedy: string) => new GlidepathError(`evaluate.${code}`, message, remedy);

/** Well-known application names accepted by --app (case-insensitive; `-` and `_` ignored). */
export const APP_NAMES: Readonly<Record<string, string>> = (() => {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(APP)) out[k.toLowerCase()] = v;
  Object.assign(out, {
    exchange: APP.exchangeOnline,
    sharepoint: APP.sharePointOnline,
    graph: APP.microsoftGraph,
    teams: APP.teamsService,
    arm: APP.azureServiceManagement,
    azuremanagement: APP.azureServiceManagement,
    office365: "Office365",
    microsoftadminportals: "MicrosoftAdminPortals",
    adminportals: "MicrosoftAdminPortals",
  });
  return out;
})();

function parseApp(v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  if (isGuid(v)) return v.toLowerCase();
  const hit = APP_NAMES[v.toLowerCase().replace(/[-_\s]/g, "")];
  if (!hit) {
    throw bad(
      "unknown-app",
      `--app '${v}' is neither an application id nor a known name`,
      `pass an appId (GUID) or one of: ${Object.keys(APP_NAMES).sort().join(", ")}`,
    );
  }
  return hit;
}

function oneOf<T extends string>(flag: string, v: string | undefined, values: readonly T[]): T | undefined {
  if (v === undefined) return undefined;
  const hit = values.find((x) => x.toLowerCase() === v.toLowerCase());
  if (!hit) throw bad("bad-value", `${flag} '${v}' is not valid`, `use one of: ${values.join(", ")}`);
  return hit;
}

function parseUserAction(v: string | undefined): UserAction | undefined {
  if (v === undefined) return undefined;
  const l = v.toLowerCase();
  if (["urn:user:registersecurityinfo", "registersecurityinformation", "registersecurityinfo"].includes(l)) {
    return "registerSecurityInfo";
  }
  if (["urn:user:registerdevice", "registerorjoindevices", "registerdevice"].includes(l))
    return "registerOrJoinDevices";
  throw bad(
    "bad-value",
    `--user-action '${v}' is not a Conditional Access user action`,
    "use urn:user:registersecurityinfo (registerSecurityInformation) or urn:user:registerdevice (registerOrJoinDevices)",
  );
}

function parseIp(v: string): string {
  if (isIP(v) === 0) {
    throw bad(
      "bad-ip",
      `--ip ${quoted(v)} is not an IPv4 or IPv6 address`,
      "pass e.g. --ip 203.0.113.7 or --ip 2001:db8::1",
    );
  }
  return v;
}

/** An ISO 3166-1 alpha-2 code, upper-cased; a usual mistake (UK) is answered with the code meant (GB). */
function parseCountry(v: string): string {
  const code = v.trim().toUpperCase();
  if (COUNTRY_CODES.has(code)) return code;
  const meant = COUNTRY_CODE_MISTAKES[code];
  throw bad(
    "bad-country",
    `--country ${quoted(v)} is not an ISO 3166-1 alpha-2 country code${meant ? ` (did you mean ${meant}?)` : ""}`,
    meant && /^[A-Z]{2}$/.test(meant)
      ? `pass --country ${meant}`
      : "pass a two-letter ISO 3166-1 code, e.g. --country US, --country DE or --country GB",
  );
}

/** Authentication contexts are c1 to c99 (Entra's fixed set of ids). */
function parseAuthContext(v: string): string {
  const m = /^c([1-9]\d?)$/i.exec(v.trim());
  if (!m)
    throw bad(
      "bad-value",
      `--auth-context ${quoted(v)} is not an authentication context id`,
      "use c1 to c99, e.g. --auth-context c1",
    );
  return `c${m[1]}`;
}

function parsePlatform(v: string | undefined): PlatformOrUnknown | undefined {
  if (v === undefined) return undefined;
  const exact = [...PLATFORMS, "unknown" as const].find((p) => p.toLowerCase() === v.toLowerCase());
  return exact ?? platformOf(v);
}

function parseDevice(v: string | undefined): DeviceInfo | null | undefined {
  if (v === undefined) return undefined;
  if (["none", "unregistered", "null"].includes(v.trim().toLowerCase())) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(v);
  } catch (e) {
    throw bad(
      "bad-device",
      `--device is not valid JSON: ${(e as Error).message}`,
      `quote it for the shell, e.g. --device '{"isCompliant":true,"trustType":"AzureAD"}', or pass --device unregistered`,
    );
  }
  if (parsed === null) return null;
  if (typeof parsed !== "object" || Array.isArray(parsed)) {
    throw bad(
      "bad-device",
      "--device must be a JSON object",
      `e.g. --device '{"isCompliant":true,"trustType":"ServerAD"}'`,
    );
  }
  return parsed as DeviceInfo;
}

/** The sign-in the flags describe (a browser sign-in unless --client-app/--client-app-used say otherwise). */
export function parseSignIn(input: EvaluateFlags): SignInConditions {
  let clientAppType: ClientAppType | undefined = oneOf("--client-app", input.clientApp, CLIENT_APP_TYPES);
  if (input.clientAppUsed !== undefined) clientAppType = clientAppTypeOf(input.clientAppUsed);
  return {
    ...(input.app !== undefined ? { application: parseApp(input.app) as string } : {}),
    ...(input.userAction !== undefined ? { userAction: parseUserAction(input.userAction) as UserAction } : {}),
    ...(input.authContext !== undefined ? { authContext: parseAuthContext(input.authContext) } : {}),
    clientAppType: clientAppType ?? "browser",
    ...(input.platform !== undefined ? { platform: parsePlatform(input.platform) as PlatformOrUnknown } : {}),
    ...(input.ip !== undefined ? { ipAddress: parseIp(input.ip) } : {}),
    ...(input.country !== undefined ? { country: parseCountry(input.country) } : {}),
    ...(input.signInRisk !== undefined
      ? { signInRisk: oneOf("--sign-in-risk", input.signInRisk, RISK_LEVELS) as RiskLevel }
      : {}),
    ...(input.userRisk !== undefined
      ? { userRisk: oneOf("--user-risk", input.userRisk, RISK_LEVELS) as RiskLevel }
      : {}),
    ...(input.insiderRisk !== undefined
      ? { insiderRisk: oneOf("--insider-risk", input.insiderRisk, INSIDER_RISK_LEVELS) as InsiderRiskLevel }
      : {}),
    ...(input.device !== undefined ? { device: parseDevice(input.device) ?? null } : {}),
    ...(input.authFlow !== undefined
      ? {
          authenticationFlow: oneOf("--auth-flow", input.authFlow, [
            "none",
            "deviceCodeFlow",
            "authenticationTransfer",
          ] as const) as TransferMethod,
        }
      : {}),
  };
}

/** The request of the evaluate use case, from the flags. */
export function parseEvaluateFlags(input: EvaluateFlags): EvaluateRequest {
  const signIn = parseSignIn(input);
  const unknownApplies = oneOf("--unknown", input.unknownApplies, ["assumeApplies", "assumeNotApplies"] as const) as
    | UnknownPolicy
    | undefined;
  return {
    ...(input.policies && input.policies.length > 0 ? { policies: input.policies } : {}),
    ...(input.workspace !== undefined ? { workspace: input.workspace } : {}),
    ...(input.user !== undefined ? { user: input.user } : {}),
    ...(input.memberOf ? { memberOf: input.memberOf } : {}),
    ...(input.roles ? { roles: input.roles } : {}),
    ...(input.guest !== undefined ? { guest: input.guest } : {}),
    ...(input.methods ? { methods: input.methods } : {}),
    signIn,
    ...(unknownApplies ? { unknownApplies } : {}),
    reportOnlyAsEnabled: input.reportOnlyAsEnabled === true,
  };
}
