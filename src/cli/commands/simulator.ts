// `glidepath simulator ...`: the simulated tenant "Northwind Estates". `generate` writes it as files in the
// shapes an admin would download. Other modules add subcommands to the same group via simulatorCommand().

import { type Command, Option } from "commander";
import type { SimulatorGenerateResult } from "../../app/simulator.js";
import { filePath, isoTime, parsedOption, wholeNumber } from "../arg-parsers.js";
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
  users: number;
  seed: string;
  out: string;
  now?: string;
  days: number;
  force?: boolean;
  format: Format;
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
    .addOption(
      parsedOption(
        "--out <dir>",
        "folder to write (must be empty or new unless --force)",
        filePath("out"),
      ).makeOptionMandatory(),
    )
    .addOption(
      parsedOption(
        "--users <n>",
        "number of user objects (50 to 200000)",
        wholeNumber("users", 50, 200_000, 500),
        "500",
      ),
    )
    .option("--seed <seed>", "seed; the same seed and --now give byte-identical files", "northwind")
    .addOption(
      parsedOption(
        "--now <iso>",
        "the simulated 'today' (default: the start of the current UTC day)",
        isoTime("now", "2026-11-22T00:00:00Z"),
      ),
    )
    .addOption(
      parsedOption(
        "--days <n>",
        "days of sign-ins and audit events before --now (7 to 90)",
        wholeNumber("days", 7, 90, 30),
        "30",
      ),
    )
    .option("--force", "replace the simulator's files in a non-empty folder")
    .addOption(new Option("-f, --format <format>", "output format").choices(["text", "json"]).default("text"));
  cmd.action(
    run.action(async (opts: GenerateOpts) => {
      const { simulatorGenerate } = await import("../../app/simulator.js");
      const progress = createProgress(run.io.stderr);
      let started = false;
      const result = await simulatorGenerate({
        users: opts.users,
        seed: opts.seed,
        now: opts.now,
        days: opts.days,
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
