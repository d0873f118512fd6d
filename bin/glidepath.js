#!/usr/bin/env node
// The glidepath command: runs the bundle in dist/ when it was built from the sources as they are now
// (see build-stamp.js), else the TypeScript in src/ through tsx's loader, so an edit never runs stale code.
import { isBuildFresh } from "./build-stamp.js";
import { guardExit } from "./exit-guard.js";

// From here on, every end of the process has a message and a documented exit code (see exit-guard.js).
const finish = guardExit();

let main;
if (isBuildFresh()) {
  // Stack traces (GLIDEPATH_DEBUG=1) name the TypeScript source lines through the build's source maps.
  if (process.env.GLIDEPATH_DEBUG) process.setSourceMapsEnabled(true);
  ({ main } = await import("../dist/main.mjs"));
} else {
  const { register } = await import("tsx/esm/api");
  register();
  ({ main } = await import("../src/cli/main.ts"));
}
process.exitCode = await main(process.argv);
finish();
