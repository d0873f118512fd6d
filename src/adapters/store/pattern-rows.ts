// Rows of `access_patterns` read back as AccessPattern values, and directly imported aggregates written.
// Shared by the snapshot load (all patterns) and the sign-in log (patterns streamed user by user).

import type BetterSqlite3 from "better-sqlite3";
import { type AccessPattern, accessPatternKey, mergePatterns } from "../../core/model/index.js";
import { boolInt } from "./sign-in-columns.js";
import type { StringTable } from "./strings.js";

/** access_patterns columns in the order patternFromRow reads them. */
export const PATTERN_COLUMNS =
  "user_id, upn, event_type, app_id, app_name, resource_id, client_app, os, browser, device_id, device_name, trust_type, is_compliant, ip, country, count, success_count, failure_count, interrupt_count, mfa_count, last_error_code, first_seen, last_seen";

/** One row of PATTERN_COLUMNS, as better-sqlite3 returns it in raw mode. */
export type PatternRow = [
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number | null,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number | null,
  string,
  string,
];

/** The pattern a row of PATTERN_COLUMNS holds, its string ids resolved. */
export function patternFromRow(r: PatternRow, str: StringTable): AccessPattern {
  return {
    userId: str.valueOf(r[0]) ?? "",
    userPrincipalName: str.valueOf(r[1]) ?? "",
    signInEventType: str.valueOf(r[2]) as AccessPattern["signInEventType"],
    appId: str.valueOf(r[3]) ?? "",
    appDisplayName: str.valueOf(r[4]),
    resourceId: str.valueOf(r[5]),
    clientAppUsed: str.valueOf(r[6]) ?? "",
    operatingSystem: str.valueOf(r[7]),
    browser: str.valueOf(r[8]),
    deviceId: str.valueOf(r[9]),
    deviceDisplayName: str.valueOf(r[10]),
    trustType: str.valueOf(r[11]),
    isCompliant: r[12] === null ? null : r[12] === 1,
    ipAddress: str.valueOf(r[13]),
    countryOrRegion: str.valueOf(r[14]),
    count: r[15],
    successCount: r[16],
    failureCount: r[17],
    interruptCount: r[18],
    mfaCount: r[19],
    lastErrorCode: r[20],
    firstSeen: r[21],
    lastSeen: r[22],
  };
}

/** Patterns with equal keys (e.g. a direct import next to derived rows) merged into one. */
export function mergeByKey(patterns: readonly AccessPattern[]): AccessPattern[] {
  const map = new Map<string, AccessPattern>();
  for (const p of patterns) {
    const k = accessPatternKey(p);
    const old = map.get(k);
    map.set(k, old ? mergePatterns(old, p) : p);
  }
  return [...map.values()];
}

/** Write aggregates imported as such (no sign-ins behind them): stored as given, merged by key. */
export function insertDirectPatterns(
  sqlite: BetterSqlite3.Database,
  str: StringTable,
  patterns: readonly AccessPattern[],
): void {
  const put = sqlite.prepare(
    `insert into access_patterns (${PATTERN_COLUMNS}, source) values (${PATTERN_COLUMNS.split(",")
      .map(() => "?")
      .join(", ")}, 'direct')`,
  );
  for (const p of mergeByKey(patterns)) {
    put.run(
      str.idOf(p.userId),
      str.idOf(p.userPrincipalName),
      str.idOf(p.signInEventType),
      str.idOf(p.appId),
      str.idOf(p.appDisplayName),
      str.idOf(p.resourceId),
      str.idOf(p.clientAppUsed),
      str.idOf(p.operatingSystem),
      str.idOf(p.browser),
      str.idOf(p.deviceId),
      str.idOf(p.deviceDisplayName),
      str.idOf(p.trustType),
      boolInt(p.isCompliant),
      str.idOf(p.ipAddress),
      str.idOf(p.countryOrRegion),
      p.count,
      p.successCount,
      p.failureCount,
      p.interruptCount,
      p.mfaCount,
      p.lastErrorCode,
      p.firstSeen,
      p.lastSeen,
    );
  }
}
