// Use case of `glidepath evaluate`: Microsoft's What If, offline and explained. Loads the workspace snapshot
// (or policy files for an ad-hoc user), builds the sign-in context from flags, runs the engine and satisfy().
// Bad input (unknown app name, unparseable --device JSON, ...) is a GlidepathError with a remedy.

import { readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { excessiveNesting, MAX_JSON_DEPTH } from "../adapters/formats/json-depth.js";
import { openText } from "../adapters/import/decode.js";
import {
  type AdHocIdentity,
  type BlockedReason,
  CLIENT_APP_TYPES,
  type ClientAppType,
  capabilitiesFromMethods,
  capabilitiesFromSnapshot,
  clientAppTypeOf,
  createEvaluator,
  type Decision,
  type DeviceInfo,
  type EvaluatorOptions,
  INSIDER_RISK_LEVELS,
  type InsiderRiskLevel,
  isGuid,
  type NormalizedPolicy,
  normalizePolicy,
  PLATFORMS,
  type PlatformOrUnknown,
  platformOf,
  RISK_LEVELS,
  type RiskLevel,
  type SatisfyResult,
  type SignInContext,
  satisfy,
  type TransferMethod,
  type UnknownPolicy,
  type UserAction,
  type UserOutcome,
} from "../core/engine/index.js";
import {
  APP,
  type Diagnostic,
  emptySnapshot,
  GlidepathError,
  type NamedLocation,
  type TenantSnapshot,
} from "../core/model/index.js";
import { openExistingWorkspace } from "./workspace.js";

/** Flags of `glidepath evaluate`, as strings from the command line. */
export interface EvaluateInput {
  readonly workspace?: string;
  /** Policy files or folders: ad-hoc mode, no workspace. */
  readonly policies?: readonly string[];
  readonly user?: string;
  readonly memberOf?: readonly string[];
  readonly roles?: readonly string[];
  readonly guest?: boolean;
  readonly methods?: readonly string[];
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

export interface EvaluatedPolicy {
  readonly id: string;
  readonly displayName: string;
  readonly state: string;
  readonly result: "applied" | "notApplied" | "error";
  readonly reason: string;
  readonly condition: string | null;
  readonly countedAsApplied: boolean;
  readonly enforced: boolean;
  readonly controls: readonly string[];
  readonly operator: "AND" | "OR" | null;
}

/** The typed result of `glidepath evaluate` (the JSON output). */
export interface EvaluateReport {
  readonly source: { readonly mode: "workspace" | "files"; readonly location: string; readonly policies: number };
  readonly user: { readonly id: string | null; readonly userPrincipalName: string | null; readonly adHoc: boolean };
  readonly signIn: SignInContext;
  readonly policies: readonly EvaluatedPolicy[];
  readonly decision: {
    readonly block: boolean;
    readonly controls: readonly string[];
    readonly operator: Decision["operator"];
    /** One entry per enforced policy with grant controls: every entry must be met. */
    readonly requirements: Decision["requirements"];
    readonly authenticationStrengths: readonly string[];
    readonly session: Decision["session"];
    readonly reportOnlyApplied: readonly string[];
    readonly userOutcome: UserOutcome;
    readonly blockedReason: BlockedReason | null;
    readonly blockingPolicyId: string | null;
    readonly registration: SatisfyResult["registration"] | null;
  };
  readonly diagnostics: readonly Diagnostic[];
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

function listFiles(paths: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (p: string) => {
    let st: ReturnType<typeof statSync>;
    try {
      st = statSync(p);
    } catch {
      throw bad("no-file", `cannot read ${p}`, "check the --policies path");
    }
    if (st.isDirectory()) {
      for (const n of readdirSync(p).sort()) walk(join(p, n));
    } else if (p.toLowerCase().endsWith(".json")) out.push(p);
  };
  for (const p of paths) walk(resolve(p));
  return out;
}

async function readJson(path: string): Promise<unknown> {
  let text = "";
  try {
    const input = await openText(path);
    for await (const c of input.chunks) text += c;
  } catch (e) {
    throw bad("read", `cannot read ${path}: ${(e as Error).message}`, "pass a JSON policy export (UTF-8 or UTF-16)");
  }
  const deep = excessiveNesting(text);
  if (deep) {
    throw bad(
      "depth",
      `${path}:${deep.line}:${deep.column}: nesting too deep (more than ${MAX_JSON_DEPTH} levels of arrays and objects)`,
      "a policy export nests about 10 levels: check that this is the file you meant, or leave it out of --policies",
    );
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw bad(
      "parse",
      `${path} is not valid JSON: ${(e as Error).message}`,
      "fix the file or leave it out of --policies",
    );
  }
}

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

async function loadPolicyFiles(paths: readonly string[]): Promise<{
  policies: NormalizedPolicy[];
  locations: NamedLocation[];
  diagnostics: Diagnostic[];
}> {
  const files = listFiles(paths);
  if (files.length === 0)
    throw bad(
      "no-policies",
      `no .json files under ${paths.join(", ")}`,
      "pass policy JSON files or folders to --policies",
    );
  const policies: NormalizedPolicy[] = [];
  const locations: NamedLocation[] = [];
  const diagnostics: Diagnostic[] = [];
  const ids = new Set<string>();
  for (const f of files) {
    const found = policiesInDocument(await readJson(f));
    locations.push(...found.locations);
    found.policies.forEach((raw, i) => {
      const r = normalizePolicy(raw, found.policies.length > 1 ? `${f}#${i}` : f);
      diagnostics.push(...r.diagnostics);
      if (r.policy) {
        let p = r.policy;
        if (ids.has(p.id)) p = { ...p, id: `${p.id}#${i}` };
        ids.add(p.id);
        policies.push(p);
      }
    });
  }
  return { policies, locations, diagnostics };
}

/** Run `glidepath evaluate`. */
export async function evaluateSignIn(input: EvaluateInput): Promise<EvaluateReport> {
  const adHocFlags = (input.memberOf?.length ?? 0) > 0 || (input.roles?.length ?? 0) > 0 || input.guest === true;
  let snapshot: TenantSnapshot;
  let policies: NormalizedPolicy[];
  const diagnostics: Diagnostic[] = [];
  let source: EvaluateReport["source"];
  if (input.policies && input.policies.length > 0) {
    const loaded = await loadPolicyFiles(input.policies);
    snapshot = {
      ...emptySnapshot({
        tenantId: "ad-hoc",
        tenantDisplayName: "ad-hoc",
        capturedAt: new Date().toISOString(),
        source: "import",
      }),
      namedLocations: loaded.locations,
    };
    policies = loaded.policies;
    diagnostics.push(...loaded.diagnostics);
    source = { mode: "files", location: input.policies.join(", "), policies: policies.length };
  } else {
    const dir = input.workspace as string;
    const ws = await openExistingWorkspace(dir);
    try {
      // The directory and the policies, not the access patterns (about a third of a workspace evaluate's
      // time on the demo tenant): a since after every pattern loads none of them.
      snapshot = await ws.loadSnapshot({ signIns: "none", since: "9999-12-31T00:00:00Z" });
    } finally {
      await ws.close();
    }
    policies = [];
    snapshot.policies.forEach((raw, i) => {
      const r = normalizePolicy(raw, `policies[${i}]`);
      diagnostics.push(...r.diagnostics);
      if (r.policy) policies.push(r.policy);
    });
    source = { mode: "workspace", location: dir, policies: policies.length };
  }

  const directoryUser = input.user
    ? snapshot.users.find((u) => u.id === input.user || u.userPrincipalName.toLowerCase() === input.user?.toLowerCase())
    : undefined;
  let identity: string | AdHocIdentity;
  if (directoryUser && !adHocFlags) identity = directoryUser.id;
  else if (source.mode === "workspace" && !adHocFlags) {
    throw bad(
      "unknown-user",
      input.user ? `no user '${input.user}' in the workspace snapshot` : "--user is required with a workspace",
      "pass a UPN or object id of the snapshot, or describe an ad-hoc user with --member-of/--role/--guest",
    );
  } else {
    identity = {
      ...(input.user ? { id: input.user } : {}),
      userType: input.guest ? "guest" : "member",
      groupIds: [...(input.memberOf ?? [])],
      roleTemplateIds: [...(input.roles ?? [])],
    };
  }

  let clientAppType: ClientAppType | undefined = oneOf("--client-app", input.clientApp, CLIENT_APP_TYPES);
  if (input.clientAppUsed !== undefined) clientAppType = clientAppTypeOf(input.clientAppUsed);
  const ctx: SignInContext = {
    user: identity,
    ...(input.app !== undefined ? { application: parseApp(input.app) as string } : {}),
    ...(input.userAction !== undefined ? { userAction: parseUserAction(input.userAction) as UserAction } : {}),
    ...(input.authContext !== undefined ? { authContext: input.authContext } : {}),
    clientAppType: clientAppType ?? "browser",
    ...(input.platform !== undefined ? { platform: parsePlatform(input.platform) as PlatformOrUnknown } : {}),
    ...(input.ip !== undefined ? { ipAddress: input.ip } : {}),
    ...(input.country !== undefined ? { country: input.country.toUpperCase() } : {}),
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
  const opts: EvaluatorOptions = {
    unknownApplies: (oneOf("--unknown", input.unknownApplies, ["assumeApplies", "assumeNotApplies"] as const) ??
      "assumeApplies") as UnknownPolicy,
    reportOnlyAsEnabled: input.reportOnlyAsEnabled === true,
    now: snapshot.meta.capturedAt,
  };
  const ev = createEvaluator(snapshot, policies, opts);
  const d = ev.evaluate(ctx);
  const caps =
    typeof identity === "string" && !(input.methods && input.methods.length > 0)
      ? capabilitiesFromSnapshot(snapshot, identity)
      : capabilitiesFromMethods(input.methods ?? [], input.guest === true || directoryUser?.userType === "Guest");
  const registrationDecision = ctx.userAction ? undefined : ev.evaluate({ ...ctx, userAction: "registerSecurityInfo" });
  const s = satisfy(d, caps, ctx, {
    strengths: snapshot.authenticationStrengths,
    ...(registrationDecision ? { registrationDecision } : {}),
  });
  return {
    source,
    user: {
      id: typeof identity === "string" ? identity : (identity.id ?? null),
      userPrincipalName: directoryUser?.userPrincipalName ?? null,
      adHoc: typeof identity !== "string",
    },
    signIn: ctx,
    policies: d.policies.map((p) => ({
      id: p.id,
      displayName: p.displayName,
      state: p.state,
      result: p.result,
      reason: p.reason,
      condition: p.condition,
      countedAsApplied: p.countedAsApplied,
      enforced: p.enforced,
      controls: p.grant?.controls ?? [],
      operator: p.grant?.operator ?? null,
    })),
    decision: {
      block: d.block,
      controls: d.controls,
      operator: d.operator,
      requirements: d.requirements,
      authenticationStrengths: d.authenticationStrengths,
      session: d.session,
      reportOnlyApplied: d.reportOnlyApplied,
      userOutcome: s.outcome,
      blockedReason: s.blockedReason ?? null,
      blockingPolicyId: s.blockingPolicyId ?? null,
      registration: s.registration ?? null,
    },
    diagnostics: [...diagnostics, ...ev.diagnostics, ...d.diagnostics],
  };
}
