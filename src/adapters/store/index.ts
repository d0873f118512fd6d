// The workspace store: one SQLite file per workspace, behind the WorkspaceStore facade (workspace-store.ts).

export { MIGRATIONS, SCHEMA_VERSION } from "./migrations.js";
export { createPrivateFile, deleteWorkspaceFiles, WORKSPACE_FILE, workspaceExists } from "./open.js";
export type { Database } from "./schema.js";
export type { JournalEntry } from "./settings.js";
export { type IngestOptions, type IngestStats, SignInIngest } from "./sign-in-ingest.js";
export type { LoadOptions, SnapshotInfo } from "./snapshots.js";
export {
  type BulkWrite,
  type BulkWriteOptions,
  RAW_SIGN_IN_DAYS,
  WorkspaceStore,
} from "./workspace-store.js";
