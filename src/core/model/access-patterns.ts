// Folding sign-ins into access patterns (see AccessPattern in sign-in.ts): the key that identifies a
// pattern and the accumulation of counts. Pure; the store and importers call it.

import type { AccessPattern, SignIn } from "./sign-in.js";
import { errorClassOf } from "./sign-in-codes.js";

const SEP = "\u001f";

/** The identity of a pattern: every field of AccessPattern that is not a count or a time. */
export function accessPatternKey(p: AccessPattern): string {
  return [
    p.userId,
    p.signInEventType,
    p.appId,
    p.resourceId ?? "",
    p.clientAppUsed,
    p.operatingSystem ?? "",
    p.browser ?? "",
    p.deviceId ?? "",
    p.trustType ?? "",
    p.isCompliant == null ? "" : p.isCompliant ? "1" : "0",
    p.ipAddress ?? "",
    p.countryOrRegion ?? "",
  ].join(SEP);
}

/** The identity of the pattern a sign-in belongs to. */
export function patternKeyOf(s: SignIn): string {
  const d = s.deviceDetail;
  return [
    s.userId,
    s.signInEventType,
    s.appId,
    s.resourceId ?? "",
    s.clientAppUsed,
    d?.operatingSystem ?? "",
    d?.browser ?? "",
    d?.deviceId ?? "",
    d?.trustType ?? "",
    d?.isCompliant == null ? "" : d.isCompliant ? "1" : "0",
    s.ipAddress ?? "",
    s.location?.countryOrRegion ?? "",
  ].join(SEP);
}

type MutablePattern = { -readonly [K in keyof AccessPattern]: AccessPattern[K] };

/** A new pattern holding just this sign-in. */
export function patternOf(s: SignIn): AccessPattern {
  const p: MutablePattern = {
    userId: s.userId,
    userPrincipalName: s.userPrincipalName,
    signInEventType: s.signInEventType,
    appId: s.appId,
    appDisplayName: s.appDisplayName ?? null,
    resourceId: s.resourceId ?? null,
    clientAppUsed: s.clientAppUsed,
    operatingSystem: s.deviceDetail?.operatingSystem ?? null,
    browser: s.deviceDetail?.browser ?? null,
    deviceId: s.deviceDetail?.deviceId ?? null,
    deviceDisplayName: s.deviceDetail?.displayName ?? null,
    trustType: s.deviceDetail?.trustType ?? null,
    isCompliant: s.deviceDetail?.isCompliant ?? null,
    ipAddress: s.ipAddress ?? null,
    countryOrRegion: s.location?.countryOrRegion ?? null,
    count: 0,
    successCount: 0,
    failureCount: 0,
    interruptCount: 0,
    mfaCount: 0,
    lastErrorCode: null,
    firstSeen: s.createdDateTime,
    lastSeen: s.createdDateTime,
  };
  return addToPattern(p, s);
}

/** Add a sign-in to a pattern with the same key (mutates and returns `p`, which must be one of ours). */
export function addToPattern(p: AccessPattern, s: SignIn): AccessPattern {
  const m = p as MutablePattern;
  const cls = errorClassOf(s.status.errorCode);
  m.count++;
  if (cls === "success") {
    m.successCount++;
    if (s.authenticationRequirement === "multiFactorAuthentication") m.mfaCount++;
  } else if (cls === "interrupt") {
    m.interruptCount++;
  } else {
    m.failureCount++;
  }
  const isLatest = s.createdDateTime >= m.lastSeen;
  // The code of the most recent failure (exact for chronological input, a recent one otherwise).
  if (s.status.errorCode !== 0 && (isLatest || m.lastErrorCode === null)) m.lastErrorCode = s.status.errorCode;
  if (s.createdDateTime < m.firstSeen) m.firstSeen = s.createdDateTime;
  if (isLatest) m.lastSeen = s.createdDateTime;
  return m;
}

/** Merge two patterns with the same key into a new one. */
export function mergePatterns(a: AccessPattern, b: AccessPattern): AccessPattern {
  const later = b.lastSeen >= a.lastSeen ? b : a;
  return {
    ...a,
    count: a.count + b.count,
    successCount: a.successCount + b.successCount,
    failureCount: a.failureCount + b.failureCount,
    interruptCount: a.interruptCount + b.interruptCount,
    mfaCount: a.mfaCount + b.mfaCount,
    firstSeen: a.firstSeen < b.firstSeen ? a.firstSeen : b.firstSeen,
    lastSeen: later.lastSeen,
    lastErrorCode: later.lastErrorCode ?? a.lastErrorCode ?? b.lastErrorCode,
  };
}

/** Fold sign-ins into patterns. */
export function aggregatePatterns(signIns: Iterable<SignIn>): AccessPattern[] {
  const map = new Map<string, AccessPattern>();
  for (const s of signIns) {
    const k = patternKeyOf(s);
    const p = map.get(k);
    if (p) addToPattern(p, s);
    else map.set(k, patternOf(s));
  }
  return [...map.values()];
}
