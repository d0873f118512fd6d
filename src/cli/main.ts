// Entry point of the glidepath CLI: builds the commander program, dispatches, and maps every outcome
// to a named exit code. Usage errors print one line with a remedy; nothing is written on a usage error.

import { Command, CommanderError } from "commander";
import { COMMANDS } from "./commands/index.js";
import { reportError, takeExit } from "./common.js";
import { EXIT } from "./exit-codes.js";

export const VERSION = "0.1.0";

export function buildProgram(): Command {
  const program = new Command("glidepath")
    .description(
      "Enforce MFA in Microsoft Entra ID without locking anyone out: measure the tenant, predict who and what would break, roll out in gated phases, prove the result.",
    )
    .version(VERSION)
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ outputError: () => {} });
  for (const register of COMMANDS) register(program);
  // Subcommands inherit the usage-error handling.
  for (const c of program.commands) {
    c.exitOverride().configureOutput({ outputError: () => {} });
    for (const s of c.commands) s.exitOverride().configureOutput({ outputError: () => {} });
  }
  program.addHelpText(
    "after",
    "\nExit codes: 0 ok, 1 findings (blockers, failed proof), 2 error, 3 refused by a safety rule, 4 partial (import skipped records).\n",
  );
  return program;
}

/** Run the CLI with `argv` (as process.argv) and return the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv as string[]);
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === "commander.helpDisplayed" || e.code === "commander.version" || e.code === "commander.help") {
        return EXIT.ok;
      }
      const msg = e.message.replace(/^error:\s*/, "");
      process.stderr.write(
        `glidepath: ${msg}\n  fix: run 'glidepath --help' (or 'glidepath <command> --help') for the usage\n`,
      );
      return EXIT.error;
    }
    reportError(e);
  }
  return takeExit();
}
