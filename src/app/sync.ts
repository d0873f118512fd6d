// Use case `sync`: read the workspace's connection, build the credential and Graph client, and run the
// sync engine, which writes one new snapshot atomically (or resumes an interrupted sync).

import { type ConnectionRecord, tokenSourceFor } from "../adapters/graph/auth.js";
import {
  type AttemptRecord,
  GraphClient,
  type GraphClientOptions,
  type RetryPolicy,
} from "../adapters/graph/client.js";
import { readPermissions, SYNC_COLLECTIONS, type SyncCollection } from "../adapters/graph/collections.js";
import { runGraphSync, type SyncProgressEvent, type SyncResult } from "../adapters/graph/sync-engine.js";
import { GlidepathError } from "../core/model/errors.js";
import { CONNECTION_CONFIG } from "./connect.js";
import { openWorkspaceStore } from "./workspace.js";

export type { SyncProgressEvent, SyncResult };
export { SYNC_COLLECTIONS };

export interface SyncInput {
  readonly days?: number;
  readonly only?: readonly string[];
  readonly concurrency?: number;
  readonly signal?: AbortSignal;
  /** End of the window (tests pin it to the generator's `now`). */
  readonly now?: Date;
  readonly onProgress?: (e: SyncProgressEvent) => void;
  readonly onAttempt?: (a: AttemptRecord) => void;
  readonly retry?: Partial<RetryPolicy>;
  /** Waits between Graph attempts (tests record them instead of spending them). */
  readonly sleep?: GraphClientOptions["sleep"];
  readonly env?: NodeJS.ProcessEnv;
  readonly prompt?: (message: string) => void;
}

export function parseOnly(only: readonly string[] | undefined): SyncCollection[] {
  if (!only || only.length === 0) return [...SYNC_COLLECTIONS];
  const out: SyncCollection[] = [];
  for (const raw of only.flatMap((s) => s.split(","))) {
    const c = raw.trim();
    if (!c) continue;
    if (!(SYNC_COLLECTIONS as readonly string[]).includes(c)) {
      throw new GlidepathError(
        "sync.only",
        `--only: unknown collection '${c}'`,
        `choose from ${SYNC_COLLECTIONS.join(", ")}`,
      );
    }
    out.push(c as SyncCollection);
  }
  // The tenant's identity is always read: the snapshot needs it.
  if (!out.includes("organization")) out.push("organization");
  return out;
}

function connectionKey(rec: ConnectionRecord): string {
  return rec.kind === "simulator"
    ? `simulator:${rec.baseUrl}`
    : `graph:${rec.tenantId}:${rec.clientId ?? ""}:${rec.auth}`;
}

/** Sync the connected tenant into the workspace in `dir`. */
export async function syncWorkspace(dir: string, input: SyncInput = {}): Promise<SyncResult> {
  const days = input.days ?? 30;
  if (!Number.isInteger(days) || days < 1 || days > 30) {
    throw new GlidepathError(
      "sync.days",
      `--days must be a whole number from 1 to 30, got ${String(input.days)}`,
      "Graph keeps sign-ins for 30 days (Entra ID P1/P2); pass e.g. --days 30",
    );
  }
  const collections = parseOnly(input.only);
  const store = openWorkspaceStore(dir);
  try {
    const rec = await store.getConfig<ConnectionRecord>(CONNECTION_CONFIG);
    if (!rec) {
      throw new GlidepathError(
        "sync.not-connected",
        `the workspace at ${dir} is not connected to a tenant`,
        "run 'glidepath connect --tenant T --client-id C --auth MODE' (or 'glidepath connect --simulator URL') first",
      );
    }
    const tokenSource = await tokenSourceFor(rec, {
      ...(input.env ? { env: input.env } : {}),
      ...(input.prompt ? { prompt: input.prompt } : {}),
      delegatedScopes: readPermissions(collections).map((p) => p.permission),
    });
    return await runGraphSync(
      store,
      (signal) =>
        new GraphClient({
          tokenSource,
          ...(rec.kind === "simulator" ? { simulatorBaseUrl: rec.baseUrl } : {}),
          signal,
          ...(input.retry ? { retry: input.retry } : {}),
          ...(input.onAttempt ? { onAttempt: input.onAttempt } : {}),
          ...(input.sleep ? { sleep: input.sleep } : {}),
        }),
      {
        collections,
        days,
        ...(input.now ? { now: input.now } : {}),
        ...(input.concurrency ? { concurrency: input.concurrency } : {}),
        ...(input.signal ? { signal: input.signal } : {}),
        ...(input.onProgress ? { onProgress: input.onProgress } : {}),
        source: rec.kind === "simulator" ? "simulator" : "graph",
        connectionKey: connectionKey(rec),
      },
    );
  } finally {
    await store.close();
  }
}
