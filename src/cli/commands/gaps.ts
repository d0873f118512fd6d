// `glidepath gaps`: the condition classes in which members get no MFA requirement, with the users in them.

import type { Command } from "commander";
import { parsedOption, wholeNumber } from "../arg-parsers.js";
import {
  type CliRun,
  type FormatOpts,
  type WorkspaceOpts,
  withFormat,
  withWorkspace,
  workspaceDir,
} from "../common.js";
import { emit } from "../output.js";

export function registerGaps(program: Command, run: CliRun): void {
  const cmd = program
    .command("gaps")
    .description(
      "where members get no MFA requirement under the enforced policies (and the sign-ins that used those gaps)",
    )
    .addOption(
      parsedOption(
        "--days <n>",
        "sign-in window for observed sign-ins (1 to 90)",
        wholeNumber("days", 1, 90, 30),
        "30",
      ),
    )
    .addOption(
      parsedOption(
        "--limit <n>",
        "groups and people listed in text output",
        wholeNumber("limit", 0, 1_000_000, 10),
        "10",
      ),
    );
  withFormat(withWorkspace(cmd), ["text", "json"]).action(
    run.action(async (opts: WorkspaceOpts & FormatOpts & { days: number; limit: number }) => {
      const { runGaps } = await import("../../app/gaps.js");
      const { gapsRenderers, renderGapsText } = await import("../../views/gaps.js");
      const r = await runGaps(workspaceDir(opts), { days: opts.days });
      emit(run.io.stdout, r, opts.format, { ...gapsRenderers, text: (x) => renderGapsText(x, opts.limit) }, opts.out);
      return r.membersWithGaps > 0 ? "findings" : "ok";
    }),
  );
}
