// The CLI's start-up path stays cheap: what main.ts, common.ts, output.ts and the command modules import
// statically is what every command pays for (even --version). Use cases, views, adapters and npm packages
// other than commander are imported inside the actions (`await import(...)`), so each command loads only
// its own. Type-only imports are free (erased).

import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { test } from "node:test";

const CLI = import.meta.dirname;
const SRC = resolve(CLI, "..");

/** What a start-up module may import for its value: commander, Node built-ins, the CLI, the pure core. */
function allowed(spec: string, from: string): boolean {
  if (spec === "commander" || spec.startsWith("node:")) return true;
  if (!spec.startsWith(".")) return false;
  const target = relative(SRC, resolve(from, "..", spec));
  return target.startsWith("cli/") || target.startsWith("core/") || target === "app/vocabularies.js";
}

function modules(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? modules(join(dir, e.name))
      : e.name.endsWith(".ts") && !e.name.endsWith(".test.ts")
        ? [join(dir, e.name)]
        : [],
  );
}

test("start-up modules import use cases, views and heavy packages only inside actions", () => {
  const offending: string[] = [];
  for (const file of modules(CLI)) {
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(/^import\s+(type\s+)?([^;]*?)\s*from\s*"([^"]+)";/gm)) {
      const [, typeOnly, , spec] = m;
      if (!typeOnly && spec && !allowed(spec, file)) offending.push(`${relative(SRC, file)}: ${spec}`);
    }
  }
  assert.deepEqual(offending, []);
});
