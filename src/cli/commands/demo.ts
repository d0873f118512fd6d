// `glidepath demo`: the product on the built-in simulated tenant, from nothing to a filled workspace.

import type { Command } from "commander";
import { isoTime, parsedOption, wholeNumber } from "../arg-parsers.js";
import {
  type CliRun,
  type FormatOpts,
  type WorkspaceOpts,
  withFormat,
  withWorkspace,
  workspaceDir,
} from "../common.js";
import { createProgress, emit } from "../output.js";

interface DemoOpts extends WorkspaceOpts, FormatOpts {
  users: number;
  seed: string;
  now?: string;
  force?: boolean;
}

export function registerDemo(program: Command, run: CliRun): void {
  const cmd = program
    .command("demo")
    .description(
      'build the simulated tenant "Northwind Estates" into a fresh workspace and show what Glidepath finds (offline)',
    )
    .addOption(
      parsedOption(
        "--users <n>",
        "size of the simulated tenant (50 to 200000)",
        wholeNumber("users", 50, 200_000, 500),
        "500",
      ),
    )
    .option("--seed <seed>", "seed of the simulated tenant; the same seed and --now give the same tenant", "northwind")
    .addOption(
      parsedOption(
        "--now <iso>",
        "the simulated 'today' (default: the start of the current UTC day)",
        isoTime("now", "2026-11-01"),
      ),
    )
    .option("--force", "replace a workspace that holds a real tenant's data");
  withFormat(withWorkspace(cmd)).action(
    run.action(async (opts: DemoOpts) => {
      const { runDemo } = await import("../../app/demo.js");
      const { demoRenderers } = await import("../../views/demo.js");
      const progress = createProgress(run.io.stderr);
      let label = "";
      const result = await runDemo({
        dir: workspaceDir(opts),
        users: opts.users,
        seed: opts.seed,
        now: opts.now,
        force: opts.force,
        progress: (l, done) => {
          if (l !== label) {
            if (label) progress.end();
            label = l;
            progress.start(l);
          }
          progress.update(done);
        },
      });
      progress.end();
      emit(run.io.stdout, result, opts.format, demoRenderers, opts.out);
      return "ok";
    }),
  );
}
