// Options every command shares (--workspace, --format, --out) and the wrapper that turns a command's
// action into an exit code, printing GlidepathErrors as one line with a remedy and no stack trace.

import { resolve } from "node:path";
import { type Command, Option } from "commander";
import { type ExitName, isGlidepathError } from "../core/model/errors.js";
import { EXIT } from "./exit-codes.js";
import type { Format } from "./output.js";

export interface WorkspaceOpts {
  workspace?: string;
}
export interface FormatOpts {
  format: Format;
  out?: string;
}

/** `--workspace DIR`, defaulting to $GLIDEPATH_WORKSPACE or ./glidepath-workspace. */
export function withWorkspace(cmd: Command): Command {
  return cmd.option(
    "-w, --workspace <dir>",
    "workspace folder (default: $GLIDEPATH_WORKSPACE or ./glidepath-workspace)",
  );
}

export function workspaceDir(opts: WorkspaceOpts): string {
  return resolve(opts.workspace || process.env.GLIDEPATH_WORKSPACE || "glidepath-workspace");
}

/** `--format` limited to the formats this command renders, and `--out FILE`. */
export function withFormat(cmd: Command, formats: readonly Format[] = ["text", "json", "markdown"]): Command {
  return cmd
    .addOption(new Option("-f, --format <format>", "output format").choices(formats as string[]).default("text"))
    .option("-o, --out <file>", "write the output to a file instead of stdout");
}

/** The exit code the current action chose; set by `run`. */
let exitCode: number = EXIT.ok;
export function setExit(name: ExitName): void {
  exitCode = EXIT[name];
}
export function takeExit(): number {
  const c = exitCode;
  exitCode = EXIT.ok;
  return c;
}

/** Print an error as `glidepath: <message>` + `  fix: <remedy>` and choose its exit code. */
export function reportError(e: unknown): void {
  if (isGlidepathError(e)) {
    process.stderr.write(`glidepath: ${e.message} [${e.code}]\n  fix: ${e.remedy}\n`);
    setExit(e.exit);
    return;
  }
  const msg = e instanceof Error ? e.message : String(e);
  process.stderr.write(
    `glidepath: unexpected failure: ${msg.split("\n")[0]}\n  fix: this is a bug; rerun with GLIDEPATH_DEBUG=1 for details and report it\n`,
  );
  if (process.env.GLIDEPATH_DEBUG && e instanceof Error) process.stderr.write(`${e.stack}\n`);
  setExit("error");
}

/** Wrap an action: its return value (an exit name) or thrown error becomes the exit code. */
// biome-ignore lint/suspicious/noExplicitAny: commander passes positional arguments, options and the command.
type Args = any[];
export function action(fn: (...args: Args) => Promise<ExitName | undefined>): (...args: Args) => Promise<void> {
  return async (...args: Args) => {
    try {
      const r = await fn(...args);
      setExit(r ?? "ok");
    } catch (e) {
      reportError(e);
    }
  };
}
