#!/usr/bin/env node
// Runs every *.test.ts under src/ and test/ with node:test (Node 20 does not expand globs), on JavaScript
// transpiled for this run. Extra arguments are passed to node, e.g. `npm test -- --test-name-pattern=engine`.
import { spawnSync } from "node:child_process";
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { isBuildFresh } from "../bin/build-stamp.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

/** Every file under `dir` (relative to the repository) whose name passes `keep`. */
function find(dir, keep, out = []) {
  let names = [];
  try {
    names = readdirSync(join(ROOT, dir));
  } catch {
    return out;
  }
  for (const name of names) {
    const p = join(dir, name);
    if (name === "node_modules" || p === join("bench", "out")) continue;
    if (statSync(join(ROOT, p)).isDirectory()) find(p, keep, out);
    else if (keep(name)) out.push(p);
  }
  return out;
}

/**
 * Modules that find a sibling module through their own `import.meta.url` at run time, so keep the
 * transpiled tree's location: PageWorker starts `./page-worker-entry.mjs` beside itself.
 */
const OWN_LOCATION = new Set([join("src", "adapters", "graph", "page-worker.ts")]);

/** Where the tests' modules live: the tests, and the code, benchmarks, scripts and bin files they import. */
const TREES = ["src", "test", "bench", "scripts", "bin"];

/**
 * Transpile every module of TREES into `out`, same tree, `.ts` → `.js` (the sources already import
 * `./x.js`), one file at a time, types stripped and nothing bundled. This is why the suite is fast: under
 * tsx each test file's process (and each sync's page worker) spent about half a second of CPU registering
 * the loader before its first test; plain JavaScript starts in a tenth of that. Everything is transpiled on
 * every run (about 370 files, well under a second), so an edit is always what runs.
 *
 * Tests find the repository (fixtures, docs, sources they scan) through `import.meta.dirname` / `.url` /
 * `.filename`: those are replaced by the source file's location, so they read the repository, not `out`.
 * `out/node_modules` links to the repository's, so npm imports resolve as they do from src/.
 */
async function transpile(out) {
  const { transform } = await import("esbuild");
  // The project's compiler options (target, verbatimModuleSyntax, ...) decide class fields and imports, as
  // they do under tsc and tsx.
  const tsconfigRaw = JSON.parse(readFileSync(join(ROOT, "tsconfig.json"), "utf8"));
  symlinkSync(join(ROOT, "node_modules"), join(out, "node_modules"), "dir");
  const files = TREES.flatMap((t) => find(t, isModule));
  await Promise.all(
    files.map(async (f) => {
      const source = join(ROOT, f);
      const target = join(out, f.replace(/\.ts$/, ".js"));
      const loader = f.endsWith(".ts") ? "ts" : "js";
      const define = OWN_LOCATION.has(f)
        ? {}
        : {
            "import.meta.dirname": JSON.stringify(dirname(source)),
            "import.meta.filename": JSON.stringify(source),
            "import.meta.url": JSON.stringify(pathToFileURL(source).href),
          };
      const r = await transform(readFileSync(source, "utf8"), {
        loader,
        format: "esm",
        target: "node20",
        define,
        // Stack traces and failed assertions name the TypeScript file and line (node --enable-source-maps).
        sourcemap: "inline",
        sourcesContent: false,
        sourcefile: pathToFileURL(source).href,
        tsconfigRaw,
      });
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, r.code);
    }),
  );
  // src/adapters/graph/page-worker-entry.mjs registers tsx before loading page-worker.ts; here the worker
  // loads the JavaScript directly.
  writeFileSync(join(out, "src", "adapters", "graph", "page-worker-entry.mjs"), 'import "./page-worker.js";\n');
}

function isModule(name) {
  return (name.endsWith(".ts") && !name.endsWith(".d.ts")) || name.endsWith(".js") || name.endsWith(".mjs");
}

const args = process.argv.slice(2);
const filters = args.filter((a) => !a.startsWith("-"));
const flags = args.filter((a) => a.startsWith("-"));
let files = [...find("src", (n) => n.endsWith(".test.ts")), ...find("test", (n) => n.endsWith(".test.ts"))].sort();
if (filters.length > 0) files = files.filter((f) => filters.some((x) => f.includes(x)));
// Largest files first (size is a fair proxy for run time here): the long ones then overlap the many short
// ones instead of starting last and running alone at the end.
files.sort((a, b) => statSync(join(ROOT, b)).size - statSync(join(ROOT, a)).size || (a < b ? -1 : 1));
if (files.length === 0) {
  console.error("no test files found");
  process.exit(1);
}

// A few tests run the real bin/glidepath.js, which runs dist/ when it is fresh and otherwise src/ through tsx
// (about a second more per start). `npm ci` builds dist/, so CI tests the built CLI users run; after an edit
// the same build runs here first (about half a second), so a local run tests what CI tests, at CI's speed.
if (!isBuildFresh()) {
  const b = spawnSync(process.execPath, [join(ROOT, "scripts", "build.mjs")], { stdio: "inherit", cwd: ROOT });
  if (b.status !== 0) process.exit(b.status ?? 1);
}

const out = mkdtempSync(join(tmpdir(), "glidepath-tests-"));
let status = 1;
try {
  await transpile(out);
  const js = (f) => join(out, f.replace(/\.ts$/, ".js"));
  const r = spawnSync(
    process.execPath,
    ["--enable-source-maps", "--test", "--test-concurrency=2", ...flags, ...files.map(js)],
    { stdio: "inherit", cwd: ROOT, env: { ...process.env, GLIDEPATH_TEST: "1" } },
  );
  status = r.status ?? 1;
} finally {
  rmSync(out, { recursive: true, force: true });
}
process.exit(status);
