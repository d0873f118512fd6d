// Runs the glidepath CLI for tests: in process through main(argv, io) (fast: no process start-up), or as
// the real binary in a child process, as a user would (for the start-up and exit-code paths end to end).

import { spawn } from "node:child_process";
import { join } from "node:path";
import { main } from "../../src/cli/main.js";

export const REPO = join(import.meta.dirname, "..", "..");
export const BIN = join(REPO, "bin", "glidepath.js");

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** How a run is started; both runners give the CLI the same environment and working directory. */
export interface CliOptions {
  /** Variables set for the run on top of the test's environment (GLIDEPATH_WORKSPACE is cleared first). */
  readonly env?: NodeJS.ProcessEnv;
  /** Working directory of the run; the repository root unless given. */
  readonly cwd?: string;
}

/** Runs in process share process.env and the working directory: one at a time. */
let queue: Promise<unknown> = Promise.resolve();

/**
 * Run the CLI in this process through main(argv, io) and capture what it prints. The run sees the same
 * environment and working directory a child process would (set for the run, restored after it), and runs
 * are serialised because they share both. The exit code is main's return value.
 */
export function runCli(args: readonly string[], opts: CliOptions = {}): Promise<CliResult> {
  const run = queue.then(() => runInProcess(args, opts));
  queue = run.catch(() => {});
  return run;
}

async function runInProcess(args: readonly string[], opts: CliOptions): Promise<CliResult> {
  const env: NodeJS.ProcessEnv = { GLIDEPATH_WORKSPACE: "", ...opts.env };
  const saved = new Map(Object.keys(env).map((k) => [k, process.env[k]]));
  const cwd = process.cwd();
  const exitCode = process.exitCode;
  let stdout = "";
  let stderr = "";
  try {
    for (const [k, v] of Object.entries(env)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    process.chdir(opts.cwd ?? REPO);
    const code = await main(["node", BIN, ...args], {
      stdout: { write: (s: string) => (stdout += s) },
      stderr: { write: (s: string) => (stderr += s) },
    });
    return { code, stdout, stderr };
  } finally {
    process.chdir(cwd);
    for (const [k, v] of saved) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    // The CLI reports through its return value; nothing it did may decide this test process's exit code.
    process.exitCode = exitCode;
  }
}

/** Run the real bin/glidepath.js in a child process, as a user would, and capture what it prints. */
export function runBin(args: readonly string[], opts: CliOptions = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: opts.cwd ?? REPO,
      env: { ...process.env, GLIDEPATH_WORKSPACE: "", ...opts.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}
