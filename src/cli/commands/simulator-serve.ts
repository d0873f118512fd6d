// `glidepath simulator serve`: the simulated tenant as Microsoft Graph on 127.0.0.1 (v1.0 and beta paths
// the sync reads, plus the roll-out's writes), with optional latency, faults and throttling.
// Added to the `simulator` group the generator's module creates (or creates the group if missing).

import type { Command } from "commander";
import { fraction, isoTime, parsedOption, wholeNumber } from "../arg-parsers.js";
import type { CliRun } from "../common.js";

interface ServeOpts {
  port: number;
  users: number;
  seed: string;
  now?: string;
  latencyMs: number;
  faultRate: number;
  throttleRate: number;
  retryAfter: number;
}

export function registerSimulatorServe(program: Command, run: CliRun): void {
  const group =
    program.commands.find((c) => c.name() === "simulator") ??
    program.command("simulator").description("the simulated tenant");
  group
    .command("serve")
    .description("serve the simulated tenant as Microsoft Graph on 127.0.0.1 until interrupted")
    .addOption(
      parsedOption(
        "--port <n>",
        "TCP port on 127.0.0.1 (0 = any free port)",
        wholeNumber("port", 0, 65_535, 8931),
        "8931",
      ),
    )
    .addOption(
      parsedOption(
        "--users <n>",
        "users in the simulated tenant (50 to 200000)",
        wholeNumber("users", 50, 200_000, 500),
        "500",
      ),
    )
    .option("--seed <s>", "generator seed", "northwind")
    .addOption(
      parsedOption(
        "--now <iso>",
        "the simulated 'now' (default: today 00:00 UTC)",
        isoTime("now", "2026-11-22T00:00:00Z"),
      ),
    )
    .addOption(
      parsedOption(
        "--latency-ms <n>",
        "time from each request to its answer (at least; building a large page can take longer)",
        wholeNumber("latency-ms", 0, 60_000, 50),
        "0",
      ),
    )
    .addOption(
      parsedOption(
        "--fault-rate <f>",
        "share of requests that fail (5xx, dropped connection, slow)",
        fraction("fault-rate", "0.05"),
        "0",
      ),
    )
    .addOption(
      parsedOption(
        "--throttle-rate <f>",
        "share of requests answered 429 with Retry-After",
        fraction("throttle-rate", "0.1"),
        "0",
      ),
    )
    .addOption(
      parsedOption(
        "--retry-after <s>",
        "Retry-After seconds sent with 429",
        wholeNumber("retry-after", 0, 3600, 1),
        "1",
      ),
    )
    .action(
      run.action(async (opts: ServeOpts) => {
        const { serveSimulator } = await import("../../app/simulator-serve.js");
        const server = await serveSimulator({
          port: opts.port,
          users: opts.users,
          seed: opts.seed,
          ...(opts.now ? { now: opts.now } : {}),
          latencyMs: opts.latencyMs,
          faultRate: opts.faultRate,
          throttleRate: opts.throttleRate,
          retryAfterSeconds: opts.retryAfter,
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
