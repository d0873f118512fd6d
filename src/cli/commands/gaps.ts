// `glidepath gaps`: the condition classes in which members get no MFA requirement, with the users in them.

import type { Command } from "commander";
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
    .option("--days <n>", "sign-in window for observed sign-ins", "30")
    .option("--limit <n>", "groups and people listed in text output", "10");
  withFormat(withWorkspace(cmd), ["text", "json"]).action(
    run.action(async (opts: WorkspaceOpts & FormatOpts & { days: string; limit: string }) => {
      const { runGaps } = await import("../../app/gaps.js");
      const { gapsRenderers, renderGapsText } = await import("../../views/gaps.js");
      const r = await runGaps(workspaceDir(opts), { days: Number(opts.days) || 30 });
      const limit = Number(opts.limit);
      emit(
        run.io.stdout,
        r,
        opts.format,
        { ...gapsRenderers, text: (x) => renderGapsText(x, Number.isFinite(limit) ? limit : 10) },
        opts.out,
      );
      return r.membersWithGaps > 0 ? "findings" : "ok";
    }),
  );
}
