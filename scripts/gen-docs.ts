// Writes the generated documentation (docs/checks/*.md from the check catalogue, docs/errors.md from the
// error code table). `npm run docs` writes; `npm run docs -- --check` only reports stale files and exits 1.

import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { checkPages, type GeneratedFile } from "./docs/check-pages.js";
import { errorCodesPage } from "./docs/error-codes-page.js";

/** Every generated file, rendered from the sources under `root` (the repository root). */
export function generatedDocs(root: string): GeneratedFile[] {
  return [...checkPages(root), errorCodesPage()];
}

/** The generated files whose text on disk differs from what the generator renders now. */
export function staleDocs(root: string): string[] {
  return generatedDocs(root)
    .filter((f) => {
      try {
        return readFileSync(join(root, f.path), "utf8") !== f.text;
      } catch {
        return true;
      }
    })
    .map((f) => f.path);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = resolve(import.meta.dirname, "..");
  if (process.argv.includes("--check")) {
    const stale = staleDocs(root);
    for (const p of stale) console.error(`stale: ${p} (run npm run docs)`);
    process.exit(stale.length > 0 ? 1 : 0);
  }
  for (const f of generatedDocs(root)) writeFileSync(join(root, f.path), f.text);
  console.log("docs: written");
}
