// The registry of CLI commands: each module adds one command (and its subcommands) to the program.
// Add a new command here and document it in README.md in the same commit.

import type { Command } from "commander";
import { registerDemo } from "./demo.js";
import { registerTenant } from "./tenant.js";

export type Register = (program: Command) => void;

export const COMMANDS: readonly Register[] = [registerDemo, registerTenant];
