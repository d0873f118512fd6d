// Dictionary encoding of the sign-in log and the access patterns: every repeated string (user ids, UPNs,
// app ids, IP addresses, operating systems...) is stored once in `strings` and referenced by its integer
// id; 0 stands for null. Rows shrink about fourfold and GROUP BY compares integers instead of GUID text.
//
// INVARIANT: the caches hold only ids that exist in the database. Ids are assigned inside the caller's
// transaction, so every rollback (of the transaction or a savepoint) must call `forget()`.

import type BetterSqlite3 from "better-sqlite3";

/** Encodes one column's strings: a cache of that column's values, and the last value seen (rows repeat). */
export type ColumnEncoder = (v: string | null | undefined) => number;

export class StringTable {
  private readonly ids = new Map<string, number>();
  private values: (string | undefined)[] = [];
  private complete = false;
  private readonly columnCaches: Map<string, number>[] = [];
  private readonly encoders = new Map<string, ColumnEncoder>();
  /** Bumped by forget(): an encoder's remembered last value is valid only within one generation. */
  private generation = 0;
  private readonly find: BetterSqlite3.Statement;
  private readonly add: BetterSqlite3.Statement;
  private readonly get: BetterSqlite3.Statement;

  constructor(private readonly sqlite: BetterSqlite3.Database) {
    this.find = sqlite.prepare("select id from strings where value = ?").pluck();
    this.add = sqlite.prepare("insert into strings (value) values (?)");
    this.get = sqlite.prepare("select value from strings where id = ?").pluck();
  }

  /** The id of `v` (0 for null or undefined), adding it to the dictionary when new. */
  idOf(v: string | null | undefined): number {
    if (v === null || v === undefined) return 0;
    const known = this.ids.get(v);
    if (known !== undefined) return known;
    return this.lookup(v, this.ids);
  }

  private lookup(v: string, cache: Map<string, number>): number {
    let id = this.find.get(v) as number | undefined;
    if (id === undefined) id = Number(this.add.run(v).lastInsertRowid);
    this.remember(v, id, cache);
    return id;
  }

  /**
   * Cache `v` ↔ `id`. The cache outlives the row: it keeps a copy, not `v`, which may be a slice of a
   * caller's large text chunk (CSV cells are) and would keep that whole chunk alive.
   */
  private remember(v: string, id: number, cache: Map<string, number>): void {
    const own = ownCopy(v);
    cache.set(own, id);
    this.values[id] = own;
  }

  /**
   * The encoder of one column, for bulk ingestion: per-column caches stay small for low-cardinality
   * columns (client app, OS, country), and consecutive rows often repeat a value (one user's day).
   */
  encoder(column: string): ColumnEncoder {
    const existing = this.encoders.get(column);
    if (existing) return existing;
    const cache = new Map<string, number>();
    this.columnCaches.push(cache);
    let last: string | null = null;
    let lastId = 0;
    let lastGeneration = -1;
    const enc: ColumnEncoder = (v) => {
      if (v === null || v === undefined) return 0;
      if (v === last && lastGeneration === this.generation) return lastId;
      let id = cache.get(v);
      if (id === undefined) id = this.lookup(v, cache);
      last = v;
      lastId = id;
      lastGeneration = this.generation;
      return id;
    };
    this.encoders.set(column, enc);
    return enc;
  }

  /** The id of `v` if the dictionary holds it (never adds): for filters. */
  existingId(v: string): number | undefined {
    const known = this.ids.get(v);
    if (known !== undefined) return known;
    const id = this.find.get(v) as number | undefined;
    if (id !== undefined) this.remember(v, id, this.ids);
    return id;
  }

  /** The string of `id` (null for 0). */
  valueOf(id: number): string | null {
    if (id === 0) return null;
    const v = this.values[id];
    if (v !== undefined) return v;
    const got = this.get.get(id) as string | undefined;
    if (got === undefined) throw new Error(`workspace string ${id} is missing`);
    this.values[id] = got;
    return got;
  }

  /** Read the whole dictionary at once: cheaper than one query per id before a full scan. */
  preload(): void {
    if (this.complete) return;
    for (const [id, v] of this.sqlite.prepare("select id, value from strings").raw().iterate() as Iterable<
      [number, string]
    >) {
      this.values[id] = v;
    }
    this.complete = true;
  }

  /** Drop the caches (after a rollback some cached ids may no longer exist). */
  forget(): void {
    this.generation++;
    this.ids.clear();
    for (const c of this.columnCaches) c.clear();
    this.values = [];
    this.complete = false;
  }
}

/**
 * A copy of `s` that shares no memory with the string it was cut from. (V8 makes substrings of 13 or
 * more characters views into their parent; prefixing and slicing forces a fresh flat copy.)
 */
export function ownCopy(s: string): string {
  return s.length > 12 ? ` ${s}`.slice(1) : s;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * A sign-in id as stored: a lowercase GUID (every id Entra writes) as its 16 bytes, anything else as text.
 * The two never compare equal in SQLite, and decoding restores the exact string.
 */
export function encodeSignInId(id: string): Buffer | string {
  return id.length === 36 && GUID.test(id) ? Buffer.from(id.replace(/-/g, ""), "hex") : id;
}

export function decodeSignInId(v: Buffer | Uint8Array | string): string {
  if (typeof v === "string") return v;
  const h = Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
