// Use case `simulator serve`: generate the simulated tenant and serve it as Microsoft Graph on 127.0.0.1,
// so `connect --simulator` + `sync` run the real Graph client end to end.

import { generateTenant } from "../adapters/simulator/index.js";
import {
  SIMULATOR_TEST_TOKEN,
  type SimulatorServer,
  startSimulatorServer,
} from "../adapters/simulator/server/serve.js";
import { GlidepathError } from "../core/model/errors.js";

export type { SimulatorServer };

export interface ServeInput {
  readonly port?: number;
  readonly users?: number;
  readonly seed?: string;
  readonly now?: string;
  readonly days?: number;
  readonly latencyMs?: number;
  readonly faultRate?: number;
  readonly throttleRate?: number;
  readonly retryAfterSeconds?: number;
  readonly token?: string;
}

function rate(name: string, v: number | undefined): number {
  const r = v ?? 0;
  if (!Number.isFinite(r) || r < 0 || r > 0.9) {
    throw new GlidepathError(
      "simulator.rate",
      `--${name} must be a number from 0 to 0.9, got ${String(v)}`,
      `pass e.g. --${name} 0.1`,
    );
  }
  return r;
}

/** Generate the tenant and start serving it; the caller closes the server. */
export async function serveSimulator(input: ServeInput): Promise<SimulatorServer> {
  const port = input.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new GlidepathError(
      "simulator.port",
      `--port must be 0-65535, got ${String(input.port)}`,
      "pass e.g. --port 8931 (0 picks a free port)",
    );
  }
  const latencyMs = input.latencyMs ?? 0;
  if (!Number.isFinite(latencyMs) || latencyMs < 0 || latencyMs > 60_000) {
    throw new GlidepathError(
      "simulator.latency",
      `--latency-ms must be 0-60000, got ${String(input.latencyMs)}`,
      "pass e.g. --latency-ms 50",
    );
  }
  const now = input.now ?? `${new Date().toISOString().slice(0, 10)}T00:00:00Z`;
  const tenant = generateTenant({
    users: input.users ?? 500,
    seed: input.seed ?? "northwind",
    now,
    ...(input.days ? { days: input.days } : {}),
  });
  try {
    return await startSimulatorServer(tenant, {
      port,
      latencyMs,
      faultRate: rate("fault-rate", input.faultRate),
      throttleRate: rate("throttle-rate", input.throttleRate),
      retryAfterSeconds: input.retryAfterSeconds ?? 1,
      token: input.token ?? SIMULATOR_TEST_TOKEN,
      seed: input.seed ?? "northwind",
    });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EADDRINUSE") {
      throw new GlidepathError(
        "simulator.port-in-use",
        `port ${port} on 127.0.0.1 is in use`,
        "choose another --port, or 0 for any free port",
      );
    }
    throw e;
  }
}
