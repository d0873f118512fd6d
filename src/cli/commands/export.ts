// `glidepath export --to DIR`: write the workspace back out as Graph JSON or admin-center CSV downloads.

import { type Command, Option } from "commander";
import type { ExportFormat } from "../../app/export.js";
import { filePath, parsedOption } from "../arg-parsers.js";
import {
  type CliRun,
  type FormatOpts,
  type WorkspaceOpts,
  withFormat,
  withWorkspace,
  workspaceDir,
} from "../common.js";
import { emit } from "../output.js";

interface ExportOpts extends WorkspaceOpts, FormatOpts {
  to: string;
  as: ExportFormat;
  force?: boolean;
}

export function registerExport(program: Command, run: CliRun): void {
  const cmd = program
    .command("export")
    .description("write the workspace's snapshot and sign-in log to files that 'glidepath import' reads back")
    .addOption(
      parsedOption(
        "--to <dir>",
        "folder to write into (created when missing; must be empty unless --force)",
        filePath("to"),
      ).makeOptionMandatory(),
    )
    .option("--force", "write into a non-empty folder, replacing the files export writes")
    .addOption(new Option("--as <format>", "file format").choices(["graph-json", "portal-csv"]).default("graph-json"));
  withFormat(withWorkspace(cmd)).addHelpText(
    "after",
    `
graph-json writes one {"@odata.context", "value": [...]} file per collection plus signIns.json.
portal-csv writes the admin center's CSV downloads (Interactive/NonInteractive/Application/MSI sign-ins,
authentication details, users, groups, members, registration details); collections the portal has no
CSV for (policies, named locations, ...) stay Graph JSON. Sign-ins whose raw row was not retained are
written with their indexed fields only.`,
  );
  cmd.action(
    run.action(async (opts: ExportOpts) => {
      const { runExport } = await import("../../app/export.js");
      const { exportRenderers } = await import("../../views/import.js");
      const report = await runExport({
        workspace: workspaceDir(opts),
        dir: opts.to,
        as: opts.as,
        force: opts.force === true,
      });
      emit(run.io.stdout, report, opts.format, exportRenderers, opts.out);
      return "ok";
    }),
  );
}
