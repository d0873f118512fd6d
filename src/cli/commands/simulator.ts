// `glidepath simulator ...`: the simulated tenant "Northwind Estates". `generate` writes it as files in the
// shapes an admin would download. Other modules add subcommands to the same group via simulatorCommand().

import { type Command, Option } from "commander";
import type { SimulatorGenerateResult } from "../../app/simulator.js";
import { GlidepathError } from "../../core/model/errors.js";
import type { CliRun } from "../common.js";
import { createProgress, emit, type Format } from "../output.js";

/** The `simulator` command group, created on first use (so `simulator serve` can live in another module). */
export function simulatorCommand(program: Command): Command {
  return (
    program.commands.find((c) => c.name() === "simulator") ??
    program.command("simulator").description('the simulated tenant "Northwind Estates" (offline, deterministic)')
  );
}

interface GenerateOpts {
  users: string;
  seed: string;
  out: string;
  now?: string;
  days: string;
  force?: boolean;
  format: Format;
}

function wholeNumber(v: string, name: string, lo: number, hi: number, example: string): number {
  const n = /^\d+$/.test(v.trim()) ? Number(v) : Number.NaN;
  if (!Number.isInteger(n) || n < lo || n > hi) {
    throw new GlidepathError(
      "usage." + name,
      `--${name} must be a whole number from ${lo} to ${hi}, got "${v}"`,
      `pass e.g. --${name} ${example}`,
    );
  }
  return n;
}

function isoNow(v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  const t = Date.parse(v);
  if (!/^\d{4}-\d{2}-\d{2}/.test(v) || Number.isNaN(t)) {
    throw new GlidepathError(
      "usage.now",
      `--now must be an ISO date or date-time, got "${v}"`,
      "pass e.g. --now 2026-11-22T00:00:00Z",
    );
  }
  return new Date(t).toISOString().replace(".000Z", "Z");
}

const renderers = {
  text(r: SimulatorGenerateResult): string {
    const p = r.planted;
    return [
      `Wrote ${r.tenant} (${r.users.toLocaleString("en-US")} users, seed "${r.seed}", now ${r.now}) to ${r.out}`,
      `  ${r.files.toLocaleString("en-US")} files; ${r.days} days of sign-ins: ${r.signIns.interactive.toLocaleString("en-US")} interactive, ${r.signIns.nonInteractive.toLocaleString("en-US")} non-interactive`,
      `  planted: ${p.emergencyAccounts} emergency accounts, ${p.admins} admins (${p.adminsWithoutMfa} without MFA), ${p.unregisteredActiveMembers} active members unregistered,`,
      `           ${p.legacyDependencies} legacy dependencies, ${p.noSmartphone} people without a smartphone, ${p.staleAuthenticators} stale Authenticators, ${p.compromised} compromised account`,
      "  what was planted, exactly: ground-truth.json",
    ].join("\n");
  },
};

export function registerSimulator(program: Command, run: CliRun): void {
  const cmd = simulatorCommand(program)
    .command("generate")
    .description("write the simulated tenant as Graph JSON pages and Entra admin center CSV downloads")
    .requiredOption("--out <dir>", "folder to write (must be empty or new unless --force)")
    .option("--users <n>", "number of user objects (50 to 200000)", "500")
    .option("--seed <seed>", "seed; the same seed and --now give byte-identical files", "northwind")
    .option("--now <iso>", "the simulated 'today' (default: the start of the current UTC day)")
    .option("--days <n>", "days of sign-ins and audit events before --now (7 to 90)", "30")
    .option("--force", "replace the simulator's files in a non-empty folder")
    .addOption(new Option("-f, --format <format>", "output format").choices(["text", "json"]).default("text"));
  cmd.action(
    run.action(async (opts: GenerateOpts) => {
      const { simulatorGenerate } = await import("../../app/simulator.js");
      const users = wholeNumber(opts.users, "users", 50, 200_000, "500");
      const days = wholeNumber(opts.days, "days", 7, 90, "30");
      const now = isoNow(opts.now);
      const progress = createProgress(run.io.stderr);
      let started = false;
      const result = await simulatorGenerate({
        users,
        seed: opts.seed,
        now,
        days,
        out: opts.out,
        force: opts.force,
        progress: (label, done, total) => {
          if (!started) progress.start(label, total);
          started = true;
          progress.update(done);
        },
      });
      progress.end();
      emit(run.io.stdout, result, opts.format, renderers);
      return "ok";
    }),
  );
}
