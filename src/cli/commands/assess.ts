// `glidepath assess`: the readiness assessment (Prepare phase) — verdict first, findings by severity.
// Exit 0 when ready for the registration campaign, 1 when blockers were found (or could not be ruled
// out), 2 on error, so it can gate a pipeline.

import { writeFileSync } from "node:fs";
import type { Command } from "commander";
import { GlidepathError } from "../../core/model/index.js";
import { calendarDate, filePath, parsedOption } from "../arg-parsers.js";
import {
  type CliRun,
  type FormatOpts,
  type WorkspaceOpts,
  withFormat,
  withWorkspace,
  workspaceDir,
} from "../common.js";
import { emit } from "../output.js";

interface AssessOpts extends WorkspaceOpts, FormatOpts {
  legacyCsv?: string;
  announcement?: string;
  helpContact?: string;
  campaignStart?: string;
}

function writeFile(path: string, body: string, what: string): void {
  try {
    writeFileSync(path, body);
  } catch (e) {
    throw new GlidepathError(
      "assess.write",
      `cannot write the ${what} to ${path}: ${e instanceof Error ? e.message.split("\n")[0] : String(e)}`,
      "choose a path in a folder that exists and that you can write to",
    );
  }
}

export function registerAssess(program: Command, run: CliRun): void {
  const cmd = program
    .command("assess")
    .description(
      "readiness assessment: is the tenant ready for the registration campaign? Named checks with evidence (emergency access, legacy auth, exceptions, registration, tenant)",
    )
    .addOption(
      parsedOption(
        "--legacy-csv <file>",
        "also write the legacy-authentication dependency list as CSV",
        filePath("legacy-csv"),
      ),
    )
    .addOption(
      parsedOption(
        "--announcement <file>",
        "also write the draft user announcement (Markdown)",
        filePath("announcement"),
      ),
    )
    .option("--help-contact <text>", 'help contact for the announcement, e.g. "IT Service Desk, ext. 4000"')
    .addOption(
      parsedOption(
        "--campaign-start <date>",
        "first day of the registration window (YYYY-MM-DD); default: next Monday",
        calendarDate("campaign-start", "2026-12-01"),
      ),
    )
    .addHelpText(
      "after",
      "\nExit codes: 0 ready, 1 blockers found (or a blocker check could not run), 2 error.\nDecide exception candidates and emergency accounts with 'glidepath classify USER TYPE'.\n",
    );
  withFormat(withWorkspace(cmd), ["text", "markdown", "html", "json"]).action(
    run.action(async (opts: AssessOpts) => {
      const { assessWorkspace } = await import("../../app/assess.js");
      const { assessRenderers, legacyCsv } = await import("../../views/assess/index.js");
      const report = await assessWorkspace(workspaceDir(opts), {
        ...(opts.helpContact ? { helpContact: opts.helpContact } : {}),
        ...(opts.campaignStart ? { campaignStart: opts.campaignStart } : {}),
      });
      if (opts.legacyCsv) writeFile(opts.legacyCsv, legacyCsv(report.legacyAuth), "legacy-authentication CSV");
      if (opts.announcement) writeFile(opts.announcement, report.announcement, "announcement");
      emit(run.io.stdout, report, opts.format, assessRenderers, opts.out);
      return report.verdict.ready ? "ok" : "findings";
    }),
  );
}
