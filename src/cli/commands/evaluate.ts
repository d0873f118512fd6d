// `glidepath evaluate`: Microsoft's What If, offline and explained — which policies apply to one sign-in,
// why each does or does not, what the user must do, and whether they can.

import type { Command } from "commander";
import { filePaths, parsedOption } from "../arg-parsers.js";
import {
  type CliRun,
  type FormatOpts,
  type WorkspaceOpts,
  withFormat,
  withWorkspace,
  workspaceDir,
} from "../common.js";
import { emit } from "../output.js";
import { parseEvaluateFlags } from "./evaluate-flags.js";

interface EvaluateOpts extends WorkspaceOpts, FormatOpts {
  policies?: string[];
  user?: string;
  memberOf?: string;
  role?: string;
  guest?: boolean;
  methods?: string;
  app?: string;
  clientApp?: string;
  clientAppUsed?: string;
  platform?: string;
  ip?: string;
  country?: string;
  signInRisk?: string;
  userRisk?: string;
  insiderRisk?: string;
  device?: string;
  userAction?: string;
  authContext?: string;
  authFlow?: string;
  unknown?: string;
  reportOnlyAsEnabled?: boolean;
}

const list = (v: string | undefined) =>
  v
    ?.split(",")
    .map((s) => s.trim())
    .filter(Boolean);

export function registerEvaluate(program: Command, run: CliRun): void {
  const cmd = program
    .command("evaluate")
    .description(
      "What If, offline: evaluate one sign-in against the Conditional Access policies and explain the result",
    )
    .addOption(
      parsedOption(
        "--policies <paths...>",
        "evaluate these policy JSON files or folders instead of a workspace",
        filePaths("policies"),
      ),
    )
    .option("-u, --user <upnOrId>", "the user (UPN or object id); with --policies, an id for the ad-hoc user")
    .option("--member-of <ids>", "ad-hoc user: comma-separated group ids (transitive)")
    .option("--role <ids>", "ad-hoc user: comma-separated active role template ids")
    .option("--guest", "ad-hoc user: a B2B guest")
    .option("--methods <list>", "registered methods, e.g. fido2,microsoftAuthenticatorPush,mobilePhone")
    .option("--app <idOrName>", "application id or name (exchangeOnline, graph, azurePortal, Office365, ...)")
    .option("--client-app <type>", "browser | mobileAppsAndDesktopClients | exchangeActiveSync | other")
    .option("--client-app-used <value>", 'sign-in log value, e.g. "IMAP4", "Exchange ActiveSync"')
    .option(
      "--platform <platform>",
      "android | iOS | windows | windowsPhone | macOS | linux | unknown (or an OS string)",
    )
    .option("--ip <address>", "client IP address (IPv4 or IPv6)")
    .option("--country <code>", "ISO 3166 two-letter country of the sign-in")
    .option("--sign-in-risk <level>", "none | low | medium | high | hidden")
    .option("--user-risk <level>", "none | low | medium | high | hidden")
    .option("--insider-risk <level>", "none | minor | moderate | elevated")
    .option("--device <json>", `device state, e.g. '{"isCompliant":true,"trustType":"AzureAD"}', or "unregistered"`)
    .option("--user-action <action>", "urn:user:registersecurityinfo | urn:user:registerdevice (or their names)")
    .option("--auth-context <id>", "authentication context, c1..c99")
    .option("--auth-flow <flow>", "none | deviceCodeFlow | authenticationTransfer")
    .option(
      "--unknown <mode>",
      "unevaluable parts: assumeApplies (lockout question, default) | assumeNotApplies (coverage)",
    )
    .option("--report-only-as-enabled", "enforce report-only policies too (what switching them on would do)");
  withFormat(withWorkspace(cmd)).action(
    run.action(async (opts: EvaluateOpts) => {
      const { evaluateSignIn } = await import("../../app/evaluate.js");
      const { evaluateRenderers } = await import("../../views/evaluate.js");
      const request = parseEvaluateFlags({
        ...(opts.policies && opts.policies.length > 0
          ? { policies: opts.policies }
          : { workspace: workspaceDir(opts) }),
        user: opts.user,
        memberOf: list(opts.memberOf),
        roles: list(opts.role),
        guest: opts.guest,
        methods: list(opts.methods),
        app: opts.app,
        clientApp: opts.clientApp,
        clientAppUsed: opts.clientAppUsed,
        platform: opts.platform,
        ip: opts.ip,
        country: opts.country,
        signInRisk: opts.signInRisk,
        userRisk: opts.userRisk,
        insiderRisk: opts.insiderRisk,
        device: opts.device,
        userAction: opts.userAction,
        authContext: opts.authContext,
        authFlow: opts.authFlow,
        unknownApplies: opts.unknown,
        reportOnlyAsEnabled: opts.reportOnlyAsEnabled,
      });
      const report = await evaluateSignIn(request);
      emit(run.io.stdout, report, opts.format, evaluateRenderers, opts.out);
      return report.decision.userOutcome === "blocked" ? "findings" : "ok";
    }),
  );
}
