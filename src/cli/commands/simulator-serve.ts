// `glidepath simulator serve`: the simulated tenant as Microsoft Graph on 127.0.0.1 (v1.0 and beta paths
// the sync reads, plus the roll-out's writes), with optional latency, faults and throttling.
// Added to the `simulator` group the generator's module creates (or creates the group if missing).

import type { Command } from "commander";
import type { CliRun } from "../common.js";

interface ServeOpts {
  port: string;
  users: string;
  seed: string;
  now?: string;
  latencyMs: string;
  faultRate: string;
  throttleRate: string;
  retryAfter: string;
}

export function registerSimulatorServe(program: Command, run: CliRun): void {
  const group =
    program.commands.find((c) => c.name() === "simulator") ??
    program.command("simulator").description("the simulated tenant");
  group
    .command("serve")
    .description("serve the simulated tenant as Microsoft Graph on 127.0.0.1 until interrupted")
    .option("--port <n>", "TCP port on 127.0.0.1 (0 = any free port)", "8931")
    .option("--users <n>", "users in the simulated tenant", "500")
    .option("--seed <s>", "generator seed", "northwind")
    .option("--now <iso>", "the simulated 'now' (default: today 00:00 UTC)")
    .option(
      "--latency-ms <n>",
      "time from each request to its answer (at least; building a large page can take longer)",
      "0",
    )
    .option("--fault-rate <f>", "share of requests that fail (5xx, dropped connection, slow)", "0")
    .option("--throttle-rate <f>", "share of requests answered 429 with Retry-After", "0")
    .option("--retry-after <s>", "Retry-After seconds sent with 429", "1")
    .action(
      run.action(async (opts: ServeOpts) => {
        const { serveSimulator } = await import("../../app/simulator-serve.js");
        const server = await serveSimulator({
          port: Number(opts.port),
          users: Number(opts.users),
          seed: opts.seed,
          ...(opts.now ? { now: opts.now } : {}),
          latencyMs: Number(opts.latencyMs),
          faultRate: Number(opts.faultRate),
          throttleRate: Number(opts.throttleRate),
          retryAfterSeconds: Number(opts.retryAfter),
        });
        run.io.stdout.write(
          `Simulated Graph for ${server.state.users.size} users (${server.state.signInCount} sign-ins) at ${server.url}\n` +
            `Connect a workspace:  glidepath connect --simulator ${server.url}\n` +
            `Test credential (loopback only): ${server.token}\n` +
            "Press Ctrl+C to stop.\n",
        );
        await new Promise<void>((resolve) => {
          const stop = () => {
            process.removeListener("SIGINT", stop);
            process.removeListener("SIGTERM", stop);
            resolve();
          };
          process.once("SIGINT", stop);
          process.once("SIGTERM", stop);
        });
        await server.close();
        run.io.stdout.write(`Stopped after ${server.log.length} requests.\n`);
        return "ok";
      }),
    );
}
