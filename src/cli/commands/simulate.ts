// `glidepath simulate --policy FILE... [--replace ID] [--days 30]`: the blast radius of a policy change.

import type { Command } from "commander";
import { filePath, filePaths, parsedOption, wholeNumber } from "../arg-parsers.js";
import {
  type CliRun,
  type FormatOpts,
  type WorkspaceOpts,
  withFormat,
  withWorkspace,
  workspaceDir,
} from "../common.js";
import { emit, writeOutputFile } from "../output.js";

const collect = (v: string, prev: string[] = []) => [...prev, v];

export function registerSimulate(program: Command, run: CliRun): void {
  const cmd = program
    .command("simulate")
    .description(
      "replay the last days of sign-ins against the current policies plus or minus a change: who and what it would stop, and why",
    )
    .addOption(
      parsedOption(
        "-p, --policy <file>",
        "proposed policy file (Graph JSON: object, array or {value}); repeatable",
        filePaths("policy"),
      ),
    )
    .option("--replace <id>", "remove this current policy (simulate a change to it with --policy); repeatable", collect)
    .addOption(parsedOption("--days <n>", "window in days (1 to 90)", wholeNumber("days", 1, 90, 30), "30"))
    .addOption(
      parsedOption("--limit <n>", "people listed in text output", wholeNumber("limit", 0, 1_000_000, 40), "40"),
    )
    .addOption(
      parsedOption(
        "--contacts-csv <file>",
        "write the people to contact (everyone not merely 'ready') as CSV",
        filePath("contacts-csv"),
      ),
    );
  withFormat(withWorkspace(cmd)).action(
    run.action(
      async (
        opts: WorkspaceOpts &
          FormatOpts & { policy?: string[]; replace?: string[]; days: number; limit: number; contactsCsv?: string },
      ) => {
        const { runSimulate } = await import("../../app/simulate.js");
        const { contactsCsv, renderSimulateText, simulateRenderers } = await import("../../views/simulate.js");
        const { contactList } = await import("../../core/replay/contacts.js");
        const r = await runSimulate({
          dir: workspaceDir(opts),
          policyFiles: opts.policy ?? [],
          replace: opts.replace ?? [],
          days: opts.days,
        });
        if (opts.contactsCsv) writeOutputFile(opts.contactsCsv, contactsCsv(contactList(r.users)), "contacts CSV");
        emit(
          run.io.stdout,
          r,
          opts.format,
          { ...simulateRenderers, text: (x) => renderSimulateText(x, opts.limit) },
          opts.out,
        );
        return r.summary.outcomes.emergencyAffected > 0 ? "findings" : "ok";
      },
    ),
  );
}
