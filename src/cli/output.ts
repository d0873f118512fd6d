// Output plumbing for commands: the --format choice, writing a typed result through a renderer,
// and progress on stderr (only when stderr is a TTY, so pipes and CI stay quiet).

import { writeFileSync } from "node:fs";
import { cleanStrings, markdownSafe, terminalSafe } from "../views/safe-text.js";

export const FORMATS = ["text", "json", "markdown", "html"] as const;
export type Format = (typeof FORMATS)[number];

/** Renderers for one result type; json defaults to a stable, pretty JSON.stringify. */
export interface Renderers<T> {
  text(result: T): string;
  markdown?(result: T): string;
  html?(result: T): string;
  json?(result: T): unknown;
}

/** Render `result` in `format` and write it to stdout, or to `out` when given. */
export function emit<T>(result: T, format: Format, renderers: Renderers<T>, out?: string): void {
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
  if (out) writeFileSync(out, body);
  else process.stdout.write(body);
}

/** Progress reporting handed to use cases; a no-op unless stderr is a TTY. */
export interface Progress {
  start(label: string, total?: number): void;
  update(done: number): void;
  end(summary?: string): void;
}

export function createProgress(enabled = Boolean(process.stderr.isTTY) && !process.env.CI): Progress {
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
      process.stderr.write(
        `\r${label}: ${done.toLocaleString("en-US")}${total ? `/${total.toLocaleString("en-US")}` : ""}${pct}   `,
      );
    },
    end(summary) {
      if (Date.now() - started >= 1000) process.stderr.write(`\r${label}: ${summary ?? "done"}${" ".repeat(20)}\n`);
    },
  };
}
