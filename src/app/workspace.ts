// Use-case helpers for opening a workspace: the one place commands get a store and a snapshot from.
// Use cases see the workspace through its ports (workspace-port.ts); only the bulk writers that hand it
// to an adapter (import, sync) open the store itself.

import { deleteSyncStaging } from "../adapters/graph/staging.js";
import { deleteWorkspaceFiles, type LoadOptions, WorkspaceStore, workspaceExists } from "../adapters/store/index.js";
import { GlidepathError, type TenantSnapshot } from "../core/model/index.js";
import type { WorkspaceWriter } from "./workspace-port.js";

export interface WorkspaceHandle {
  readonly dir: string;
  readonly store: WorkspaceWriter;
  /** The latest snapshot (or snapshot `id`), with access patterns and retained sign-ins. */
  loadSnapshot(opts?: LoadOptions & { id?: number }): Promise<TenantSnapshot>;
  close(): Promise<void>;
}

function handle(dir: string, store: WorkspaceStore): WorkspaceHandle {
  return {
    dir,
    store,
    loadSnapshot: (opts = {}) => store.loadSnapshot(opts.id, opts),
    close: () => store.close(),
  };
}

/**
 * Open a workspace that must exist. Read commands get a read-only connection (a read-only folder or file
 * is no error for them, and they cannot write by mistake); `write` opens it writable (classify).
 */
export async function openExistingWorkspace(dir: string, opts: { write?: boolean } = {}): Promise<WorkspaceHandle> {
  return handle(dir, WorkspaceStore.open(dir, { readonly: opts.write !== true }));
}

/**
 * Open the store itself, creating the workspace when missing: for the use cases that hand it to an
 * adapter writing it in bulk (import, sync), which own its transaction and pragmas.
 */
export function openWorkspaceStore(dir: string): WorkspaceStore {
  return WorkspaceStore.open(dir, { create: true });
}

/** Open a workspace, creating it when missing (commands that fill it). */
export async function openOrCreateWorkspace(dir: string): Promise<WorkspaceHandle> {
  return handle(dir, WorkspaceStore.open(dir, { create: true }));
}

/**
 * Start a workspace afresh for the simulated tenant. Refuses to replace a workspace that holds a real
 * tenant (from sync or import) unless `force`, so a demo can never wipe an admin's data.
 */
export async function recreateSimulatorWorkspace(dir: string, force = false): Promise<WorkspaceHandle> {
  if (workspaceExists(dir)) {
    const existing = WorkspaceStore.open(dir, { readonly: true });
    const snaps = await existing.listSnapshots();
    await existing.close();
    const real = snaps.filter((s) => s.source !== "simulator");
    if (real.length > 0 && !force) {
      throw new GlidepathError(
        "workspace.holds-tenant",
        `the workspace at ${dir} holds data of tenant "${real[0]?.tenantName}" (${real[0]?.source}); the demo would replace it`,
        "use another --workspace for the demo, or add --force to replace it",
        "refused",
      );
    }
    // The workspace file and the sync's disposable checkpoint file (stale pages must not be resumed).
    deleteWorkspaceFiles(dir);
    deleteSyncStaging(dir);
  }
  return openOrCreateWorkspace(dir);
}
