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

export interface StringsTable {
  id: Generated<number>;
  value: string;
}

/** String columns hold ids into `strings` (0 = null); see migrations.ts, schema 2. */
export interface SignInsTable {
  seq: Generated<number>;
  id: Buffer | string;
  created_at: string;
  event_type: number;
  user_id: number;
  upn: number;
  app_id: number;
  app_name: number;
  resource_id: number;
  client_app: number;
  os: number;
  browser: number;
  device_id: number;
  device_name: number;
  trust_type: number;
  is_compliant: number | null;
  ip: number;
  country: number;
  error_code: number;
  mfa: number;
}

/** Full sign-in JSON of retained rows (failures, legacy protocols, recent days), by sign_ins.seq. */
export interface SignInRawTable {
  seq: number;
  data: string;
}

export interface AccessPatternsTable {
  user_id: number;
  event_type: number;
  app_id: number;
  resource_id: number;
  client_app: number;
  os: number;
  browser: number;
  device_id: number;
  trust_type: number;
  is_compliant: number | null;
  ip: number;
  country: number;
  upn: number;
  app_name: number;
  device_name: number;
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
  strings: StringsTable;
  sign_ins: SignInsTable;
  sign_in_raw: SignInRawTable;
  access_patterns: AccessPatternsTable;
  config: ConfigTable;
  journal: JournalTable;
}
