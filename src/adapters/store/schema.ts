// Table types of the workspace database for Kysely's typed queries. Column meanings are documented in
// migrations.ts, where the tables are created.

import type { Generated } from "kysely";

export interface SnapshotsTable {
  id: Generated<number>;
  captured_at: string;
  source: string;
  tenant_id: string;
  tenant_name: string;
  meta_json: string;
  created_at: string;
}

export interface ObjectsTable {
  snapshot_id: number;
  collection: string;
  seq: number;
  object_id: string | null;
  data: string;
}

export interface SignInsTable {
  id: string;
  created_at: string;
  event_type: string;
  user_id: string;
  app_id: string;
  client_app_used: string;
  error_code: number;
  /** Full sign-in JSON for retained rows (failures, legacy protocols, recent days); null otherwise. */
  data: string | null;
}

export interface AccessPatternsTable {
  key: string;
  user_id: string;
  data: string;
  last_seen: string;
}

export interface ConfigTable {
  key: string;
  value: string;
  updated_at: string;
}

export interface JournalTable {
  seq: Generated<number>;
  at: string;
  actor: string | null;
  action: string;
  detail: string;
}

export interface Database {
  snapshots: SnapshotsTable;
  objects: ObjectsTable;
  sign_ins: SignInsTable;
  access_patterns: AccessPatternsTable;
  config: ConfigTable;
  journal: JournalTable;
}
