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
  seq: Generated<number>;
  id: string;
  created_at: string;
  event_type: string;
  user_id: string;
  upn: string;
  app_id: string;
  app_name: string | null;
  resource_id: string | null;
  client_app_used: string;
  os: string | null;
  browser: string | null;
  device_id: string | null;
  device_name: string | null;
  trust_type: string | null;
  is_compliant: number | null;
  ip: string | null;
  country: string | null;
  error_code: number;
  mfa: number;
  /** Full sign-in JSON for retained rows (failures, legacy protocols, recent days); null otherwise. */
  data: string | null;
}

export interface AccessPatternsTable {
  user_id: string;
  upn: string;
  event_type: string;
  app_id: string;
  app_name: string | null;
  resource_id: string | null;
  client_app_used: string;
  os: string | null;
  browser: string | null;
  device_id: string | null;
  device_name: string | null;
  trust_type: string | null;
  is_compliant: number | null;
  ip: string | null;
  country: string | null;
  count: number;
  success_count: number;
  failure_count: number;
  interrupt_count: number;
  mfa_count: number;
  last_error_code: number | null;
  first_seen: string;
  last_seen: string;
  source: Generated<string>;
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
