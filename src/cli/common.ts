// Options every command shares (--workspace, --format, --out) and one run of the CLI (CliRun): its output
// streams and the wrapper that turns a command's action into an exit code, printing GlidepathErrors as one
// line with a remedy and no stack trace.

import { resolve } from "node:path";
import { type Command, Option } from "commander";
import { type ExitName, isGlidepathError } from "../core/model/errors.js";
import { terminalSafe } from "../core/text/safe-text.js";
import { filePath, parsedOption } from "./arg-parsers.js";
import { EXIT } from "./exit-codes.js";
import type { CliIo, Format, OutStream } from "./output.js";

export interface WorkspaceOpts {
  workspace?: string;
}
export interface FormatOpts {
  format: Format;
  out?: string;
}

/** `--workspace DIR`, defaulting to $GLIDEPATH_WORKSPACE or ./glidepath-workspace. */
export function withWorkspace(cmd: Command): Command {
  return cmd.addOption(
    parsedOption(
      "-w, --workspace <dir>",
      "workspace folder (default: $GLIDEPATH_WORKSPACE or ./glidepath-workspace)",
      filePath("workspace"),
    ),
  );
}

export function workspaceDir(opts: WorkspaceOpts): string {
  return resolve(opts.workspace || process.env.GLIDEPATH_WORKSPACE || "glidepath-workspace");
}

/** `--format` limited to the formats this command renders, and `--out FILE`. */
export function withFormat(cmd: Command, formats: readonly Format[] = ["text", "json", "markdown"]): Command {
  return cmd
    .addOption(new Option("-f, --format <format>", "output format").choices(formats as string[]).default("text"))
    .addOption(parsedOption("-o, --out <file>", "write the output to a file instead of stdout", filePath("out")));
}

/**
 * One run of the CLI: where it writes and the exit code its command chose. main() makes a fresh one per
 * call, so two runs in one process share nothing.
 */
export class CliRun {
  /** The exit code chosen so far: by the action's return value, or by an error it threw. */
  exitCode: number = EXIT.ok;

  constructor(readonly io: CliIo) {}

  /** Wrap an action: its return value (an exit name) or thrown error becomes this run's exit code. */
  action(fn: (...args: Args) => Promise<ExitName | undefined>): (...args: Args) => Promise<void> {
    return async (...args: Args) => {
      try {
        this.exitCode = EXIT[(await fn(...args)) ?? "ok"];
      } catch (e) {
        this.fail(e);
      }
    };
  }

  /** Report `e` on this run's stderr and take its exit code. */
  fail(e: unknown): void {
    this.exitCode = EXIT[reportError(this.io.stderr, e)];
  }
}

// biome-ignore lint/suspicious/noExplicitAny: commander passes positional arguments, options and the command.
type Args = any[];

/** Print an error to `stderr` as `glidepath: <message>` + `  fix: <remedy>`; returns its exit name. */
export function reportError(stderr: OutStream, e: unknown): ExitName {
  // INVARIANT: a message can quote tenant text or a file's bytes: controls reach the terminal as escapes.
  if (isGlidepathError(e)) {
    stderr.write(`glidepath: ${terminalSafe(e.message)} [${e.code}]\n  fix: ${terminalSafe(e.remedy)}\n`);
    return e.exit;
  }
  const msg = e instanceof Error ? e.message : String(e);
  stderr.write(
    `glidepath: unexpected failure: ${terminalSafe(msg.split("\n")[0] ?? "")}\n  fix: this is a bug; rerun with GLIDEPATH_DEBUG=1 for details and report it\n`,
  );
  if (process.env.GLIDEPATH_DEBUG && e instanceof Error) stderr.write(`${e.stack}\n`);
  return "error";
}
