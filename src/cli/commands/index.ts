// The registry of CLI commands: each module adds one command (and its subcommands) to the program.
// Add a new command here and document it in README.md in the same commit.

import type { Command } from "commander";
import type { CliRun } from "../common.js";
import { registerAssess } from "./assess.js";
import { registerClassify } from "./classify.js";
import { registerConnect } from "./connect.js";
import { registerDemo } from "./demo.js";
import { registerEvaluate } from "./evaluate.js";
import { registerExport } from "./export.js";
import { registerGaps } from "./gaps.js";
import { registerImport } from "./import.js";
import { registerPolicy } from "./policy.js";
import { registerSimulate } from "./simulate.js";
import { registerSimulator } from "./simulator.js";
import { registerSimulatorServe } from "./simulator-serve.js";
import { registerSync } from "./sync.js";
import { registerTenant } from "./tenant.js";
import { registerVerifyAccess } from "./verify-access.js";

/** Adds a command to `program`; its action writes to `run`'s streams and sets `run`'s exit code. */
export type Register = (program: Command, run: CliRun) => void;

// registerSimulatorServe must stay after the generator's `simulator` command: it adds `serve` to that group.
export const COMMANDS: readonly Register[] = [
  registerDemo,
  registerTenant,
  registerAssess,
  registerClassify,
  registerImport,
  registerExport,
  registerConnect,
  registerSync,
  registerSimulator,
  registerSimulatorServe,
  registerEvaluate,
  registerPolicy,
  registerSimulate,
  registerVerifyAccess,
  registerGaps,
];
