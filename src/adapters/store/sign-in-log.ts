// The workspace-wide sign-in log and its access patterns, read back: totals, the retained raw JSON,
// patterns and sign-ins streamed with filters, and the few in-place edits an import makes (pruning raw
// rows, attaching authentication details, replacing direct aggregates).

import { type AccessPattern, isLegacyClientApp, type SignIn } from "../../core/model/index.js";
import { mergeByKey, PATTERN_COLUMNS, type PatternRow, patternFromRow } from "./pattern-rows.js";
import { SIGN_IN_COLUMN_INDEX as AT, compactJson, SELECT_SIGN_IN_SQL, SIGN_IN_COLUMNS } from "./sign-in-columns.js";
import type { StoreContext } from "./store-context.js";
import { decodeSignInId, encodeSignInId, type StringTable } from "./strings.js";

/** A row of SELECT_SIGN_IN_SQL: the sign_ins columns in SIGN_IN_COLUMNS order, then the retained JSON. */
type SignInRow = (Buffer | string | number | null)[];
const RAW_DATA = SIGN_IN_COLUMNS.length;

/** A sign-in rebuilt from its indexed columns (everything an access pattern groups by). */
function signInFromRow(r: SignInRow, str: StringTable): SignIn {
  const v = (at: number) => str.valueOf(r[at] as number) ?? undefined;
  const compliant = r[AT.isCompliant] as number | null;
  const device = {
    deviceId: v(AT.deviceId),
    displayName: v(AT.deviceName),
    operatingSystem: v(AT.os),
    browser: v(AT.browser),
    trustType: v(AT.trustType),
    isCompliant: compliant === null ? undefined : compliant === 1,
  };
  const country = v(AT.country);
  return {
    id: decodeSignInId(r[AT.id] as Buffer | string),
    createdDateTime: r[AT.createdDateTime] as string,
    signInEventType: v(AT.eventType) as SignIn["signInEventType"],
    userId: v(AT.userId) ?? "",
    userPrincipalName: v(AT.upn) ?? "",
    appId: v(AT.appId) ?? "",
    appDisplayName: v(AT.appName),
    resourceId: v(AT.resourceId),
    clientAppUsed: v(AT.clientApp) ?? "",
    ipAddress: v(AT.ip),
    location: country ? { countryOrRegion: country } : undefined,
    deviceDetail: Object.values(device).some((x) => x !== undefined) ? device : undefined,
    status: { errorCode: r[AT.errorCode] as number },
    authenticationRequirement: r[AT.mfa] === 1 ? "multiFactorAuthentication" : undefined,
  };
}

/** Reads (and the import's few edits) of sign_ins, sign_in_raw and access_patterns. */
export class SignInLog {
  constructor(private readonly ctx: StoreContext) {}

  /** Sign-in totals for the whole workspace (or since an ISO time). */
  async stats(since?: string): Promise<{ count: number; from: string | null; to: string | null }> {
    let q = this.ctx.db
      .selectFrom("sign_ins")
      .select((eb) => [
        eb.fn.countAll<number>().as("n"),
        eb.fn.min("created_at").as("from"),
        eb.fn.max("created_at").as("to"),
      ]);
    if (since) q = q.where("created_at", ">=", since);
    const r = await q.executeTakeFirstOrThrow();
    return { count: Number(r.n), from: r.from ?? null, to: r.to ?? null };
  }

  /** The retained raw sign-ins (since an ISO time), oldest first. */
  retained(since?: string): SignIn[] {
    const raw = this.ctx.sqlite
      .prepare(
        `select r.data from sign_in_raw r join sign_ins s on s.seq = r.seq${since ? " where s.created_at >= ?" : ""}
           order by s.created_at, s.id`,
      )
      .pluck()
      .all(...(since ? [since] : [])) as string[];
    return raw.map((d) => JSON.parse(d) as SignIn);
  }

  /** String ids of `values` that the workspace holds (unknown values cannot match any row). */
  private knownIds(values: readonly string[]): number[] {
    const out: number[] = [];
    for (const v of values) {
      const id = this.ctx.strings.existingId(v);
      if (id !== undefined) out.push(id);
    }
    return out;
  }

  /**
   * Ids of the strings that are modern (non-legacy) client apps: '' and the two modern values in any
   * case. A handful, so SQL can test `client_app in (...)` for the same rule as isLegacyClientApp.
   */
  private modernClientAppIds(): number[] {
    const rows = this.ctx.sqlite
      .prepare("select id, value from strings where length(trim(value)) <= 40")
      .raw()
      .all() as [number, string][];
    return rows.filter(([, v]) => !isLegacyClientApp(v)).map(([id]) => id);
  }

