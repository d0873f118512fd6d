#!/usr/bin/env node
// `npm run build`, run by `npm ci` and `npm install` through `prepare`: bundles the CLI into dist/ so it
// starts without transpiling. bin/glidepath.js uses dist/ only while its stamp matches the sources.

import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DIST, ROOT, STAMP, sourceStamp } from "../bin/build-stamp.js";

/**
 * npm packages bundled into dist/ rather than imported from node_modules at run time: pure JavaScript that
 * every command (commander) or every workspace command (kysely) loads. Node resolves and compiles each file
 * of a package separately, and kysely's ESM build is about 280 files: bundled, it loads as one chunk.
 * Every other package stays an import: native modules (better-sqlite3) cannot be bundled, and the rest
 * (Graph client, @azure/identity, hono) load only in the commands that use them.
 */
const BUNDLED = new Set(["commander", "kysely"]);

/**
 * Bundle src/ into `outdir`: our own code bundled and split by esbuild at every dynamic import (so a
 * command loads only its own use case), npm packages imported at run time except BUNDLED.
 *
 * The sign-in page worker gets its own entry, dist/page-worker-entry.mjs: PageWorker starts the worker
 * from `./page-worker-entry.mjs` beside the module that holds it, which in the build is a chunk in the
 * same flat folder (in src/ it is the .mjs that registers tsx first).
 */
export async function buildCli(outdir = join(ROOT, DIST)) {
  const { build } = await import("esbuild");
  await build({
    absWorkingDir: ROOT,
    entryPoints: [
      { in: "src/cli/main.ts", out: "main" },
      { in: "src/adapters/graph/page-worker.ts", out: "page-worker-entry" },
    ],
    outdir,
    outExtension: { ".js": ".mjs" },
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    external: externalPackages(),
    sourcemap: "linked",
    // commander is CommonJS and requires Node built-ins; an ES module has no `require` of its own.
    banner: {
      js: 'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);',
    },
    logLevel: "warning",
  });
}

/** Every dependency the package.json names, except BUNDLED, with its subpaths. */
function externalPackages() {
  const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
  const names = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies }).filter((n) => !BUNDLED.has(n));
  return names.flatMap((n) => [n, `${n}/*`]);
}

// `node scripts/build.mjs` builds dist/ and stamps it; `node scripts/build.mjs DIR` builds into DIR without a
// stamp (the build test's way to check the bundle).
if (import.meta.url === `file://${process.argv[1]}`) {
  const other = process.argv[2];
  if (other) await buildCli(other);
  else {
    const dist = join(ROOT, DIST);
    const started = Date.now();
    // The stamp is taken before the build, so an edit made while it runs leaves dist/ stale.
    const stamp = sourceStamp();
    rmSync(dist, { recursive: true, force: true });
    mkdirSync(dist, { recursive: true });
    await buildCli(dist);
    writeFileSync(join(ROOT, STAMP), stamp);
    console.log(`glidepath: built dist/ in ${Date.now() - started} ms`);
  }
}
