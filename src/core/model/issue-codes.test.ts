// The code table is the single list: every code the source uses is in ISSUE_CODES, and every entry is used.
// The source is scanned for code literals ("<namespace>.<kebab-name>" strings) and the known code builders.

import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { test } from "node:test";
import { ISSUE_CODES } from "./issue-codes.js";

const SRC = join(import.meta.dirname, "..", "..");

/** String literals of this shape in the same namespaces that are not codes, and why. */
const NOT_CODES: Readonly<Record<string, string>> = {
  "assess.classifications": "a workspace config key (app/assess.ts CONFIG_KEY)",
  "assess.settings": "a workspace config key (app/assess.ts CONFIG_KEY)",
  "demo.create": "a journal entry kind (app/demo.ts)",
};

/**
 * Codes built from a prefix and a literal argument: [pattern with the literal as group 1, prefix]. When a builder
 * is renamed or moved, add it here (the "every entry is used" test below fails until then).
 */
const BUILDERS: readonly (readonly [RegExp, string])[] = [
  // cli/arg-parsers.ts: a usage error of `--name` is `usage.${name}`
  [/\b(?:wholeNumber|fraction|calendarDate|isoTime|filePaths?)\(\s*"([a-z0-9-]+)"/g, "usage."],
  [/\bbad\(\s*"([a-z0-9-]+)"/g, "evaluate."], // cli/commands/evaluate-flags.ts: bad(code, ...) throws `evaluate.${code}`
];

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    // The table itself is not a use of its codes.
    else if (name.endsWith(".ts") && !name.endsWith(".test.ts") && name !== "issue-codes.ts") out.push(p);
  }
  return out;
}

/** code -> the files that use it. */
function codesInSource(namespaces: ReadonlySet<string>): Map<string, Set<string>> {
  const found = new Map<string, Set<string>>();
  const add = (code: string, file: string) => {
    if (code in NOT_CODES) return;
    if (!found.has(code)) found.set(code, new Set());
    found.get(code)?.add(relative(SRC, file));
  };
  for (const file of walk(SRC)) {
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(/["'`]([a-z]+)\.([a-z0-9]+(?:-[a-z0-9]+)*)["'`]/g)) {
      if (namespaces.has(m[1] as string)) add(`${m[1]}.${m[2]}`, file);
    }
    for (const [re, prefix] of BUILDERS) for (const m of text.matchAll(re)) add(prefix + m[1], file);
  }
  return found;
}

const namespaces = new Set(Object.keys(ISSUE_CODES).map((c) => c.split(".")[0] as string));

test("every code used in src/ is in the code table (docs/errors.md)", () => {
  const missing = [...codesInSource(namespaces)]
    .filter(([code]) => !(code in ISSUE_CODES))
    .map(([code, files]) => `${code} (${[...files].join(", ")})`);
  assert.deepEqual(missing, [], "add these codes to ISSUE_CODES in src/core/model/issue-codes.ts, then npm run docs");
});

test("every code in the table is used somewhere in src/", () => {
  const used = codesInSource(namespaces);
  const unused = Object.keys(ISSUE_CODES).filter((c) => !used.has(c));
  assert.deepEqual(unused, [], "remove these codes from ISSUE_CODES (or list their builder in this test)");
});

test("the table is sorted, and every entry has a message and a remedy", () => {
  const codes = Object.keys(ISSUE_CODES);
  assert.deepEqual(codes, [...codes].sort());
  for (const [code, spec] of Object.entries(ISSUE_CODES)) {
    assert.match(code, /^[a-z]+\.[a-z0-9]+(-[a-z0-9]+)*$/, code);
    assert.ok(spec.message.length > 0, `${code}: message`);
    assert.ok(spec.remedy.length > 0, `${code}: remedy`);
  }
});