  /**
   * Stream the access patterns user by user (grouped by user, equal keys merged), so replay over a
   * 100,000-user tenant never holds every pattern at once. `since` keeps patterns seen at or after it.
   */
  *patterns(
    opts: { since?: string; userIds?: readonly string[]; source?: "signins" | "direct" } = {},
  ): Generator<AccessPattern> {
    const { sqlite, strings } = this.ctx;
    if (opts.userIds && opts.userIds.length === 0) return;
    const where: string[] = [];
    const params: unknown[] = [];
    if (opts.source) {
      where.push("source = ?");
      params.push(opts.source);
    }
    if (opts.userIds) {
      const ids = this.knownIds(opts.userIds);
      if (ids.length === 0) return;
      where.push(`user_id in (${ids.join(", ")})`);
    } else {
      strings.preload();
    }
    if (opts.since) {
      where.push("last_seen >= ?");
      params.push(opts.since);
    }
    const sql = `select ${PATTERN_COLUMNS} from access_patterns${where.length ? ` where ${where.join(" and ")}` : ""} order by user_id`;
    const rows = sqlite
      .prepare(sql)
      .raw()
      .iterate(...params) as Iterable<PatternRow>;
    // Equal keys exist only beside directly imported aggregates: without those, no merging is needed.
    if (opts.source || !sqlite.prepare("select 1 from access_patterns where source = 'direct' limit 1").get()) {
      for (const row of rows) yield patternFromRow(row, strings);
      return;
    }
    let user: number | null = null;
    let batch: AccessPattern[] = [];
    for (const row of rows) {
      if (row[0] !== user) {
        yield* mergeByKey(batch);
        batch = [];
        user = row[0];
      }
      batch.push(patternFromRow(row, strings));
    }
    yield* mergeByKey(batch);
  }

  /**
   * Every sign-in of the workspace log, oldest first: the retained raw JSON where kept (`raw: true`),
   * otherwise rebuilt from the indexed columns (everything an access pattern groups by).
   */
  *signIns(
    filter: { readonly userIds?: readonly string[]; readonly legacySuccesses?: boolean } = {},
  ): Generator<{ signIn: SignIn; raw: boolean }> {
    const { sqlite, strings } = this.ctx;
    // With a filter, a row is returned when it matches either part: one of the users, or a successful
    // legacy-protocol sign-in (isLegacyClientApp's rule, through the ids of the modern client apps).
    const parts: string[] = [];
    if (filter.legacySuccesses) {
      parts.push(`(s.error_code = 0 and s.client_app not in (${[0, ...this.modernClientAppIds()].join(", ")}))`);
    }
    if (filter.userIds && filter.userIds.length > 0) {
      const ids = this.knownIds(filter.userIds);
      if (ids.length > 0) parts.push(`s.user_id in (${ids.join(", ")})`);
    }
    const filtered = filter.legacySuccesses !== undefined || filter.userIds !== undefined;
    if (filtered && parts.length === 0) return;
    if (!filtered) strings.preload();
    const rows = sqlite
      .prepare(
        `select ${SELECT_SIGN_IN_SQL} from sign_ins s left join sign_in_raw r on r.seq = s.seq
         ${parts.length > 0 ? ` where ${parts.join(" or ")}` : ""} order by s.created_at, s.id`,
      )
      .raw()
      .iterate() as IterableIterator<SignInRow>;
    for (const r of rows) {
      const data = r[RAW_DATA] as string | null;
      if (data) yield { signIn: JSON.parse(data) as SignIn, raw: true };
      else yield { signIn: signInFromRow(r, strings), raw: false };
    }
  }

  /** The newest sign-in time in the workspace log, or null when it is empty. */
  newestTime(): string | null {
    return (this.ctx.sqlite.prepare("select max(created_at) from sign_ins").pluck().get() as string | null) ?? null;
  }

  /** Number of access pattern rows (derived and direct). */
  patternCount(): number {
    return this.ctx.sqlite.prepare("select count(*) from access_patterns").pluck().get() as number;
  }

  /**
   * Drop the raw JSON of successful modern-protocol sign-ins in [from, before): rows kept before the
   * newest time of an import was known. Returns how many were dropped.
   */
  pruneRaw(from: string, before: string): number {
    return this.ctx.sqlite
      .prepare(
        `delete from sign_in_raw where seq in (select seq from sign_ins where error_code = 0 and created_at >= ?
          and created_at < ? and client_app in (${[-1, ...this.modernClientAppIds()].join(", ")}))`,
      )
      .run(from, before).changes;
  }

  /**
   * Rewrite the retained raw JSON of sign-in `id` with `update` (which returns null to leave it).
   * Returns false when the workspace has no raw row for that id.
   */
  updateRetained(id: string, update: (s: SignIn) => SignIn | null): boolean {
    const { sqlite } = this.ctx;
    const row = sqlite
      .prepare("select r.seq, r.data from sign_in_raw r join sign_ins s on s.seq = r.seq where s.id = ?")
      .raw()
      .get(encodeSignInId(id)) as [number, string] | undefined;
    if (!row) return false;
    const next = update(JSON.parse(row[1]) as SignIn);
    if (next) sqlite.prepare("update sign_in_raw set data = ? where seq = ?").run(compactJson(next), row[0]);
    return true;
  }

  /** Remove the directly imported aggregates of these users (a re-import replaces them). */
  deleteDirectPatterns(userIds: Iterable<string>): void {
    const del = this.ctx.sqlite.prepare("delete from access_patterns where source = 'direct' and user_id = ?");
    for (const u of userIds) {
      const id = this.ctx.strings.existingId(u);
      if (id !== undefined) del.run(id);
    }
  }
}
