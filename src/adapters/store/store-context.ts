// What every part of the workspace store shares: the open connection, its typed query builder and the
// string dictionary. Internal to adapters/store: nothing outside the store sees these handles.

import type BetterSqlite3 from "better-sqlite3";
import type { Kysely } from "kysely";
import type { Database } from "./schema.js";
import type { StringTable } from "./strings.js";

/** The handles of one open workspace, passed to the store's parts (snapshots, sign-in log, settings). */
export interface StoreContext {
  /** The workspace folder (for messages). */
  readonly dir: string;
  readonly sqlite: BetterSqlite3.Database;
  readonly db: Kysely<Database>;
  readonly strings: StringTable;
}
