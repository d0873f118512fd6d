// `glidepath simulate --policy FILE... [--replace ID] [--days 30]`: the blast radius of a policy change.

import { writeFileSync } from "node:fs";
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

const collect = (v: string, prev: string[] = []) => [...prev, v];

export function registerSimulate(program: Command, run: CliRun): void {
  const cmd = program
    .command("simulate")
    .description(
      "replay the last days of sign-ins against the current policies plus or minus a change: who and what it would stop, and why",
    )
    .option("-p, --policy <file>", "proposed policy file (Graph JSON: object, array or {value}); repeatable", collect)
    .option("--replace <id>", "remove this current policy (simulate a change to it with --policy); repeatable", collect)
    .option("--days <n>", "window in days", "30")
    .option("--limit <n>", "people listed in text output", "40")
    .option("--contacts-csv <file>", "write the people to contact (everyone not merely 'ready') as CSV");
  withFormat(withWorkspace(cmd)).action(
    run.action(
      async (
        opts: WorkspaceOpts &
          FormatOpts & { policy?: string[]; replace?: string[]; days: string; limit: string; contactsCsv?: string },
      ) => {
        const { runSimulate } = await import("../../app/simulate.js");
        const { contactsCsv, renderSimulateText, simulateRenderers } = await import("../../views/simulate.js");
        const { contactList } = await import("../../core/replay/contacts.js");
        const days = Number(opts.days);
        const r = await runSimulate({
          dir: workspaceDir(opts),
          policyFiles: opts.policy ?? [],
          replace: opts.replace ?? [],
          days: Number.isFinite(days) && days > 0 ? days : 30,
        });
        if (opts.contactsCsv) writeFileSync(opts.contactsCsv, contactsCsv(contactList(r.users)));
        const limit = Number(opts.limit);
        emit(
          run.io.stdout,
          r,
          opts.format,
          { ...simulateRenderers, text: (x) => renderSimulateText(x, Number.isFinite(limit) ? limit : 40) },
          opts.out,
        );
        return r.summary.outcomes.emergencyAffected > 0 ? "findings" : "ok";
      },
    ),
  );
}
