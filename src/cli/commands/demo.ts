// `glidepath demo`: the product on the built-in simulated tenant, from nothing to a filled workspace.

import type { Command } from "commander";
import { GlidepathError } from "../../core/model/index.js";
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
  users: string;
  seed: string;
  now?: string;
  force?: boolean;
}

export function parseUserCount(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 50 || n > 200_000) {
    throw new GlidepathError(
      "usage.users",
      `--users must be a whole number from 50 to 200000, got "${v}"`,
      "pass e.g. --users 500",
    );
  }
  return n;
}

export function parseNow(v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  const t = Date.parse(v);
  if (Number.isNaN(t)) {
    throw new GlidepathError(
      "usage.now",
      `--now must be an ISO date or time, got "${v}"`,
      "pass e.g. --now 2026-11-01",
    );
  }
  return new Date(t).toISOString().replace(".000Z", "Z");
}

export function registerDemo(program: Command, run: CliRun): void {
  const cmd = program
    .command("demo")
    .description(
      'build the simulated tenant "Northwind Estates" into a fresh workspace and show what Glidepath finds (offline)',
    )
    .option("--users <n>", "size of the simulated tenant (50 to 200000)", "500")
    .option("--seed <seed>", "seed of the simulated tenant; the same seed and --now give the same tenant", "northwind")
    .option("--now <iso>", "the simulated 'today' (default: the start of the current UTC day)")
    .option("--force", "replace a workspace that holds a real tenant's data");
  withFormat(withWorkspace(cmd)).action(
    run.action(async (opts: DemoOpts) => {
      const { runDemo } = await import("../../app/demo.js");
      const { demoRenderers } = await import("../../views/demo.js");
      const users = parseUserCount(opts.users);
      const progress = createProgress(run.io.stderr);
      let label = "";
      const result = await runDemo({
        dir: workspaceDir(opts),
        users,
        seed: opts.seed,
        now: parseNow(opts.now),
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
