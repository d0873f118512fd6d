// Per-user sign-in activity folded from the access patterns in one pass: what the classifiers and the
// emergency-account checks need (last success, mobile use, legacy-only, interactive or not).

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
  ips: Set<string>;
}

const MOBILE = /^(ios|ipados|android)/i;

/** Fold access patterns into one activity record per user id. */
export function foldActivity(patterns: readonly AccessPattern[]): Map<string, UserActivity> {
  const out = new Map<string, UserActivity>();
  for (const p of patterns) {
    let a = out.get(p.userId);
    if (!a) {
      a = {
        count: 0,
        successCount: 0,
        interactiveCount: 0,
        nonInteractiveCount: 0,
        legacyCount: 0,
        mobileCount: 0,
        lastSuccess: null,
        lastSeen: null,
        ips: new Set(),
      };
      out.set(p.userId, a);
    }
    a.count += p.count;
    a.successCount += p.successCount;
    if (p.signInEventType === "nonInteractiveUser") a.nonInteractiveCount += p.count;
    else a.interactiveCount += p.count;
    if (isLegacyClientApp(p.clientAppUsed)) a.legacyCount += p.count;
    if (p.operatingSystem && MOBILE.test(p.operatingSystem)) a.mobileCount += p.count;
    if (p.successCount > 0 && (a.lastSuccess === null || p.lastSeen > a.lastSuccess)) a.lastSuccess = p.lastSeen;
    if (a.lastSeen === null || p.lastSeen > a.lastSeen) a.lastSeen = p.lastSeen;
    if (p.ipAddress && a.ips.size < 16) a.ips.add(p.ipAddress);
  }
  return out;
}
