#!/usr/bin/env node
// The glidepath command: loads the TypeScript CLI through tsx's loader, so no build step is needed.
import { register } from "tsx/esm/api";

// A reader that has gone (`glidepath ... | head -1`) is not an error: stop quietly, without a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (e) => {
    if (e.code === "EPIPE") process.exit(0);
    throw e;
  });
}

register();
const { main } = await import("../src/cli/main.ts");
process.exitCode = await main(process.argv);
