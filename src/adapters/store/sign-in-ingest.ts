// Bulk ingestion of the sign-in log: rows go in through one prepared insert built from SIGN_IN_COLUMNS,
// and the access patterns of every user touched are re-derived in SQL at `flush`. This is the hot path of
// import, sync and demo (millions of rows): no per-row query building, closures or objects.

import type BetterSqlite3 from "better-sqlite3";
import { INTERRUPT_CODES, type SignIn } from "../../core/model/index.js";
import {
  columnArrays,
  compactJson,
  INSERT_SIGN_IN_SQL,
  keepsRaw,
  PATTERN_DESCRIBES_SQL,
  PATTERN_KEY_SQL,
  SIGN_IN_COLUMN_INDEX,
  SIGN_IN_COLUMNS,
  SIGN_IN_READERS,
  type SignInColumns,
} from "./sign-in-columns.js";
import { type ColumnEncoder, encodeSignInId, type StringTable } from "./strings.js";

export interface IngestOptions {
  /**
   * Keep the full JSON of successful modern sign-ins at or after this time (monitoring needs recent
   * raw rows). Failures and legacy-protocol sign-ins are always kept. Undefined = keep every row.
   */
  readonly keepRawSince?: string;
}

export interface IngestStats {
  inserted: number;
  duplicates: number;
}

const KEY = PATTERN_KEY_SQL.join(", ");
const DESCRIBES = PATTERN_DESCRIBES_SQL.join(", ");
const DESCRIBES_MAX = PATTERN_DESCRIBES_SQL.map((c) => `max(${c}) as ${c}`).join(", ");

/**
 * Re-derive the access patterns of the users in temp table `touched` from every sign-in they have.
 * INVARIANT: for source 'signins', access_patterns = GROUP BY the pattern-key columns over sign_ins.
 * Of the descriptive columns (UPN, app and device names) a pattern keeps the highest string id, i.e.
 * the most recently first-seen value when they differ within a pattern (they rarely do).
 */
const RECOMPUTE_PATTERNS = `
  insert into access_patterns (${KEY}, ${DESCRIBES}, count, success_count,
    failure_count, interrupt_count, mfa_count, last_error_code, first_seen, last_seen)
  select ${KEY}, ${DESCRIBES}, n, ok, failed, interrupted, mfa,
    cast(substr(last_error, instr(last_error, '|') + 1) as integer), first_seen, last_seen
  from (
    select ${KEY}, ${DESCRIBES_MAX},
      count(*) as n,
      sum(error_code = 0) as ok,
      sum(error_code <> 0 and error_code not in (${INTERRUPT_CODES.join(", ")})) as failed,
      sum(error_code in (${INTERRUPT_CODES.join(", ")})) as interrupted,
      sum(error_code = 0 and mfa = 1) as mfa,
      max(case when error_code <> 0 then created_at || '|' || error_code end) as last_error,
      min(created_at) as first_seen, max(created_at) as last_seen
    from sign_ins where user_id in (select user_id from temp.touched)
    group by ${KEY}
  )`;

const COLUMN_COUNT = SIGN_IN_COLUMNS.length;
const ID = SIGN_IN_COLUMN_INDEX.id;
const USER = SIGN_IN_COLUMN_INDEX.userId;

/**
 * Accumulates sign-ins inside an open transaction; `flush` re-derives the access patterns of every user
 * it touched. Memory holds only the touched user ids and the string dictionary's cache.
 */
export class SignInIngest {
  private readonly insert: BetterSqlite3.Statement;
  private readonly insertRaw: BetterSqlite3.Statement;
  private readonly touch: BetterSqlite3.Statement;
  private readonly touched = new Set<number>();
  /** Per column (SIGN_IN_COLUMNS order): the dictionary encoder, or null when stored as read. */
  private readonly encoders: (ColumnEncoder | null)[];
  /** The parameters of the insert, reused row after row. */
  private readonly row: (string | number | Buffer | null)[] = new Array(COLUMN_COUNT).fill(null);
  private keepRawSince: string | undefined;
  readonly stats: IngestStats = { inserted: 0, duplicates: 0 };

