// The sign-in row, declared once: each column of `sign_ins` with how it is read from a SignIn, how it is
// stored, and whether access patterns group by it. The insert SQL, the column batches, the encoders and
// the row decoders are all derived from SIGN_IN_COLUMNS (at module load, not per row).
//
// A batch of sign-ins as columns of primitives (SignInColumns) is what the store's ingestion reads. It
// exists so the costly part of ingestion (parsing and mapping pages, serialising the raw rows to keep) can
// run on a worker thread: arrays of strings cross threads about 15 times faster than the mapped objects
// (structured clone of 1,000 mapped sign-ins: 9.6 ms; of their columns: 0.6 ms).

import { isLegacyClientApp, type SignIn } from "../../core/model/index.js";

/**
 * How a column is stored: `id` the sign-in id (16 bytes for a GUID, see strings.ts); `dict` a string
 * held once in `strings` and stored as its integer id (0 = null); `value` stored as read (text or integer).
 */
export type ColumnStorage = "id" | "dict" | "value";

/** The columns of `sign_ins` (besides `seq`), in insert order. */
export const SIGN_IN_COLUMNS = [
  { field: "id", sql: "id", storage: "id", read: (s: SignIn): string => s.id },
  { field: "createdDateTime", sql: "created_at", storage: "value", read: (s: SignIn): string => s.createdDateTime },
  {
    field: "eventType",
    sql: "event_type",
    storage: "dict",
    patternKey: 2,
    read: (s: SignIn): string => s.signInEventType,
  },
  { field: "userId", sql: "user_id", storage: "dict", patternKey: 1, read: (s: SignIn): string => s.userId },
  { field: "upn", sql: "upn", storage: "dict", describes: true, read: (s: SignIn): string => s.userPrincipalName },
  { field: "appId", sql: "app_id", storage: "dict", patternKey: 3, read: (s: SignIn): string => s.appId },
  {
    field: "appName",
    sql: "app_name",
    storage: "dict",
    describes: true,
    read: (s: SignIn): string | null => s.appDisplayName ?? null,
  },
  {
    field: "resourceId",
    sql: "resource_id",
    storage: "dict",
    patternKey: 4,
    read: (s: SignIn): string | null => s.resourceId ?? null,
  },
  {
    field: "clientApp",
    sql: "client_app",
    storage: "dict",
    patternKey: 5,
    read: (s: SignIn): string => s.clientAppUsed,
  },
  {
    field: "os",
    sql: "os",
    storage: "dict",
    patternKey: 6,
    read: (s: SignIn): string | null => s.deviceDetail?.operatingSystem ?? null,
  },
  {
    field: "browser",
    sql: "browser",
    storage: "dict",
    patternKey: 7,
    read: (s: SignIn): string | null => s.deviceDetail?.browser ?? null,
  },
  {
    field: "deviceId",
    sql: "device_id",
    storage: "dict",
    patternKey: 8,
    read: (s: SignIn): string | null => s.deviceDetail?.deviceId ?? null,
  },
  {
    field: "deviceName",
    sql: "device_name",
    storage: "dict",
    describes: true,
    read: (s: SignIn): string | null => s.deviceDetail?.displayName ?? null,
  },
  {
    field: "trustType",
    sql: "trust_type",
    storage: "dict",
    patternKey: 9,
    read: (s: SignIn): string | null => s.deviceDetail?.trustType ?? null,
  },
  {
    /** 1, 0 or null. */
    field: "isCompliant",
    sql: "is_compliant",
    storage: "value",
    patternKey: 10,
    read: (s: SignIn): number | null => boolInt(s.deviceDetail?.isCompliant),
  },
  { field: "ip", sql: "ip", storage: "dict", patternKey: 11, read: (s: SignIn): string | null => s.ipAddress ?? null },
  {
    field: "country",
    sql: "country",
    storage: "dict",
    patternKey: 12,
    read: (s: SignIn): string | null => s.location?.countryOrRegion ?? null,
  },
  { field: "errorCode", sql: "error_code", storage: "value", read: (s: SignIn): number => s.status.errorCode },
  {
    /** 1 when authenticationRequirement = multiFactorAuthentication. */
    field: "mfa",
    sql: "mfa",
    storage: "value",
    read: (s: SignIn): number => (s.authenticationRequirement === "multiFactorAuthentication" ? 1 : 0),
  },
] as const satisfies readonly {
  readonly field: string;
  readonly sql: string;
  readonly storage: ColumnStorage;
  /**
   * Access patterns group by this column, at this position (the order of the GROUP BY, and so of the
   * derived rows: user first).
   */
  readonly patternKey?: number;
  /** A descriptive column an access pattern keeps (one value per pattern). */
  readonly describes?: true;
  readonly read: (s: SignIn) => string | number | null;
}[];

