// Start and stop the simulated Graph on 127.0.0.1 (never another interface). Tests start it on port 0
// and close it in `after`; `glidepath simulator serve` keeps it running until interrupted.

import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { createSimulatorApp, type RequestLogEntry, type SimulatorControl, type SimulatorOptions } from "./app.js";
import { type OutboxMessage, type SimulatedTenantData, TenantState } from "./tenant-state.js";

/**
 * The loopback-only test credential the simulator accepts by default. It is not a secret: the server
 * binds 127.0.0.1 only and the real-tenant code path refuses any token with this prefix (see
 * src/adapters/graph/auth.ts).
 */
export const SIMULATOR_TOKEN_PREFIX = "glidepath-simulator.";
export const SIMULATOR_TEST_TOKEN = `${SIMULATOR_TOKEN_PREFIX}loopback-test-credential`;

export interface SimulatorServer {
  /** e.g. `http://127.0.0.1:49152` */
  readonly url: string;
  readonly port: number;
  readonly token: string;
  readonly state: TenantState;
  readonly control: SimulatorControl;
  readonly log: RequestLogEntry[];
  readonly outbox: OutboxMessage[];
  close(): Promise<void>;
}

export interface StartOptions extends Partial<SimulatorOptions> {
  readonly port?: number;
}

/** Start the simulator for `tenant` on 127.0.0.1:`port` (0 = any free port). */
export async function startSimulatorServer(
  tenant: SimulatedTenantData,
  opts: StartOptions = {},
): Promise<SimulatorServer> {
  const token = opts.token ?? SIMULATOR_TEST_TOKEN;
  if (!token.startsWith(SIMULATOR_TOKEN_PREFIX)) {
    throw new Error(`a simulator token must start with ${SIMULATOR_TOKEN_PREFIX}`);
  }
  const state = new TenantState(tenant);
  const { app, control } = createSimulatorApp(state, { ...opts, token });
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: opts.port ?? 0, hostname: "127.0.0.1" }, () => resolve(s));
    s.once("error", reject);
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    token,
    state,
    control,
    log: control.log,
    outbox: state.outbox,
    close: () =>
      new Promise<void>((resolve) => {
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
