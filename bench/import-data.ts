// Generates sign-in exports of a given size for the import benchmark and tests: a Graph JSON array (as the
// portal's JSON download and Graph pages hold) and the admin center's interactive sign-in CSV.
// Deterministic (seeded), streamed to disk, ~1.5 KB per JSON record like real beta signIn rows.

import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { csvCell, PORTAL_SIGNIN_HEADER } from "../src/adapters/import/export.js";

const APPS = [
  ["00000002-0000-0ff1-ce00-000000000000", "Office 365 Exchange Online"],
  ["00000003-0000-0ff1-ce00-000000000000", "Office 365 SharePoint Online"],
  ["1fec8e78-bce4-4aaf-ab1b-5451cc387264", "Microsoft Teams"],
  ["c44b4083-3bb0-49c1-b47d-974e53cbdf3c", "Azure Portal"],
  ["d3590ed6-52b3-4102-aeff-aad2292ab01c", "Microsoft Office"],
] as const;
/** About 5% legacy protocols, as in a tenant that has not blocked them yet. */
const CLIENTS = [
  ...Array.from({ length: 10 }, () => "Browser"),
  ...Array.from({ length: 9 }, () => "Mobile Apps and Desktop clients"),
  "IMAP4",
];
const OS = ["Windows10", "MacOs", "Ios", "Android"];
/** About 8% failures: MFA interrupts, wrong passwords, CA blocks. */
const CODES = [...Array.from({ length: 23 }, () => 0), 50074, 50126];

/** xorshift32: fast and deterministic. */
function rng(seed: number): () => number {
  let x = seed | 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
}

function hex(r: () => number, n: number): string {
  let s = "";
  for (let i = 0; i < n; i++) s += "0123456789abcdef"[Math.floor(r() * 16)];
  return s;
}

function guid(r: () => number): string {
  return `${hex(r, 8)}-${hex(r, 4)}-4${hex(r, 3)}-a${hex(r, 3)}-${hex(r, 12)}`;
}

export interface GeneratedSignIn {
  readonly json: Record<string, unknown>;
}

/** An endless deterministic stream of beta-like signIn objects, newest first over `days` before `now`. */
export function* signInStream(
  seed: number,
  users: number,
  now: number,
  expected: number,
  days = 30,
): Generator<Record<string, unknown>> {
  const r = rng(seed);
  const userIds = Array.from({ length: users }, () => guid(r));
  const span = days * 86_400_000;
  let i = 0;
  for (;;) {
    const u = Math.floor(r() * users);
    const [appId, appName] = APPS[Math.floor(r() * APPS.length)] as readonly [string, string];
    const code = CODES[Math.floor(r() * CODES.length)] as number;
    // Newest first, spread over the window, like a portal or Graph download.
    const t = new Date(now - Math.floor((i * span) / expected) - Math.floor(r() * 1000)).toISOString();
    const os = OS[u % OS.length] as string;
    const deviceId = u % 3 === 0 ? "" : (userIds[(u * 31) % users] as string);
    i++;
    yield {
      id: guid(r),
      createdDateTime: t,
      userDisplayName: `User ${u}`,
      userPrincipalName: `user${u}@contoso.example`,
      userId: userIds[u],
      appId,
      appDisplayName: appName,
      ipAddress: `203.0.${u % 250}.${(u * 7) % 250}`,
      clientAppUsed: CLIENTS[Math.floor(r() * CLIENTS.length)],
      userAgent:
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.0.0",
      correlationId: guid(r),
      conditionalAccessStatus: "success",
      isInteractive: true,
      signInEventTypes: ["interactiveUser"],
      authenticationRequirement: code === 0 && r() < 0.5 ? "multiFactorAuthentication" : "singleFactorAuthentication",
      resourceDisplayName: appName,
      resourceId: appId,
      status: {
        errorCode: code,
        failureReason: code === 0 ? "Other." : "Strong Authentication is required.",
        additionalDetails: null,
      },
      deviceDetail: {
        deviceId,
        displayName: null,
        operatingSystem: os,
        browser: "Edge 120.0.0",
        isCompliant: u % 2 === 0,
        isManaged: u % 2 === 0,
        trustType: u % 2 === 0 ? "Azure AD joined" : null,
      },
      location: {
        city: "Redmond",
        state: "Washington",
        countryOrRegion: "US",
        geoCoordinates: { altitude: null, latitude: 47.68, longitude: -122.12 },
      },
      appliedConditionalAccessPolicies: [
        {
          id: "6551c58c-e5da-4036-a6ea-c2c3fad264f1",
          displayName: "Require MFA",
          enforcedGrantControls: ["Mfa"],
          enforcedSessionControls: [],
          result: code === 0 ? "success" : "failure",
        },
        {
          id: "b645a140-20fe-4ce0-a724-18ab201e9026",
          displayName: "Block legacy",
          enforcedGrantControls: ["Block"],
          enforcedSessionControls: [],
          result: "notApplied",
        },
      ],
      authenticationDetails: [
        {
          authenticationStepDateTime: t,
          authenticationMethod: "Password",
          authenticationMethodDetail: "Password in the cloud",
          succeeded: true,
          authenticationStepResultDetail: "Correct password",
          authenticationStepRequirement: "Primary authentication",
        },
      ],
      riskLevelDuringSignIn: "none",
      riskState: "none",
      tokenIssuerType: "AzureAD",
    };
  }
}

