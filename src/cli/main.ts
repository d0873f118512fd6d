// Entry point of the glidepath CLI: builds the commander program, dispatches, and maps every outcome
// to a named exit code. Usage errors print one line with a remedy; nothing else is written on a usage error.

import { Command, CommanderError } from "commander";
import { COMMANDS } from "./commands/index.js";
import { CliRun } from "./common.js";
import { EXIT } from "./exit-codes.js";
import { type CliIo, type OutStream, processIo } from "./output.js";

export const VERSION = "0.1.0";

/** Help wraps at a terminal's width, else at 80 columns (commander's default). */
const helpWidth = (s: OutStream): number => (s.isTTY && s.columns) || 80;

/** The commander program; its commands write to `run`'s streams and set `run`'s exit code. */
export function buildProgram(run: CliRun): Command {
  // Help and --version go to the run's stdout; commander's own error line is replaced by main()'s.
  const output = {
    writeOut: (s: string) => void run.io.stdout.write(s),
    writeErr: (s: string) => void run.io.stderr.write(s),
    getOutHelpWidth: () => helpWidth(run.io.stdout),
    getErrHelpWidth: () => helpWidth(run.io.stderr),
    outputError: () => {},
  };
  const program = new Command("glidepath")
    .description(
      "Enforce MFA in Microsoft Entra ID without locking anyone out: measure the tenant, predict who and what would break, roll out in gated phases, prove the result.",
    )
    .version(VERSION)
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput(output);
  for (const register of COMMANDS) register(program, run);
  // Subcommands inherit the usage-error handling.
  for (const c of program.commands) {
    c.exitOverride().configureOutput(output);
    for (const s of c.commands) s.exitOverride().configureOutput(output);
  }
  program.addHelpText(
    "after",
    "\nExit codes: 0 ok, 1 findings (blockers, failed proof), 2 error, 3 refused by a safety rule, 4 partial (import skipped records).\n",
  );
  return program;
}

/**
 * Run the CLI with `argv` (shaped as process.argv: node, script, then the arguments) and return the exit
 * code. Everything the run prints goes to `io`; commands still read process.env and the working directory
 * (a test sets those for a run the way it would for a child process).
 */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const run = new CliRun(io);
  const program = buildProgram(run);
  try {
    await program.parseAsync(argv as string[]);
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === "commander.helpDisplayed" || e.code === "commander.version" || e.code === "commander.help") {
        return EXIT.ok;
      }
      const msg = e.message.replace(/^error:\s*/, "");
      io.stderr.write(
        `glidepath: ${msg}\n  fix: run 'glidepath --help' (or 'glidepath <command> --help') for the usage\n`,
      );
      return EXIT.error;
    }
    run.fail(e);
  }
  return run.exitCode;
}
