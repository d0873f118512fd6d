// Output plumbing for commands: the streams a run writes to, the --format choice, writing a typed result
// through a renderer, and progress on stderr (only when stderr is a TTY, so pipes and CI stay quiet).

import { writeFileSync } from "node:fs";
import { GlidepathError } from "../core/model/errors.js";
import { cleanStrings, markdownSafe, terminalSafe } from "../core/text/safe-text.js";

/** A stream as far as the CLI uses one: text written in order, and whether a terminal shows it. */
export interface OutStream {
  write(chunk: string): unknown;
  readonly isTTY?: boolean;
  /** Terminal width, when a terminal shows the stream. */
  readonly columns?: number;
}

/**
 * Where one run of the CLI writes: results to `stdout`; usage errors, reported errors, warnings and
 * progress to `stderr`. Nothing under cli/ or views/ writes to process.stdout/stderr directly, so a test
 * can run a command in-process and capture both.
 */
export interface CliIo {
  readonly stdout: OutStream;
  readonly stderr: OutStream;
}

/** The process's own streams: what bin/glidepath.js runs with. */
export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr };
}

export const FORMATS = ["text", "json", "markdown", "html"] as const;
export type Format = (typeof FORMATS)[number];

/** Renderers for one result type; json defaults to a stable, pretty JSON.stringify. */
export interface Renderers<T> {
  text(result: T): string;
  markdown?(result: T): string;
  html?(result: T): string;
  json?(result: T): unknown;
}

/** Render `result` in `format` and write it to `stdout`, or to the file `out` when given. */
export function emit<T>(stdout: OutStream, result: T, format: Format, renderers: Renderers<T>, out?: string): void {
  let body: string;
  switch (format) {
    case "json":
      body = `${JSON.stringify(renderers.json ? renderers.json(result) : result, null, 2)}\n`;
      break;
    case "markdown":
      // INVARIANT: tenant text reaches Markdown escaped (controls visible, HTML and Markdown syntax inert).
      body = renderers.markdown
        ? renderers.markdown(cleanStrings(result, markdownSafe))
        : renderers.text(cleanStrings(result, terminalSafe));
      break;
    case "html":
      if (!renderers.html) throw new Error("html is not available for this command");
      body = renderers.html(result);
      break;
    default:
      // INVARIANT: tenant text reaches the terminal with every control and bidi character made visible.
      body = renderers.text(cleanStrings(result, terminalSafe));
  }
  if (!body.endsWith("\n")) body += "\n";
  if (out) writeOutputFile(out, body, "output");
  else stdout.write(body);
}

/**
 * Write `body` to the file an option named (--out, --contacts-csv): a folder, a missing parent or a
 * read-only place is the user's to fix, so it is a one-line error, not an unexpected failure.
 */
export function writeOutputFile(path: string, body: string, what: string): void {
  try {
    writeFileSync(path, body);
  } catch (e) {
    throw new GlidepathError(
      "output.write",
      `cannot write the ${what} to ${path}: ${e instanceof Error ? (e.message.split("\n")[0] ?? "") : String(e)}`,
      "choose a file path (not a folder) in a folder that exists and that you can write to",
    );
  }
}

/** Progress reporting handed to use cases; a no-op unless stderr is a TTY. */
export interface Progress {
  start(label: string, total?: number): void;
  update(done: number): void;
  end(summary?: string): void;
}

/** Progress on `stderr`; by default only when it is a terminal and not in CI. */
export function createProgress(stderr: OutStream, enabled = Boolean(stderr.isTTY) && !process.env.CI): Progress {
  if (!enabled) return { start() {}, update() {}, end() {} };
  let label = "";
  let total: number | undefined;
  let started = 0;
  let last = 0;
  return {
    start(l, t) {
      label = l;
      total = t;
      started = Date.now();
      last = 0;
    },
    update(done) {
      const now = Date.now();
      // Only after the first second, and at most ten times a second.
      if (now - started < 1000 || now - last < 100) return;
      last = now;
      const pct = total ? ` ${Math.floor((done / total) * 100)}%` : "";
      stderr.write(
        `\r${label}: ${done.toLocaleString("en-US")}${total ? `/${total.toLocaleString("en-US")}` : ""}${pct}   `,
      );
    },
    end(summary) {
      if (Date.now() - started >= 1000) stderr.write(`\r${label}: ${summary ?? "done"}${" ".repeat(20)}\n`);
    },
  };
}