  constructor(
    private readonly sqlite: BetterSqlite3.Database,
    strings: StringTable,
    opts: IngestOptions = {},
  ) {
    sqlite.exec("create temp table if not exists touched (user_id integer primary key)");
    this.touch = sqlite.prepare("insert or ignore into temp.touched (user_id) values (?)");
    this.insert = sqlite.prepare(INSERT_SIGN_IN_SQL);
    this.insertRaw = sqlite.prepare("insert into sign_in_raw (seq, data) values (?, ?)");
    this.encoders = SIGN_IN_COLUMNS.map((c) => (c.storage === "dict" ? strings.encoder(c.sql) : null));
    this.keepRawSince = opts.keepRawSince;
  }

  /**
   * Keep the raw JSON of successful modern sign-ins from `since` on, for the rows added from now (an
   * import learns the newest sign-in time as it reads).
   */
  keepRawFrom(since: string | undefined): void {
    this.keepRawSince = since;
  }

  /**
   * Add one sign-in; a sign-in id seen before (in this or an earlier ingestion) is counted as duplicate.
   * `raw: "never"` stores the indexed columns only (a row exported from the index, whose raw JSON the
   * workspace it came from did not keep either).
   */
  add(s: SignIn, raw: "by-rule" | "never" = "by-rule"): boolean {
    const row = this.row;
    const enc = this.encoders;
    for (let j = 0; j < COLUMN_COUNT; j++) {
      const v = (SIGN_IN_READERS[j] as (s: SignIn) => string | number | null)(s);
      const e = enc[j];
      row[j] = e ? e(v as string | null) : v;
    }
    const seq = this.store();
    if (seq === null) return false;
    if (raw === "by-rule" && keepsRaw(s, this.keepRawSince)) this.insertRaw.run(seq, compactJson(s));
    return true;
  }

  /**
   * Add rows `from` to `to` (exclusive) of a column batch; the batch carries the raw JSON to keep, decided
   * when it was built. Returns how many were new.
   */
  addColumns(c: SignInColumns, from = 0, to = c.length): number {
    const cols = columnArrays(c);
    const row = this.row;
    const enc = this.encoders;
    let added = 0;
    for (let i = from; i < to; i++) {
      for (let j = 0; j < COLUMN_COUNT; j++) {
        const v = (cols[j] as (string | number | null)[])[i] as string | number | null;
        const e = enc[j];
        row[j] = e ? e(v as string | null) : v;
      }
      const seq = this.store();
      if (seq === null) continue;
      added++;
      const data = c.raw[i] ?? null;
      if (data !== null) this.insertRaw.run(seq, data);
    }
    return added;
  }

  /** Insert `this.row` (values read and encoded); returns the new row's seq, or null for a duplicate id. */
  private store(): number | bigint | null {
    const row = this.row;
    row[ID] = encodeSignInId(row[ID] as string);
    const r = this.insert.run(row);
    if (r.changes === 0) {
      this.stats.duplicates++;
      return null;
    }
    this.stats.inserted++;
    const user = row[USER] as number;
    if (!this.touched.has(user)) {
      this.touched.add(user);
      this.touch.run(user);
    }
    return r.lastInsertRowid;
  }

  /** Re-derive the touched users' access patterns. Call inside the same transaction, before commit. */
  flush(): void {
    if (this.touched.size > 0) {
      this.sqlite.exec(
        "delete from access_patterns where source = 'signins' and user_id in (select user_id from temp.touched)",
      );
      this.sqlite.exec(RECOMPUTE_PATTERNS);
    }
    this.sqlite.exec("delete from temp.touched");
    this.touched.clear();
  }
}