type Column = (typeof SIGN_IN_COLUMNS)[number];
/** The name of a sign-in column in a batch. */
export type SignInField = Column["field"];

/** A batch of sign-ins as columns of primitives, one array per SIGN_IN_COLUMNS entry. */
export type SignInColumns = { length: number } & {
  readonly [C in Column as C["field"]]: ReturnType<C["read"]>[];
} & {
  /** The JSON the workspace keeps for this row (failures, legacy protocols, recent days), else null. */
  readonly raw: (string | null)[];
};

/** Position of each column in SIGN_IN_COLUMNS (and so in the insert and in decoded rows). */
export const SIGN_IN_COLUMN_INDEX = Object.fromEntries(SIGN_IN_COLUMNS.map((c, i) => [c.field, i])) as Record<
  SignInField,
  number
>;

/** SQL names of the pattern-key columns, in grouping order. */
export const PATTERN_KEY_SQL: readonly string[] = SIGN_IN_COLUMNS.flatMap((c) =>
  "patternKey" in c ? [{ sql: c.sql, at: c.patternKey }] : [],
)
  .sort((a, b) => a.at - b.at)
  .map((c) => c.sql);
/** SQL names of the descriptive columns a pattern keeps. */
export const PATTERN_DESCRIBES_SQL: readonly string[] = SIGN_IN_COLUMNS.filter((c) => "describes" in c).map(
  (c) => c.sql,
);

/** `insert or ignore` of one sign_ins row, parameters in SIGN_IN_COLUMNS order (a duplicate id is ignored). */
export const INSERT_SIGN_IN_SQL = `insert or ignore into sign_ins (${SIGN_IN_COLUMNS.map((c) => c.sql).join(", ")})
  values (${SIGN_IN_COLUMNS.map(() => "?").join(", ")})`;

/** The sign_ins columns (alias `s`) in SIGN_IN_COLUMNS order, then the retained JSON (alias `r`). */
export const SELECT_SIGN_IN_SQL = `${SIGN_IN_COLUMNS.map((c) => `s.${c.sql}`).join(", ")}, r.data`;

/** A nullable boolean as stored: 1, 0 or null. */
export const boolInt = (b: boolean | null | undefined): number | null =>
  b === null || b === undefined ? null : b ? 1 : 0;

/** JSON without null members: raw sign-ins are kept for months, and most optional fields are null. */
export function compactJson(v: unknown): string {
  return JSON.stringify(v, (_k, x) => (x === null ? undefined : x));
}

/**
 * Whether the workspace keeps the raw JSON of `s`: failures and legacy protocols always, successful
 * modern sign-ins from `keepRawSince` on (undefined = keep every row).
 */
export function keepsRaw(s: SignIn, keepRawSince: string | undefined): boolean {
  return (
    keepRawSince === undefined ||
    s.status.errorCode !== 0 ||
    isLegacyClientApp(s.clientAppUsed) ||
    s.createdDateTime >= keepRawSince
  );
}

/** An empty batch. */
export function emptySignInColumns(): SignInColumns {
  const c: Record<string, unknown> = { length: 0, raw: [] };
  for (const col of SIGN_IN_COLUMNS) c[col.field] = [];
  return c as SignInColumns;
}

/** The column arrays of a batch in SIGN_IN_COLUMNS order (for loops by position). */
export function columnArrays(c: SignInColumns): readonly (readonly (string | number | null)[])[] {
  return SIGN_IN_COLUMNS.map((col) => c[col.field]);
}

/** Each column's reader, in SIGN_IN_COLUMNS order. */
export const SIGN_IN_READERS: readonly ((s: SignIn) => string | number | null)[] = SIGN_IN_COLUMNS.map((c) => c.read);
const FIELDS: readonly SignInField[] = SIGN_IN_COLUMNS.map((c) => c.field);

/** Append `s` to `c` (the raw JSON only when the keep rule says so). */
export function pushSignIn(c: SignInColumns, s: SignIn, keepRawSince: string | undefined): void {
  const arrays = c as unknown as Record<SignInField, (string | number | null)[]>;
  for (let j = 0; j < SIGN_IN_READERS.length; j++) {
    (arrays[FIELDS[j] as SignInField] as (string | number | null)[]).push((SIGN_IN_READERS[j] as Column["read"])(s));
  }
  c.raw.push(keepsRaw(s, keepRawSince) ? compactJson(s) : null);
  c.length++;
}
