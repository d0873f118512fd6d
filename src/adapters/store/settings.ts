// Workspace settings (a key -> JSON value table) and the append-only journal of what changed it.

import type { StoreContext } from "./store-context.js";

/** A journal entry as read back. */
export interface JournalEntry {
  seq: number;
  at: string;
  actor: string | null;
  action: string;
  detail: unknown;
}

const UPSERT_CONFIG =
  "insert into config (key, value, updated_at) values (?, ?, ?) on conflict(key) do update set value = excluded.value, updated_at = excluded.updated_at";

/** The config and journal tables. */
export class Settings {
  constructor(private readonly ctx: StoreContext) {}

  async get<T>(key: string): Promise<T | undefined> {
    const r = await this.ctx.db.selectFrom("config").select("value").where("key", "=", key).executeTakeFirst();
    return r ? (JSON.parse(r.value) as T) : undefined;
  }

  async set(key: string, value: unknown): Promise<void> {
    const v = JSON.stringify(value);
    await this.ctx.db
      .insertInto("config")
      .values({ key, value: v, updated_at: new Date().toISOString() })
      .onConflict((oc) => oc.column("key").doUpdateSet({ value: v, updated_at: new Date().toISOString() }))
      .execute();
  }

  /**
   * Set several keys synchronously, inside the caller's open transaction (the sync records its delta
   * links in the same commit as the snapshot they belong to).
   */
  setNow(values: Readonly<Record<string, unknown>>): void {
    const put = this.ctx.sqlite.prepare(UPSERT_CONFIG);
    const at = new Date().toISOString();
    for (const [key, value] of Object.entries(values)) put.run(key, JSON.stringify(value), at);
  }

  async appendJournal(action: string, detail: unknown, actor?: string): Promise<void> {
    await this.ctx.db
      .insertInto("journal")
      .values({ at: new Date().toISOString(), actor: actor ?? null, action, detail: JSON.stringify(detail) })
      .execute();
  }

  async journal(): Promise<JournalEntry[]> {
    const rows = await this.ctx.db.selectFrom("journal").selectAll().orderBy("seq").execute();
    return rows.map((r) => ({ ...r, detail: JSON.parse(r.detail) }));
  }
}
