// Per-user sign-in activity folded from the access patterns in one pass: what the classifiers and the
// emergency-account checks need (last success, mobile use, legacy-only, interactive or not).
// Hot path (millions of patterns at 100,000 users): per-string answers are memoised, no per-user sets.

import type { AccessPattern } from "../model/sign-in.js";
import { isLegacyClientApp } from "../model/sign-in-codes.js";

export interface UserActivity {
  count: number;
  successCount: number;
  interactiveCount: number;
  nonInteractiveCount: number;
  legacyCount: number;
  /** Sign-ins from iOS or Android. */
  mobileCount: number;
  lastSuccess: string | null;
  lastSeen: string | null;
  /** The first IP address seen, and whether any other was seen. */
  ip: string | null;
  manyIps: boolean;
}

const MOBILE = /^(ios|ipados|android)/i;

/** Memoised `isLegacyClientApp`: a handful of distinct values across millions of patterns. */
export function legacyTester(): (clientAppUsed: string) => boolean {
  const memo = new Map<string, boolean>();
  return (c) => {
    let v = memo.get(c);
    if (v === undefined) memo.set(c, (v = isLegacyClientApp(c)));
    return v;
  };
}

function fresh(): UserActivity {
  return {
    count: 0,
    successCount: 0,
    interactiveCount: 0,
    nonInteractiveCount: 0,
    legacyCount: 0,
    mobileCount: 0,
    lastSuccess: null,
    lastSeen: null,
    ip: null,
    manyIps: false,
  };
}

/**
 * An incremental fold: `add` one pattern at a time (a workspace streams them user by user), `result` is
 * the map. `foldActivity` is the same over an array.
 */
export function activityFolder(): { add(p: AccessPattern): void; readonly result: Map<string, UserActivity> } {
  const out = new Map<string, UserActivity>();
  const legacy = legacyTester();
  const mobileMemo = new Map<string, boolean>();
  let last: UserActivity | undefined;
  let lastId = "";
  return {
    result: out,
    add(p) {
      // Patterns usually arrive grouped by user: skip the map lookup for runs of the same user.
      let a = p.userId === lastId ? last : out.get(p.userId);
      if (!a) out.set(p.userId, (a = fresh()));
      last = a;
      lastId = p.userId;
      a.count += p.count;
      a.successCount += p.successCount;
      if (p.signInEventType === "nonInteractiveUser") a.nonInteractiveCount += p.count;
      else a.interactiveCount += p.count;
      if (legacy(p.clientAppUsed)) a.legacyCount += p.count;
      const os = p.operatingSystem;
      if (os) {
        let m = mobileMemo.get(os);
        if (m === undefined) mobileMemo.set(os, (m = MOBILE.test(os)));
        if (m) a.mobileCount += p.count;
      }
      if (p.successCount > 0 && (a.lastSuccess === null || p.lastSeen > a.lastSuccess)) a.lastSuccess = p.lastSeen;
      if (a.lastSeen === null || p.lastSeen > a.lastSeen) a.lastSeen = p.lastSeen;
      if (p.ipAddress) {
        if (a.ip === null) a.ip = p.ipAddress;
        else if (a.ip !== p.ipAddress) a.manyIps = true;
      }
    },
  };
}

/** Fold access patterns into one activity record per user id. */
export function foldActivity(patterns: Iterable<AccessPattern>): Map<string, UserActivity> {
  const f = activityFolder();
  for (const p of patterns) f.add(p);
  return f.result;
}
