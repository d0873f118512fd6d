// Whether dist/ holds a build of the sources as they are now. The build writes a stamp of the inputs (the
// path, size and modification time of every source file); bin/glidepath.js recomputes it before using dist/.

import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The project root (the folder above bin/). */
export const ROOT = fileURLToPath(new URL("..", import.meta.url));

/** Where the build keeps its output and, last, its stamp (relative to the root). */
export const DIST = "dist";
export const STAMP = join(DIST, "build-stamp.txt");

/** Files outside src/ that change what the build writes. */
const BUILD_INPUTS = ["package.json", "scripts/build.mjs", "tsconfig.json"];

/**
 * The build's inputs as one line per file (path, size, modification time): every file under src/ except
 * tests and Markdown (the bundle holds neither), and the build's own configuration. Any edited, added,
 * removed or renamed file changes it (an edit changes the modification time even when the size stays).
 * It costs a directory walk and one stat per file, under 10 ms, and no read of the sources; it is kept as
 * text, not hashed (hashing cost more than the walk), so `diff` shows which file made a build stale.
 */
export function sourceStamp(root = ROOT) {
  let stamp = "";
  const add = (rel) => {
    const st = statSync(join(root, rel));
    stamp += `${rel}\t${st.size}\t${st.mtimeMs}\n`;
  };
  const walk = (dir) => {
    const entries = readdirSync(join(root, dir), { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const rel = `${dir}/${e.name}`;
      if (e.isDirectory()) walk(rel);
      else if (!e.name.endsWith(".test.ts") && !e.name.endsWith(".md")) add(rel);
    }
  };
  walk("src");
  for (const f of BUILD_INPUTS) add(f);
  return stamp;
}

/** True when dist/ was built from the sources as they are now; false when it is missing or stale. */
export function isBuildFresh(root = ROOT) {
  try {
    return readFileSync(join(root, STAMP), "utf8") === sourceStamp(root);
  } catch {
    return false;
  }
}
