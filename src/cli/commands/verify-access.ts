// `glidepath verify-access [--policy FILE...] [--accounts emergency|admins|UPN,...] [--no-new-lockout]`:
// prove that accounts keep a way in over every condition class; exit 1 when a proof fails.

import type { Command } from "commander";
import { filePaths, parsedOption, wholeNumber } from "../arg-parsers.js";
import {
  type CliRun,
  type FormatOpts,
  type WorkspaceOpts,
  withFormat,
  withWorkspace,
  workspaceDir,
} from "../common.js";
import { emit } from "../output.js";

const collect = (v: string, prev: string[] = []) => [...prev, v];
const list = (v: string, prev: string[] = []) => [...prev, ...v.split(",").filter(Boolean)];

export function registerVerifyAccess(program: Command, run: CliRun): void {
  const cmd = program
    .command("verify-access")
    .description(
      "prove, over every class of sign-in conditions the policies can tell apart, that the accounts keep a way in (exit 1 when a proof fails)",
    )
    .addOption(
      parsedOption(
        "-p, --policy <file>",
        "proposed policy file added to the current set; repeatable",
        filePaths("policy"),
      ),
    )
    .option("--replace <id>", "remove this current policy from the set; repeatable", collect)
    .option("--accounts <who>", "emergency (default), admins, or a comma-separated list of UPNs / ids", "emergency")
    .option("--no-new-lockout", "also prove that no access pattern that succeeds today is blocked after the change")
    .option(
      "--except <upns>",
      "users whose new lockout is expected (with --no-new-lockout); comma-separated, repeatable",
      list,
    )
    .addOption(
      parsedOption("--days <n>", "sign-in window for --no-new-lockout (1 to 90)", wholeNumber("days", 1, 90, 30), "30"),
    )
    .addOption(
      parsedOption(
        "--list <n>",
        "blocked classes listed per account in text output",
        wholeNumber("list", 0, 1_000_000, 10),
        "10",
      ),
    );
  withFormat(withWorkspace(cmd), ["text", "json"]).action(
    run.action(
      async (
        opts: WorkspaceOpts &
          FormatOpts & {
            policy?: string[];
            replace?: string[];
            accounts: string;
            newLockout?: boolean;
            except?: string[];
            days: number;
            list: number;
          },
      ) => {
        const { parseAccounts, runVerifyAccess } = await import("../../app/verify-access.js");
        const { renderVerifyText, verifyRenderers } = await import("../../views/verify-access.js");
        const r = await runVerifyAccess({
          dir: workspaceDir(opts),
          policyFiles: opts.policy ?? [],
          replace: opts.replace ?? [],
          accounts: parseAccounts(opts.accounts),
          // commander turns --no-new-lockout into newLockout: false (default true).
          noNewLockout: opts.newLockout === false,
          except: opts.except ?? [],
          days: opts.days,
        });
        emit(
          run.io.stdout,
          r,
          opts.format,
          { ...verifyRenderers, text: (x) => renderVerifyText(x, opts.list) },
          opts.out,
        );
        return r.holds ? "ok" : "findings";
      },
    ),
  );
}
