// Comments cite the design and the reference facts as docs/<page>.md#<anchor>; every such citation must name
// a page that exists and an anchor that page declares, so a renamed rule or section cannot leave stale pointers.

import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { test } from "node:test";

const ROOT = join(import.meta.dirname, "..", "..");

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === "node_modules") continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (/\.(ts|mjs|md|json)$/.test(name)) out.push(p);
  }
  return out;
}

/** Anchors a page declares: explicit `<a id="...">` and GitHub's slugs of its headings. */
function anchorsOf(page: string): Set<string> {
  const text = readFileSync(page, "utf8");
  const ids = [...text.matchAll(/<a id="([^"]+)"><\/a>/g)].map((m) => m[1] as string);
  const slugs = [...text.matchAll(/^#+ (.+)$/gm)].map((m) =>
    (m[1] as string)
      .toLowerCase()
      .replace(/[^a-z0-9 -]/g, "")
      .replace(/ /g, "-"),
  );
  return new Set([...ids, ...slugs]);
}

test("every docs/<page>.md#<anchor> cited in src/, test/, scripts/ and the README resolves", () => {
  const files = [...walk(join(ROOT, "src")), ...walk(join(ROOT, "test")), ...walk(join(ROOT, "scripts"))];
  files.push(join(ROOT, "README.md"), join(ROOT, "biome.json"));
  const bad: string[] = [];
  let seen = 0;
  for (const file of files) {
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(/docs\/([a-z0-9/-]+\.md)(?:#([a-z0-9-]+))?/g)) {
      const page = join(ROOT, "docs", m[1] as string);
      const where = `${relative(ROOT, file)}: ${m[0]}`;
      seen++;
      if (!existsSync(page)) bad.push(`${where} (no such page)`);
      else if (m[2] && !anchorsOf(page).has(m[2])) bad.push(`${where} (no such anchor)`);
    }
  }
  assert.ok(seen > 20, `only ${seen} citations found; is the pattern still right?`);
  assert.deepEqual(bad, []);
});
