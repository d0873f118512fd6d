// Use case of `glidepath evaluate`: Microsoft's What If, offline and explained. Loads the workspace snapshot
// (or policy files for an ad-hoc user), resolves the user, runs the engine and satisfy() on the sign-in the
// command line describes (parsed by cli/commands/evaluate-flags.ts). An unknown user is a GlidepathError.

import { readPolicyFiles } from "../adapters/policy-files/read.js";
import {
  type AdHocIdentity,
  type BlockedReason,
  capabilitiesFromMethods,
  capabilitiesFromSnapshot,
  createEvaluator,
  type Decision,
  type EvaluatorOptions,
  type NormalizedPolicy,
  normalizePolicies,
  type SatisfyResult,
  type SignInContext,
  satisfy,
  type UnknownPolicy,
  type UserOutcome,
} from "../core/engine/index.js";
import { type Diagnostic, emptySnapshot, GlidepathError, type TenantSnapshot } from "../core/model/index.js";
import { openExistingWorkspace } from "./workspace.js";

/** The sign-in of `glidepath evaluate`, every condition but the user (who is resolved against the snapshot). */
export type SignInConditions = Omit<SignInContext, "user">;

/** What `glidepath evaluate` is asked, already parsed from the command line. */
export interface EvaluateRequest {
  readonly workspace?: string;
  /** Policy files or folders: ad-hoc mode, no workspace. */
  readonly policies?: readonly string[];
  /** UPN or object id; with policy files, the id of the ad-hoc user. */
  readonly user?: string;
  /** Ad-hoc user: transitive group ids. */
  readonly memberOf?: readonly string[];
  /** Ad-hoc user: active role template ids. */
  readonly roles?: readonly string[];
  /** Ad-hoc user: a B2B guest. */
  readonly guest?: boolean;
  /** Registered methods (instead of the snapshot's). */
  readonly methods?: readonly string[];
  readonly signIn: SignInConditions;
  readonly unknownApplies?: UnknownPolicy;
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

interface PolicySource {
  readonly snapshot: TenantSnapshot;
  readonly policies: NormalizedPolicy[];
  readonly diagnostics: Diagnostic[];
  readonly source: EvaluateReport["source"];
}

/** Policy files (and the named locations beside them) in an empty ad-hoc tenant. */
function fromPolicyFiles(paths: readonly string[]): PolicySource {
  const { files, skipped } = readPolicyFiles(paths, "--policies");
  if (files.length === 0)
    throw new GlidepathError(
      "evaluate.no-policies",
      `no .json files under ${paths.join(", ")}`,
      "pass policy JSON files or folders to --policies",
    );
  const inputs = files.flatMap((f) => f.policies);
  const { policies, diagnostics } = normalizePolicies(
    inputs.map((p) => p.raw),
    { sourceName: (i) => inputs[i]?.sourceName },
  );
  const snapshot: TenantSnapshot = {
    ...emptySnapshot({
      tenantId: "ad-hoc",
      tenantDisplayName: "ad-hoc",
      capturedAt: new Date().toISOString(),
      source: "import",
    }),
    namedLocations: files.flatMap((f) => f.locations),
  };
  return {
    snapshot,
    policies,
    diagnostics: [
      ...skipped.map(
        (s): Diagnostic => ({ code: "policy.file-skipped", severity: "warning", file: s.path, message: s.reason }),
      ),
      ...diagnostics,
    ],
    source: { mode: "files", location: paths.join(", "), policies: policies.length },
  };
}

/** The workspace's latest snapshot and its policies. */
async function fromWorkspace(dir: string): Promise<PolicySource> {
  const ws = await openExistingWorkspace(dir);
  let snapshot: TenantSnapshot;
  try {
    snapshot = await ws.loadSnapshot({ signIns: "none" });
  } finally {
    await ws.close();
  }
  const { policies, diagnostics } = normalizePolicies(snapshot.policies, { sourceName: (i) => `policies[${i}]` });
  return { snapshot, policies, diagnostics, source: { mode: "workspace", location: dir, policies: policies.length } };
}

/** Run `glidepath evaluate`. */
export async function evaluateSignIn(input: EvaluateRequest): Promise<EvaluateReport> {
  const adHocFlags = (input.memberOf?.length ?? 0) > 0 || (input.roles?.length ?? 0) > 0 || input.guest === true;
  const { snapshot, policies, diagnostics, source } =
    input.policies && input.policies.length > 0
      ? fromPolicyFiles(input.policies)
      : await fromWorkspace(input.workspace as string);

  const directoryUser = input.user
    ? snapshot.users.find((u) => u.id === input.user || u.userPrincipalName.toLowerCase() === input.user?.toLowerCase())
    : undefined;
  let identity: string | AdHocIdentity;
  if (directoryUser && !adHocFlags) identity = directoryUser.id;
  else if (source.mode === "workspace" && !adHocFlags) {
    throw new GlidepathError(
      "evaluate.unknown-user",
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

  const ctx: SignInContext = { user: identity, ...input.signIn };
  const opts: EvaluatorOptions = {
    unknownApplies: input.unknownApplies ?? "assumeApplies",
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