async function drain(out: ReturnType<typeof createWriteStream>, text: string): Promise<void> {
  if (!out.write(text)) await once(out, "drain");
}

/** Write a JSON array of sign-ins of about `bytes` bytes (pretty = one record per line). Returns records written. */
export async function writeSignInJson(
  path: string,
  bytes: number,
  opts: { seed?: number; users?: number; ndjson?: boolean; now?: number } = {},
): Promise<number> {
  const out = createWriteStream(path, { highWaterMark: 1 << 22 });
  const gen = signInStream(
    opts.seed ?? 1,
    opts.users ?? 20_000,
    opts.now ?? Date.parse("2026-11-22T00:00:00Z"),
    Math.max(1, Math.floor(bytes / 1900)),
  );
  let written = 0;
  let n = 0;
  let buf = opts.ndjson ? "" : "[";
  while (written + buf.length < bytes) {
    const rec = JSON.stringify(gen.next().value);
    buf += opts.ndjson ? `${rec}\n` : `${n === 0 ? "\n" : ",\n"}${rec}`;
    n++;
    if (buf.length > 1 << 20) {
      written += buf.length;
      await drain(out, buf);
      buf = "";
    }
  }
  buf += opts.ndjson ? "" : "\n]\n";
  await drain(out, buf);
  out.end();
  await once(out, "finish");
  return n;
}

/** Write the admin center's interactive sign-in CSV (56 columns) of about `bytes` bytes. */
export async function writeSignInCsv(
  path: string,
  bytes: number,
  opts: { seed?: number; users?: number; now?: number } = {},
): Promise<number> {
  const out = createWriteStream(path, { highWaterMark: 1 << 22 });
  const gen = signInStream(
    opts.seed ?? 2,
    opts.users ?? 20_000,
    opts.now ?? Date.parse("2026-11-22T00:00:00Z"),
    Math.max(1, Math.floor(bytes / 640)),
  );
  let buf = `\uFEFF${PORTAL_SIGNIN_HEADER.map(csvCell).join(",")}\r\n`;
  let written = 0;
  let n = 0;
  while (written + buf.length < bytes) {
    // biome-ignore lint/suspicious/noExplicitAny: generated record of known shape
    const s = gen.next().value as Record<string, any>;
    const row: Record<string, unknown> = {
      "Date (UTC)": s.createdDateTime,
      "Request ID": s.id,
      "User agent": s.userAgent,
      "Correlation ID": s.correlationId,
      "User ID": s.userId,
      User: s.userDisplayName,
      Username: s.userPrincipalName,
      "User type": "Member",
      Application: s.appDisplayName,
      "Application ID ": s.appId,
      Resource: s.resourceDisplayName,
      "Resource ID ": s.resourceId,
      "IP address": s.ipAddress,
      Location: "Redmond, Washington, US",
      Status: s.status.errorCode === 0 ? "Success" : "Failure",
      "Sign-in error code": s.status.errorCode,
      "Failure reason": s.status.failureReason,
      "Client app": s.clientAppUsed,
      "Device ID": s.deviceDetail.deviceId,
      Browser: s.deviceDetail.browser,
      "Operating System": s.deviceDetail.operatingSystem,
      Compliant: s.deviceDetail.isCompliant,
      Managed: s.deviceDetail.isManaged,
      "Join Type": s.deviceDetail.trustType,
      "Authentication requirement": s.authenticationRequirement,
      "Conditional Access": s.conditionalAccessStatus,
      "Token issuer type": "AzureAD",
      Latency: 120,
    };
    const seen = new Set<string>();
    buf += `${PORTAL_SIGNIN_HEADER.map((h) => {
      if (seen.has(h)) return "";
      seen.add(h);
      return csvCell(row[h]);
    }).join(",")}\r\n`;
    n++;
    if (buf.length > 1 << 20) {
      written += buf.length;
      await drain(out, buf);
      buf = "";
    }
  }
  await drain(out, buf);
  out.end();
  await once(out, "finish");
  return n;
}
