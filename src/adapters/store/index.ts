// The workspace store: one SQLite file per workspace. See workspace-store.ts.

export { MIGRATIONS, SCHEMA_VERSION } from "./migrations.js";
export type { Database } from "./schema.js";
export {
  type IngestOptions,
  type IngestStats,
  type LoadOptions,
  RAW_SIGN_IN_DAYS,
  SignInIngest,
  type SnapshotInfo,
  WORKSPACE_FILE,
  WorkspaceStore,
} from "./workspace-store.js";
